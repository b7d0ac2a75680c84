using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk serve</c> applies <c>Rpm:Server:RateLimit</c>: the command wires the rate limiter, not only the library.</summary>
public sealed partial class ServeCommandTests
{
    [Fact]
    public async Task Serve_answers_429_with_Retry_After_once_a_key_is_over_its_rate_limit()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Server__ApiKeys__agents__Key"] = Key;
        cli.Environment["Rpm__Server__ApiKeys__agents__Tenant"] = "acme";
        cli.Environment["Rpm__Server__RateLimit__PermitsPerWindow"] = "1";
        cli.Environment["Rpm__Server__RateLimit__Window"] = "01:00:00";

        using var stop = new CancellationTokenSource();
        using var stdout = new SharedWriter();
        using var stderr = new SharedWriter();
        var run = CliApp.RunAsync(["serve", "--urls", "http://127.0.0.1:0"], stdout, stderr, cli.Environment, stop.Token);
        var address = await ListeningAddressAsync(stderr, run);

        using var http = new HttpClient { BaseAddress = new Uri(address + "/v1/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var first = await http.PostAsJsonAsync("users/nobody/personalize", new { query = Histories.NewMovie });
        using var second = await http.PostAsJsonAsync("users/nobody/personalize", new { query = Histories.NewMovie });
        var body = await second.Content.ReadAsStringAsync();
        stop.Cancel();
        await run;

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter?.Delta);
        Assert.Contains("Rpm:Server:RateLimit:Keys:agents:PermitsPerWindow", body);
    }
}
