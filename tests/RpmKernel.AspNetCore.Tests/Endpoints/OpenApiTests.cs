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
}
