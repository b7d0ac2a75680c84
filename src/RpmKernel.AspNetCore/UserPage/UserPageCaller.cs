using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RpmKernel.AspNetCore.Auth;

namespace RpmKernel.AspNetCore.UserPage;

/// <summary>
/// Who is looking at a user page: the API key of the request (<c>Authorization: Bearer</c> or <c>X-Api-Key</c>, for
/// scripts and tests), else the key a person entered once in the page's form, kept in an HttpOnly, SameSite=Strict
/// cookie. A key is never taken from the URL.
/// </summary>
internal static class UserPageCaller
{
    /// <summary>The cookie holding the key entered in the form; HttpOnly, so no script on any page can read it.</summary>
    public const string CookieName = "rpm_ui_key";

    /// <summary>The caller of the request, or null when it carries no known key.</summary>
    public static async Task<RpmCaller?> FindAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(RpmServerAuthentication.Scheme).ConfigureAwait(false);
        if (result.Succeeded)
        {
            http.User = result.Principal;
            return http.GetRpmCaller();
        }

        return http.Request.Cookies.TryGetValue(CookieName, out var key) && !string.IsNullOrEmpty(key)
            ? http.RequestServices.GetRequiredService<ApiKeyRegistry>().Find(key)
            : null;
    }

    /// <summary>Keeps <paramref name="key"/> in the cookie for the page's path.</summary>
    public static void Remember(HttpContext http, string key, string path) =>
        http.Response.Cookies.Append(CookieName, key, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = path,
            MaxAge = TimeSpan.FromHours(8),
        });

    /// <summary>Drops the cookie.</summary>
    public static void Forget(HttpContext http, string path) =>
        http.Response.Cookies.Delete(CookieName, new CookieOptions { Path = path, SameSite = SameSiteMode.Strict, HttpOnly = true });
}
