using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using RpmKernel.AspNetCore.Tests.Auth;
using RpmKernel.AspNetCore.Tests.Support;

namespace RpmKernel.AspNetCore.Tests.RateLimiting;

public sealed class ApiKeyRateLimiterPolicyTests
{
    // A window far longer than the test, so the counts cannot be reset under it.
    private static readonly Dictionary<string, string?> TwoPerHourForTheReader = new()
    {
        ["Rpm:Server:RateLimit:PermitsPerWindow"] = "5",
        ["Rpm:Server:RateLimit:Window"] = "01:00:00",
        ["Rpm:Server:RateLimit:Keys:acme-reader:PermitsPerWindow"] = "2",
        ["Rpm:Server:RateLimit:Keys:acme-admin:PermitsPerWindow"] = "0",
    };

    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_Retry_After_while_other_keys_of_the_same_tenant_go_on()
    {
        await using var server = await RpmTestServer.StartAsync(TwoPerHourForTheReader);
        var reader = server.Client(TestKeys.AcmeReader);
        var admin = server.Client(TestKeys.AcmeAdmin);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await reader.PostAsJsonAsync("users/nobody/personalize", new { query = "q" });
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var retryAfter = response.Headers.RetryAfter?.Delta;
                Assert.NotNull(retryAfter);
                Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
                var detail = await ApiKeyAuthenticationTests.Detail(response);
                Assert.Contains("'acme-reader'", detail);
                Assert.Contains("more than 2 requests", detail);
                Assert.Contains("Rpm:Server:RateLimit:Keys:acme-reader:PermitsPerWindow", detail);
                Assert.DoesNotContain(TestKeys.AcmeReader, await response.Content.ReadAsStringAsync());
            }
        }

        // The admin key's override turns its limit off, past the server's 5 per window.
        var adminAnswers = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await admin.PostAsJsonAsync("users/nobody/personalize", new { query = "q" });
            adminAnswers.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], answers);
        Assert.All(adminAnswers, status => Assert.Equal(HttpStatusCode.NotFound, status));
    }

    [Fact]
    public async Task The_server_limit_applies_to_keys_without_an_override_and_each_key_counts_alone()
    {
        await using var server = await RpmTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Rpm:Server:RateLimit:PermitsPerWindow"] = "1",
            ["Rpm:Server:RateLimit:Window"] = "01:00:00",
        });

        using var first = await server.Client(TestKeys.AcmeReader).PostAsJsonAsync("users/nobody/personalize", new { query = "q" });
        using var second = await server.Client(TestKeys.AcmeReader).PostAsJsonAsync("users/nobody/personalize", new { query = "q" });
        using var otherKey = await server.Client(TestKeys.GlobexAdmin).PostAsJsonAsync("users/nobody/personalize", new { query = "q" });
        using var noKey = await server.Client(key: null).PostAsJsonAsync("users/nobody/personalize", new { query = "q" });

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Fact]
    public async Task A_limit_out_of_range_or_an_override_for_an_unknown_key_stops_the_server_from_starting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => RpmTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Rpm:Server:RateLimit:PermitsPerWindow"] = "-1",
            ["Rpm:Server:RateLimit:Window"] = "00:00:00",
            ["Rpm:Server:RateLimit:Keys:acme-raeder:PermitsPerWindow"] = "2",
        }));

        var message = string.Join(" ", failure.Failures);
        Assert.Contains("Rpm:Server:RateLimit:PermitsPerWindow must be 0 or more", message);
        Assert.Contains("Rpm:Server:RateLimit:Window must be a positive duration", message);
        Assert.Contains("Rpm:Server:RateLimit:Keys:acme-raeder names no API key", message);
        Assert.Contains("acme-reader", message);
    }
}
