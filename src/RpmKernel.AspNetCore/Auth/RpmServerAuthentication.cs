using Microsoft.AspNetCore.Builder;

namespace RpmKernel.AspNetCore.Auth;

/// <summary>
/// The API-key authentication of the RPM server, for endpoints a host or extension adds next to
/// <c>MapRpm</c>: <c>endpoint.RequireRpmOperation(RpmOperation.Personalize)</c> admits only keys that may
/// call that operation, with 401/403 problem-details answers otherwise.
/// </summary>
public static class RpmServerAuthentication
{
    /// <summary>The authentication scheme name of the API-key handler.</summary>
    public const string Scheme = "RpmApiKey";

    /// <summary>The header that may carry the key instead of <c>Authorization: Bearer</c>.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The authorization policy that admits keys allowed to call <paramref name="operation"/>.</summary>
    /// <param name="operation">The operation.</param>
    public static string PolicyName(RpmOperation operation) => "Rpm." + operation;

    /// <summary>Admits only requests with an API key allowed to call <paramref name="operation"/>.</summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoint or group.</param>
    /// <param name="operation">The operation the endpoint performs.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireRpmOperation<TBuilder>(this TBuilder builder, RpmOperation operation)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(PolicyName(operation)).WithMetadata(new RpmOperationMetadata(operation));
    }
}
