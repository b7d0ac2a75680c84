using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RpmKernel.AspNetCore.Tests.Auth;
using RpmKernel.AspNetCore.Tests.Support;

namespace RpmKernel.AspNetCore.Tests.Endpoints;

/// <summary>Two tenants with a user of the same id: no endpoint lets one see or touch the other's.</summary>
public sealed class TenantIsolationTests
{
    private const string NewMovie = "A teenager discovers the town she lives in is a simulation run by a corporation.";

    [Fact]
    public async Task Tenant_a_never_sees_or_changes_tenant_bs_user_of_the_same_id_through_any_endpoint()
    {
        await using var server = await RpmTestServer.StartAsync();
        await server.IngestAsync(TestKeys.AcmeTenant, "42", TestHistories.Alice);
        await server.IngestAsync(TestKeys.GlobexTenant, "42", TestHistories.Bob);
        await server.IngestAsync(TestKeys.GlobexTenant, "globex-only", TestHistories.Bob);
        var acme = server.Client(TestKeys.AcmeAdmin);
        var globex = server.Client(TestKeys.GlobexAdmin);

        var acmeUsers = await Json(await acme.GetAsync("users"));
        var acmeExplain = await Json(await acme.GetAsync("users/42/explain"));
        var acmePersonalize = await Json(await acme.PostAsJsonAsync("users/42/personalize", new { query = NewMovie }));
        var acmeUsage = await Json(await acme.GetAsync("usage"));
        using var acmeReachesGlobexOnly = await acme.GetAsync("users/globex-only/explain");
        using var prefixTrick = await acme.GetAsync("users/" + Uri.EscapeDataString("globex:42") + "/explain");
        var observed = await Json(await acme.PostAsJsonAsync("users/42/observe", new { query = "A clerk rebels against the watchers.", answer = "dystopia", itemId = "alice-5" }));
        var forgot = await Json(await acme.DeleteAsync("users/42"));
        var globexAfter = await Json(await globex.GetAsync("users/42/explain"));
        var globexUsers = await Json(await globex.GetAsync("users"));

        Assert.Equal(["42"], acmeUsers.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("userId").GetString()));
        Assert.Equal("42", acmeExplain.GetProperty("userId").GetString());
        Assert.Equal(TestHistories.Alice.Count, acmeExplain.GetProperty("itemCount").GetInt32());
        Assert.All(acmePersonalize.GetProperty("examples").EnumerateArray(), e => Assert.StartsWith("alice-", e.GetProperty("itemId").GetString(), StringComparison.Ordinal));
        Assert.All(acmeUsage.GetProperty("users").EnumerateArray(), u => Assert.Equal("42", u.GetProperty("userId").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, acmeReachesGlobexOnly.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, prefixTrick.StatusCode);
        Assert.Equal("42", observed.GetProperty("userId").GetString());
        Assert.Equal(TestHistories.Alice.Count + 1, observed.GetProperty("model").GetProperty("itemCount").GetInt32());
        Assert.True(forgot.GetProperty("records").GetInt32() > 0);
        Assert.Equal(TestHistories.Bob.Count, globexAfter.GetProperty("itemCount").GetInt32());
        Assert.Equal(["42", "globex-only"], globexUsers.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("userId").GetString()).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("acme", globexUsers.ToString());
        Assert.DoesNotContain("globex", acmeUsers.ToString() + acmeUsage);
    }

    [Fact]
    public async Task Health_needs_no_key_readiness_checks_store_and_model_and_an_oversized_body_gets_413()
    {
        await using var server = await RpmTestServer.StartAsync(new Dictionary<string, string?> { ["Rpm:Server:MaxRequestBodyBytes"] = "1024" });
        using var anonymous = new HttpClient { BaseAddress = server.Address };

        using var live = await anonymous.GetAsync("healthz");
        var ready = await Json(await anonymous.GetAsync("readyz"));
        using var large = await server.Client(TestKeys.AcmeReader).PostAsJsonAsync("users/42/personalize", new { query = new string('x', 4096) });

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        Assert.Equal(["model", "store"], ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Contains("Rpm:Server:MaxRequestBodyBytes", await ApiKeyAuthenticationTests.Detail(large));
    }

    [Fact]
    public async Task Readiness_is_503_when_the_model_endpoint_is_gone()
    {
        var model = await RpmKernel.Testing.FakeOpenAIServer.StartAsync();
        await using var server = await RpmTestServer.StartAsync(model: model);
        await model.DisposeAsync();
        using var anonymous = new HttpClient { BaseAddress = server.Address };

        using var response = await anonymous.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("unreachable", await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
