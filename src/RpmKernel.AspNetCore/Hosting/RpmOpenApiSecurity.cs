using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using RpmKernel.AspNetCore.Auth;

namespace RpmKernel.AspNetCore.Hosting;

/// <summary>
/// Declares in the host's OpenAPI document how RPM's endpoints authenticate: the API key as
/// <c>Authorization: Bearer &lt;key&gt;</c> or in the <c>X-Api-Key</c> header (either one), so a client
/// generator or the reference page asks for the key.
/// </summary>
internal sealed class RpmOpenApiSecurity : IOpenApiDocumentTransformer
{
    /// <summary>The name of the bearer scheme in <c>components.securitySchemes</c>.</summary>
    public const string BearerScheme = "bearer";

    /// <summary>The name of the header scheme in <c>components.securitySchemes</c>.</summary>
    public const string HeaderScheme = "apiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key of the server (Rpm:Server:ApiKeys), sent as 'Authorization: Bearer <key>'.",
        };
        document.Components.SecuritySchemes[HeaderScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = RpmServerAuthentication.ApiKeyHeader,
            Description = $"The same API key, sent as '{RpmServerAuthentication.ApiKeyHeader}: <key>' instead.",
        };

        // Two requirements, either of which satisfies the document: the bearer header or the key header.
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] });
        return Task.CompletedTask;
    }
}
