using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using RpmKernel.AspNetCore.Tests.Support;

namespace RpmKernel.AspNetCore.Tests.UserPage;

/// <summary>The user page in a real headless Chromium, driven by Playwright: what a person sees.</summary>
public sealed class UserPageBrowserTests
{
    [ChromiumFact]
    public async Task Chromium_shows_the_factors_records_and_provenance_of_the_user_and_nothing_of_another_user_or_tenant()
    {
        await using var server = await RpmTestServer.StartAsync();
        await server.IngestAsync(TestKeys.AcmeTenant, "alice", TestHistories.Alice);
        await server.IngestAsync(TestKeys.AcmeTenant, "bob", TestHistories.Bob);
        await server.IngestAsync(TestKeys.GlobexTenant, "alice", TestHistories.Bob);
        using var personalized = await server.Client(TestKeys.AcmeReader).PostAsJsonAsync(
            "users/alice/personalize", new { query = "A lone astronaut repairs a dying space station." });
        Assert.Equal(HttpStatusCode.OK, personalized.StatusCode);
        var alice = (await server.Pipeline.ExplainAsync("acme:alice", "lamp2")).Factors.Select(f => f.Name).ToHashSet();
        var others = (await server.Pipeline.ExplainAsync("acme:bob", "lamp2")).Factors
            .Concat((await server.Pipeline.ExplainAsync("globex:alice", "lamp2")).Factors)
            .Select(f => f.Name).Where(n => !alice.Contains(n)).ToHashSet();
        Assert.NotEmpty(others);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumFactAttribute.Executable, Headless = true });
        var context = await browser.NewContextAsync(new()
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + TestKeys.AcmeReader },
            JavaScriptEnabled = false,
            ViewportSize = new() { Width = 1100, Height = 900 },
        });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(server.Address, "ui/users/alice").ToString());

        Assert.Equal(200, response?.Status);
        var shown = (await page.Locator("#factors td.factor").AllInnerTextsAsync()).ToHashSet();
        Assert.Equal(alice.Order(), shown.Order());
        var items = await page.Locator("#records tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Equal(TestHistories.Alice.Select(i => i.Id).Order(), items.Order());
        Assert.Equal(alice.Count, await page.Locator("figure").First.Locator("svg rect.cov").CountAsync());
        Assert.Contains("alice-", await page.Locator("#recent").InnerTextAsync(), StringComparison.Ordinal);
        Assert.All(others, name => Assert.DoesNotContain(name, shown));
        var text = await page.Locator("body").InnerTextAsync();
        Assert.All(TestHistories.Bob, item => Assert.DoesNotContain(item.Query, text, StringComparison.Ordinal));
        Assert.All(TestHistories.Bob, item => Assert.DoesNotContain(item.Id, text, StringComparison.Ordinal));

        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "user-page.jpg"), FullPage = true, Type = ScreenshotType.Jpeg, Quality = 70 });
    }
}
