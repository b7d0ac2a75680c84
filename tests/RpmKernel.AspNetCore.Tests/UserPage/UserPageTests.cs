using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using RpmKernel.AspNetCore.Tests.Support;
using RpmKernel.Core.History;

namespace RpmKernel.AspNetCore.Tests.UserPage;

/// <summary><c>/ui/users/{id}</c> over plain HTTP: encoding, headers, the key form and its cookie, tenants.</summary>
public sealed class UserPageTests
{
    [Fact]
    public async Task Hostile_history_text_is_encoded_and_the_page_forbids_scripts()
    {
        await using var server = await RpmTestServer.StartAsync();
        await server.IngestAsync(TestKeys.AcmeTenant, "eve",
        [
            new HistoryItem("x1", "<script>alert('pwned')</script> A robot <b>uprising</b> in a city.", "sci-fi"),
            new HistoryItem("x2", "A detective \"hunts\" a killer & his <img src=x onerror=alert(1)> fans.", "violence"),
        ]);

        using var page = await Get(server, "ui/users/eve", TestKeys.AcmeReader);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("&lt;script&gt;alert(", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.OrdinalIgnoreCase);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join("", page.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Recent_answers_show_the_retrieved_items_with_their_similarity()
    {
        await using var server = await RpmTestServer.StartAsync();
        await server.IngestAsync(TestKeys.AcmeTenant, "alice", TestHistories.Alice);
        using var personalized = await server.Client(TestKeys.AcmeReader).PostAsJsonAsync(
            "users/alice/personalize", new { query = "A lone astronaut repairs a dying space station." });
        Assert.Equal(HttpStatusCode.OK, personalized.StatusCode);

        using var page = await Get(server, "ui/users/alice", TestKeys.AcmeReader);
        var html = await page.Content.ReadAsStringAsync();

        var recent = html[html.IndexOf("id=\"recent\"", StringComparison.Ordinal)..];
        Assert.Contains("A lone astronaut repairs a dying space station.", recent, StringComparison.Ordinal);
        Assert.Matches(@"<code>alice-\d</code> \(0\.\d{3}\)", recent);
        Assert.Contains("via http", recent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forgetting_a_user_drops_the_recent_answers_the_page_keeps_for_them()
    {
        await using var server = await RpmTestServer.StartAsync();
        await server.IngestAsync(TestKeys.AcmeTenant, "alice", TestHistories.Alice);
        using var personalized = await server.Client(TestKeys.AcmeReader).PostAsJsonAsync(
            "users/alice/personalize", new { query = "A lone astronaut repairs a dying space station." });
        Assert.Equal(HttpStatusCode.OK, personalized.StatusCode);

        using var forgotten = await server.Client(TestKeys.AcmeAdmin).DeleteAsync("users/alice");
        Assert.Equal(HttpStatusCode.OK, forgotten.StatusCode);

        // Learned again before anyone looks: only the forget itself can have dropped the earlier answer.
        await server.IngestAsync(TestKeys.AcmeTenant, "alice", TestHistories.Alice);
        using var page = await Get(server, "ui/users/alice", TestKeys.AcmeReader);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("A lone astronaut repairs a dying space station.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_the_page_asks_for_one_and_the_form_keeps_it_in_an_httponly_cookie_never_in_the_url()
    {
        await using var server = await RpmTestServer.StartAsync();
        await server.IngestAsync(TestKeys.AcmeTenant, "alice", TestHistories.Alice);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.Address };

        using var anonymous = await http.GetAsync("ui/users/alice");
        using var wrong = await http.PostAsync("ui/users/alice", Form("not-a-key-of-this-server-at-all"));
        using var crossSite = await http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "ui/users/alice")
        {
            Content = Form(TestKeys.AcmeReader),
            Headers = { { "Origin", "https://evil.example" } },
        });
        using var login = await http.PostAsync("ui/users/alice", Form(TestKeys.AcmeReader));
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        using var withCookie = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "ui/users/alice")
        {
            Headers = { { "Cookie", cookie.Split(';')[0] } },
        });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("<form method=\"post\"", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/ui/users/alice", login.Headers.Location?.OriginalString);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Contains("alice-1", await withCookie.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_key_finds_nothing_and_a_key_without_explain_is_refused()
    {
        await using var server = await RpmTestServer.StartAsync(new Dictionary<string, string?>
        {
            ["Rpm:Server:ApiKeys:acme-personalizer:Key"] = "acme-personalizer-key-0123456789",
            ["Rpm:Server:ApiKeys:acme-personalizer:Tenant"] = TestKeys.AcmeTenant,
            ["Rpm:Server:ApiKeys:acme-personalizer:Operations:0"] = "Personalize",
        });
        await server.IngestAsync(TestKeys.AcmeTenant, "alice", TestHistories.Alice);

        using var globex = await Get(server, "ui/users/alice", TestKeys.GlobexAdmin);
        using var personalizer = await Get(server, "ui/users/alice", "acme-personalizer-key-0123456789");

        Assert.Equal(HttpStatusCode.NotFound, globex.StatusCode);
        var html = await globex.Content.ReadAsStringAsync();
        Assert.DoesNotContain("alice-1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("acme", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, personalizer.StatusCode);
    }

    private static async Task<HttpResponseMessage> Get(RpmTestServer server, string path, string key)
    {
        using var http = new HttpClient { BaseAddress = server.Address };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await http.GetAsync(path);
    }

    private static FormUrlEncodedContent Form(string key) => new([new KeyValuePair<string, string>("key", key)]);
}
