using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RpmKernel.AspNetCore.Tests.Auth;
using RpmKernel.AspNetCore.Tests.Support;

namespace RpmKernel.AspNetCore.Tests.Endpoints;

public sealed class PersonalizeEndpointTests
{
    [Fact]
    public async Task Personalize_answers_from_the_users_own_records_in_the_keys_tenant()
    {
        await using var server = await RpmTestServer.StartAsync();
        await server.IngestAsync(TestKeys.AcmeTenant, "alice", TestHistories.Alice);
        await server.IngestAsync(TestKeys.GlobexTenant, "alice", TestHistories.Bob);

        using var response = await server.Client(TestKeys.AcmeReader).PostAsJsonAsync(
            "users/alice/personalize", new { query = "A lone astronaut repairs a dying space station.", task = "lamp2" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(answer.RootElement.GetProperty("answer").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(answer.RootElement.GetProperty("reasoning").GetString()));
        var examples = answer.RootElement.GetProperty("examples").EnumerateArray().Select(e => e.GetProperty("itemId").GetString()!).ToList();
        Assert.NotEmpty(examples);
        Assert.All(examples, id => Assert.StartsWith("alice-", id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_bodies_tasks_that_are_paths_and_unknown_users_get_problem_details()
    {
        await using var server = await RpmTestServer.StartAsync();
        var client = server.Client(TestKeys.AcmeReader);

        using var notJson = await client.PostAsync("users/alice/personalize", new StringContent("{\"query\": ", System.Text.Encoding.UTF8, "application/json"));
        using var noQuery = await client.PostAsJsonAsync("users/alice/personalize", new { task = "lamp2" });
        using var path = await client.PostAsJsonAsync("users/alice/personalize", new { query = "q", task = "/etc/passwd" });
        using var nobody = await client.PostAsJsonAsync("users/nobody/personalize", new { query = "A lone astronaut repairs a dying space station." });

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("not the JSON expected", await ApiKeyAuthenticationTests.Detail(notJson));
        Assert.Equal(HttpStatusCode.BadRequest, noQuery.StatusCode);
        Assert.Contains("no \"query\"", await ApiKeyAuthenticationTests.Detail(noQuery));
        Assert.Equal(HttpStatusCode.BadRequest, path.StatusCode);
        Assert.Contains("paths are never accepted", await ApiKeyAuthenticationTests.Detail(path));
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        var detail = await ApiKeyAuthenticationTests.Detail(nobody);
        Assert.Contains("nobody", detail);
        Assert.DoesNotContain("acme:", detail);
    }
}
