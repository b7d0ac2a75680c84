using Microsoft.Extensions.AI;
using RpmKernel.SemanticKernel.ChatClients;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.ChatClients;

public sealed class DeferredChatClientTests
{
    [Fact]
    public async Task A_runtime_from_options_builds_its_chat_connector_on_the_first_model_call_only()
    {
        await using var host = await RpmTestHost.StartAsync();
        using (var ingest = host.Runtime())
        {
            await ingest.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));
        }

        using var runtime = host.Runtime();
        var client = Assert.IsType<DeferredChatClient>(runtime.ChatClient);
        Assert.Equal(3, (await runtime.Pipeline.ExplainAsync("alice", "lamp2")).ItemCount);
        Assert.All(runtime.StageModels, m => Assert.Equal(runtime.Options.Chat.Model, m.Model));
        Assert.False(client.IsCreated);

        var answer = await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", "A heist crew plans one last job.");
        Assert.True(client.IsCreated);
        Assert.False(string.IsNullOrWhiteSpace(answer.Answer));
    }

    [Fact]
    public async Task The_client_is_built_once_by_the_first_of_concurrent_calls_and_its_metadata_needs_no_build()
    {
        var builds = 0;
        using var gate = new ManualResetEventSlim();
        var metadata = new ChatClientMetadata("test", defaultModelId: "m");
        var client = new DeferredChatClient(
            () =>
            {
                Interlocked.Increment(ref builds);
                gate.Wait(TimeSpan.FromSeconds(10));
                return new EchoChatClient();
            },
            metadata);

        Assert.Same(metadata, client.GetService<ChatClientMetadata>());
        Assert.Equal(0, builds);

        var calls = Enumerable.Range(0, 4).Select(_ => Task.Run(() => client.GetResponseAsync("hi"))).ToList();
        gate.Set();
        var replies = await Task.WhenAll(calls);

        Assert.Equal(1, builds);
        Assert.All(replies, r => Assert.Equal("echo: hi", r.Text));
        Assert.IsType<EchoChatClient>(client.GetService<EchoChatClient>());
    }

    [Fact]
    public async Task Prepare_builds_the_client_on_the_thread_pool_before_any_call()
    {
        var built = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new DeferredChatClient(() =>
        {
            built.SetResult();
            return new EchoChatClient();
        });

        client.Prepare();

        await built.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("echo: hi", (await client.GetResponseAsync("hi")).Text);
        Assert.True(client.IsCreated);
    }

    [Fact]
    public async Task A_factory_that_fails_fails_every_call_without_running_again()
    {
        var builds = 0;
        var client = new DeferredChatClient(() =>
        {
            builds++;
            throw new InvalidOperationException("no connector");
        });

        Assert.Equal("no connector", (await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync("hi"))).Message);
        Assert.Equal("no connector", Assert.Throws<InvalidOperationException>(() => client.GetService<ChatClientMetadata>()).Message);
        Assert.Equal(1, builds);
    }

    private sealed class EchoChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "echo: " + messages.Last().Text)));

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose()
        {
        }
    }
}
