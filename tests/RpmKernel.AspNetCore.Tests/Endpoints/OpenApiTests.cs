using System.Net;
using System.Text.Json;
using RpmKernel.AspNetCore.Tests.Support;

namespace RpmKernel.AspNetCore.Tests.Endpoints;

public sealed class OpenApiTests
{
    [Fact]
    public async Task The_openapi_document_lists_every_rpm_endpoint_and_the_scalar_page_is_served()
    {
        await using var server = await RpmTestServer.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = server.Address };

        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("openapi/v1.json"));
        using var page = await anonymous.GetAsync("scalar/v1");

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/v1/users/{userId}/personalize", paths);
        Assert.Contains("/v1/users/{userId}/ingest", paths);
        Assert.Contains("/v1/jobs/{jobId}", paths);
        Assert.Contains("/v1/users/{userId}/explain", paths);
        Assert.Contains("/readyz", paths);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_declares_the_bearer_and_the_x_api_key_schemes()
    {
        await using var server = await RpmTestServer.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = server.Address };

        using var document = JsonDocument.Parse(await anonymous.GetStringAsync("openapi/v1.json"));

        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        var bearer = schemes.GetProperty("bearer");
        var header = schemes.GetProperty("apiKey");
        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (header.GetProperty("type").GetString(), header.GetProperty("in").GetString(), header.GetProperty("name").GetString()));

        // Either scheme satisfies the document: two requirements of one scheme each.
        var requirements = document.RootElement.GetProperty("security").EnumerateArray().Select(r => string.Join("+", r.EnumerateObject().Select(p => p.Name))).ToList();
        Assert.Equal(["bearer", "apiKey"], requirements);
    }
}
