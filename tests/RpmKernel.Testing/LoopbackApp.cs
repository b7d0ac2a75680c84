using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RpmKernel.Testing;

/// <summary>A quiet Kestrel app on 127.0.0.1 with a free port, the base of the in-process test servers.</summary>
internal static class LoopbackApp
{
    /// <summary>Builds the app; the caller maps its handler, then calls <see cref="StartAsync"/>.</summary>
    public static WebApplication Build(string applicationName)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = applicationName,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        return builder.Build();
    }

    /// <summary>Starts <paramref name="app"/> and returns the address it listens on, such as <c>http://127.0.0.1:5123</c>.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started without reporting its address; check that loopback networking is available.");
        return new Uri(address.TrimEnd('/'));
    }
}
