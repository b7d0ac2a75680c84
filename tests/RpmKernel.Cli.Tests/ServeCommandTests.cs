using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using RpmKernel.Cli.Tests.Support;

namespace RpmKernel.Cli.Tests;

/// <summary><c>rpmk serve</c> over the CLI's own settings and store, driven over HTTP.</summary>
public sealed partial class ServeCommandTests
{
    private const string Key = "cli-serve-key-0123456789abcdef";

    [Fact]
    public async Task Serve_answers_personalize_for_the_keys_tenant_over_the_store_the_cli_ingested_into_and_masks_the_key()
    {
        await using var cli = await CliHarness.StartAsync();
        cli.Environment["Rpm__Server__ApiKeys__agents__Key"] = Key;
        cli.Environment["Rpm__Server__ApiKeys__agents__Tenant"] = "acme";
        var history = cli.WriteFile("history.jsonl", Histories.SixMovies);
        Assert.Equal(0, (await cli.RunAsync("ingest", "--user", "acme:grace", "--task", "lamp2", "--history", history)).ExitCode);

        using var stop = new CancellationTokenSource();
        using var stdout = new SharedWriter();
        using var stderr = new SharedWriter();
        var run = CliApp.RunAsync(["serve", "--urls", "http://127.0.0.1:0"], stdout, stderr, cli.Environment, stop.Token);
        var address = await ListeningAddressAsync(stderr, run);

        using var http = new HttpClient { BaseAddress = new Uri(address + "/v1/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await http.PostAsJsonAsync("users/grace/personalize", new { query = Histories.NewMovie });
        var body = await response.Content.ReadAsStringAsync();
        stop.Cancel();
        var code = await run;

        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var answer = JsonDocument.Parse(body);
        Assert.Contains(answer.RootElement.GetProperty("answer").GetString(), Histories.Lamp2Labels);
        Assert.All(answer.RootElement.GetProperty("examples").EnumerateArray(), e => Assert.StartsWith("m", e.GetProperty("itemId").GetString()));
        Assert.Equal(CliApp.Cancelled, code);
        Assert.DoesNotContain(Key, stderr.Text + stdout.Text);
    }

    [Fact]
    public async Task Serve_without_an_api_key_refuses_to_start_with_exit_code_2_and_says_what_to_add()
    {
        await using var cli = await CliHarness.StartAsync();

        var result = await cli.RunAsync("serve", "--urls", "http://127.0.0.1:0");

        Assert.Equal(CliApp.InputError, result.ExitCode);
        Assert.Contains("Rpm:Server:ApiKeys:<name>:Key", result.Stderr);
    }

    private static async Task<string> ListeningAddressAsync(SharedWriter stderr, Task<int> run)
    {
        // A guard against a hang, not a timing assertion: start-up takes a second or two.
        for (var waited = 0; waited < 60_000; waited += 50)
        {
            if (ListeningLine().Match(stderr.Text) is { Success: true } match)
            {
                return match.Groups[1].Value;
            }

            if (run.IsCompleted)
            {
                Assert.Fail($"rpmk serve ended with {await run} before listening: {stderr.Text}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"rpmk serve did not report its address: {stderr.Text}");
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
