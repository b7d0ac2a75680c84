using System.Diagnostics;
using System.Text.Json.Nodes;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.FakeServer;

public sealed class FaultInjectionTests : FakeServerTestBase
{
    [Fact]
    public async Task Rate_limit_fault_sends_429_with_retry_after_then_the_next_call_succeeds()
    {
        Server.EnqueueFault(FakeFault.Status(429, retryAfter: TimeSpan.FromMilliseconds(1500)));

        using (var limited = await PostAsync("chat/completions", ChatRequest("hi")))
        {
            Assert.Equal(429, (int)limited.StatusCode);
            Assert.Equal("2", limited.Headers.GetValues("Retry-After").Single());
            Assert.Equal("1500", limited.Headers.GetValues("retry-after-ms").Single());
            var error = JsonNode.Parse(await limited.Content.ReadAsStringAsync())!["error"]!;
            Assert.Equal("rate_limit_error", error["type"]!.GetValue<string>());
        }

        Assert.Equal("ok", await ChatContentAsync(ChatRequest("hi")));
    }

    [Fact]
    public async Task Server_error_fault_sends_the_given_body_without_retry_after()
    {
        Server.EnqueueFault(FakeFault.Status(500, body: "{\"error\":{\"message\":\"boom\"}}"));

        using var response = await PostAsync("chat/completions", ChatRequest("hi"));

        Assert.Equal(500, (int)response.StatusCode);
        Assert.False(response.Headers.Contains("Retry-After"));
        Assert.Equal("{\"error\":{\"message\":\"boom\"}}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delay_fault_postpones_a_normal_answer()
    {
        Server.EnqueueFault(FakeFault.Delay(TimeSpan.FromMilliseconds(300)));

        var watch = Stopwatch.StartNew();
        var content = await ChatContentAsync(ChatRequest("hi"));

        Assert.True(watch.ElapsedMilliseconds >= 280, $"answered after {watch.ElapsedMilliseconds} ms");
        Assert.Equal("ok", content);
    }

    [Fact]
    public async Task Faults_are_consumed_one_per_chat_request_in_order_and_not_by_embeddings()
    {
        Server.EnqueueFault(FakeFault.Status(503));
        Server.EnqueueFault(FakeFault.Content("{\"label\": "));
        Server.EnqueueFault(FakeFault.Content(string.Empty));

        using (var embed = await PostAsync("embeddings", new JsonObject { ["model"] = "m", ["input"] = "x" }))
        {
            Assert.Equal(200, (int)embed.StatusCode);
        }

        Assert.Equal(3, Server.PendingFaultCount);
        using (var unavailable = await PostAsync("chat/completions", ChatRequest("hi")))
        {
            Assert.Equal(503, (int)unavailable.StatusCode);
        }

        Assert.Equal("{\"label\": ", await ChatContentAsync(ChatRequest("hi")));
        Assert.Equal(string.Empty, await ChatContentAsync(ChatRequest("hi")));
        Assert.Equal("ok", await ChatContentAsync(ChatRequest("hi")));
        Assert.Equal(0, Server.PendingFaultCount);
    }

    [Fact]
    public async Task Raw_content_fault_wins_over_responders()
    {
        Server.Respond(_ => "from responder");
        Server.EnqueueFault(FakeFault.Content("not json"));

        Assert.Equal("not json", await ChatContentAsync(ChatRequest("hi")));
        Assert.Equal("from responder", await ChatContentAsync(ChatRequest("hi")));
    }

    [Fact]
    public async Task Latency_delays_every_chat_answer_and_a_client_timeout_cancels_it()
    {
        Server.Latency = TimeSpan.FromSeconds(5);
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.PostAsync(
            new Uri(Server.Endpoint, "chat/completions"),
            new StringContent(ChatRequest("hi").ToJsonString())));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4));

        Server.Latency = TimeSpan.FromMilliseconds(150);
        watch.Restart();
        Assert.Equal("ok", await ChatContentAsync(ChatRequest("hi")));
        Assert.True(watch.ElapsedMilliseconds >= 130, $"answered after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Fault_factories_reject_values_that_are_not_faults()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FakeFault.Status(200));
        Assert.Throws<ArgumentOutOfRangeException>(() => FakeFault.Delay(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentNullException>(() => FakeFault.Content(null!));
    }
}
