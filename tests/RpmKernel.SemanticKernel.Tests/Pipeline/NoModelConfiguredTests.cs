using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

public sealed class NoModelConfiguredTests
{
    [Fact]
    public async Task Explain_and_forget_need_no_model_while_ingest_and_personalize_say_how_to_configure_one()
    {
        Assert.True(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OPENAI_API_KEY")), "run the tests without OPENAI_API_KEY (.ci/run unsets it)");
        await using var host = await RpmTestHost.StartAsync();
        using (var configured = host.Runtime())
        {
            await configured.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));
        }

        // Only the chat model is missing; the embeddings server stays configured on its own endpoint.
        using var runtime = host.Runtime(o =>
        {
            o.Embeddings.Endpoint = o.Chat.Endpoint;
            o.Chat.Endpoint = null;
            o.Chat.ApiKey = null;
        });

        Assert.Equal(3, (await runtime.Pipeline.ExplainAsync("alice", "lamp2")).ItemCount);
        var personalize = await Assert.ThrowsAsync<RpmInputException>(() => runtime.Pipeline.PersonalizeAsync("alice", "lamp2", "A film."));
        Assert.StartsWith("No model is configured: set OPENAI_API_KEY", personalize.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RpmInputException>(() => runtime.Pipeline.IngestAsync("bob", "lamp2", SampleHistories.MovieTags(2)));
        Assert.Equal(3, (await runtime.Pipeline.ForgetAsync("alice")).Records);
    }
}
