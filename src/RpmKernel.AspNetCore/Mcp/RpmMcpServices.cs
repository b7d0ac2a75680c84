using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;

namespace RpmKernel.AspNetCore.Mcp;

/// <summary>Registers the MCP server behind <see cref="RpmMcpEndpointRouteBuilderExtensions.MapRpmMcp"/>.</summary>
internal static class RpmMcpServices
{
    public static IServiceCollection AddRpmMcpServer(this IServiceCollection services)
    {
        services.AddMcpServer(options => options.ServerInfo = new Implementation { Name = "rpmk", Version = Version() })
            .WithHttpTransport(http =>
            {
                // Stateless: every request is its own server with tools bound to that request's key and user, so no
                // session state can carry one user's binding into another's request.
                http.Stateless = true;
                http.ConfigureSessionOptions = McpToolSet.ConfigureAsync;
            });
        return services;
    }

    private static string Version() =>
        typeof(RpmMcpServices).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
