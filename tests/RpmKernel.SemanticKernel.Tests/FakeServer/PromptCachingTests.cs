using System.Text.Json.Nodes;

namespace RpmKernel.SemanticKernel.Tests.FakeServer;

/// <summary>The fake server's prompt caching follows OpenAI's rules: 1,024 tokens at least, then steps of 128, exact beginnings only.</summary>
public sealed class PromptCachingTests : FakeServerTestBase
{
    private static string Words(string stem, int count) => string.Join(' ', Enumerable.Range(1, count).Select(i => $"{stem}{i}"));

    private async Task<int> CachedAsync(JsonObject request) =>
        (await ChatAsync(request))["usage"]!["prompt_tokens_details"]!["cached_tokens"]!.GetValue<int>();

    [Fact]
    public async Task A_prompt_reports_the_longest_shared_beginning_in_steps_of_128_from_1024()
    {
        var shared = Words("s", 1200);

        Assert.Equal(0, await CachedAsync(ChatRequest(Words("a", 100), system: shared)));

        // 1,200 shared words: the largest step not beyond them is 1,024 + 128.
        Assert.Equal(1152, await CachedAsync(ChatRequest(Words("b", 100), system: shared)));

        // The same prompt again: its 1,300 words share 1,280 (the next step, 1,408, is beyond the prompt).
        Assert.Equal(1280, await CachedAsync(ChatRequest(Words("b", 100), system: shared)));
        Assert.Equal(1152 + 1280, Server.CachedPromptTokens);
    }

    [Fact]
    public async Task Less_than_1024_shared_tokens_another_response_format_or_caching_off_read_nothing_from_the_cache()
    {
        var shared = Words("s", 1000);
        Assert.Equal(0, await CachedAsync(ChatRequest(Words("a", 500), system: shared)));
        Assert.Equal(0, await CachedAsync(ChatRequest(Words("b", 500), system: shared)));

        var long1 = Words("l", 1500);
        Assert.Equal(0, await CachedAsync(ChatRequest("x", system: long1)));
        var otherFormat = ChatRequest("x", JsonSchemaFormat(new JsonObject { ["type"] = "object" }), system: long1);
        Assert.Equal(0, await CachedAsync(otherFormat));

        // The same words as a user message instead of a system one are another prompt.
        Assert.Equal(0, await CachedAsync(ChatRequest(long1 + " x")));

        Server.PromptCaching = false;
        Assert.Equal(0, await CachedAsync(ChatRequest("x", system: long1)));
    }
}
