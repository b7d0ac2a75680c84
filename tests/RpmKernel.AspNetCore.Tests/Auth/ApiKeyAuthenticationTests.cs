using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RpmKernel.AspNetCore.Tests.Support;

namespace RpmKernel.AspNetCore.Tests.Auth;

public sealed class ApiKeyAuthenticationTests
{
    private static readonly JsonContent Query = JsonContent.Create(new { query = "A lone astronaut repairs a dying space station." });

    [Fact]
    public async Task Requests_without_a_known_key_get_401_and_keys_without_the_operation_get_403_each_with_problem_details()
    {
        await using var server = await RpmTestServer.StartAsync();

        using var missing = await server.Client(key: null).PostAsync("users/alice/personalize", Query);
        using var unknown = await server.Client("not-a-key-of-this-server-at-all").PostAsync("users/alice/personalize", Query);
        using var forbidden = await server.Client(TestKeys.AcmeExplainer).PostAsync("users/alice/personalize", Query);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Bearer", Assert.Single(missing.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("Authorization: Bearer", await Detail(missing));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("not one of the server's keys", await Detail(unknown));
        Assert.DoesNotContain("not-a-key-of-this-server-at-all", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("may not call Personalize", await Detail(forbidden));
    }

    internal static async Task<string> Detail(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)response.StatusCode, problem.RootElement.GetProperty("status").GetInt32());
        return problem.RootElement.GetProperty("detail").GetString()!;
    }
}
