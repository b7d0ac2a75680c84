using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.AspNetCore.Jobs;
using RpmKernel.AspNetCore.Mcp;
using RpmKernel.AspNetCore.RateLimiting;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.AspNetCore.Hosting;

/// <summary>Registers the RPM HTTP server's services.</summary>
public static class RpmServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <c>MapRpm</c> needs: <see cref="RpmServerOptions"/> bound from <c>Rpm:Server</c> and checked when
    /// the host starts, and the API-key authentication with one authorization policy per <see cref="RpmOperation"/>, and the rate limit per
    /// API key (the host calls <c>app.UseRateLimiter()</c>).
    /// RPM itself comes from <c>AddRpm</c>, called before: <c>services.AddRpm(configuration).AddRpmServer(configuration)</c>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The configuration holding the <c>Rpm:Server</c> section.</param>
    /// <param name="configure">Changes the options after binding (for example, keys from a secret store).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddRpmServer(this IServiceCollection services, IConfiguration configuration, Action<RpmServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = services.AddOptions<RpmServerOptions>().Bind(configuration.GetSection(RpmServerOptions.SectionName));
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RpmServerOptions>, RpmServerOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RpmServerOptions>>(new RpmServerKeysValidation(configuration)));

        // A host that adds an OpenAPI document (AddOpenApi) gets the API-key schemes in it.
        services.ConfigureAll<OpenApiOptions>(openApi => openApi.AddDocumentTransformer<RpmOpenApiSecurity>());
        services.TryAddSingleton<Endpoints.ReadinessProbe>();
        services.TryAddSingleton(sp => new IngestJobStore(JobsDirectory(
            sp.GetRequiredService<IOptions<RpmServerOptions>>().Value, sp.GetService<IOptions<RpmOptions>>()?.Value)));
        services.TryAddSingleton<IngestJobRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestJobRunner>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RpmServerOptions>, RpmRateLimitOptionsValidation>());
        services.AddRateLimiter(limiter => limiter.AddPolicy<string, ApiKeyRateLimiterPolicy>(ApiKeyRateLimiterPolicy.PolicyName));
        services.TryAddSingleton(sp => new ApiKeyRegistry(sp.GetRequiredService<IOptions<RpmServerOptions>>().Value));
        services.TryAddSingleton(sp => new UserPage.RecentAnswers(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddRpmMcpServer();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(RpmServerAuthentication.Scheme, displayName: "RPM API key", configureOptions: null);
        services.AddAuthorization(authorization =>
        {
            foreach (var operation in Enum.GetValues<RpmOperation>())
            {
                authorization.AddPolicy(RpmServerAuthentication.PolicyName(operation), policy => policy
                    .AddAuthenticationSchemes(RpmServerAuthentication.Scheme)
                    .RequireAuthenticatedUser()
                    .RequireClaim(RpmClaims.Operation, operation.ToString()));
            }
        });
        return services;
    }

    private static string JobsDirectory(RpmServerOptions server, RpmOptions? rpm)
    {
        if (!string.IsNullOrWhiteSpace(server.JobsDirectory))
        {
            return server.JobsDirectory;
        }

        return rpm is { Store.Provider: StoreProvider.Sqlite } && Path.GetDirectoryName(Path.GetFullPath(rpm.Store.Sqlite.Path)) is { } folder
            ? Path.Combine(folder, "jobs")
            : Path.Combine(".rpm", "jobs");
    }
}
