using RpmKernel.Core.Errors;
using RpmKernel.Core.Records;

namespace RpmKernel.AspNetCore.Auth;

/// <summary>
/// A tenant's user id as the store holds it: <c>&lt;tenant&gt;:&lt;userId&gt;</c>. Tenant names cannot hold the
/// separator, so the stored id names exactly one (tenant, user) pair: tenant <c>a</c>'s user <c>b:c</c>
/// is <c>a:b:c</c>, and no tenant <c>a:b</c> can exist to claim it.
/// </summary>
internal static class TenantUserIds
{
    /// <summary>Between the tenant and the user id; user ids may contain it, tenant names may not.</summary>
    public const char Separator = ':';

    /// <summary>The longest tenant name.</summary>
    public const int MaxTenantCharacters = 64;

    /// <summary>Whether <paramref name="tenant"/> is a valid tenant name: letters, digits, '.', '_' and '-', at most 64.</summary>
    public static bool IsValidTenant(string? tenant) =>
        tenant is { Length: > 0 and <= MaxTenantCharacters } && tenant.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The stored id of <paramref name="tenant"/>'s user <paramref name="userId"/>, after the store's id rules.</summary>
    /// <param name="tenant">A valid tenant name.</param>
    /// <param name="userId">The user id as the request gave it.</param>
    /// <param name="maxIdCharacters">The store's longest id (<c>Rpm:Limits:MaxIdCharacters</c>); the prefix counts against it.</param>
    /// <exception cref="RpmInputException">The user id breaks the id rules.</exception>
    public static string ToStored(string tenant, string? userId, int maxIdCharacters)
    {
        var room = maxIdCharacters - tenant.Length - 1;
        if (room < 1)
        {
            throw new RpmInputException($"Rpm:Limits:MaxIdCharacters ({maxIdCharacters}) leaves no room for a user id after the tenant prefix '{tenant}{Separator}'; raise the limit.");
        }

        return tenant + Separator + UserIdPolicy.Canonical(userId, room);
    }

    /// <summary>The tenant's user id of a stored id, or null when the stored id belongs to another tenant (or to none).</summary>
    public static string? FromStored(string tenant, string storedId)
    {
        var prefixLength = tenant.Length + 1;
        return storedId.Length > prefixLength
            && storedId[tenant.Length] == Separator
            && storedId.StartsWith(tenant, StringComparison.Ordinal)
            ? storedId[prefixLength..]
            : null;
    }
}
