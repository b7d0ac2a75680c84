using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RpmKernel.AspNetCore.Hosting;
using RpmKernel.Cli.Hosting;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Pipeline;
using Scalar.AspNetCore;

namespace RpmKernel.Cli.Commands;

/// <summary>
/// <c>rpmk serve [--urls URLS]</c>: the RPM HTTP API (<c>MapRpm</c>) on Kestrel over the store and model of the
/// settings, until Ctrl+C or SIGTERM. Keys come from <c>Rpm:Server:ApiKeys</c>; without one it refuses to start.
/// </summary>
internal static class ServeCommand
{
    /// <summary>Loopback only unless the operator says otherwise.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen, ';'-separated (default {DefaultUrls}; http://0.0.0.0:5080 for every interface, port 0 for a free one).",
            HelpName = "URLS",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var command = new Command("serve", "Serve personalize and the other RPM operations over HTTP, with API keys mapped to tenants.")
        {
            urls,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var runtime = context.OpenRuntime(parseResult);
            var configuration = context.Configuration!;
            foreach (var key in configuration.GetSection(RpmServerOptions.SectionName + ":ApiKeys").GetChildren())
            {
                context.Secrets.Add(key["Key"]);
            }

            await using var app = Build(context, parseResult, runtime, configuration, parseResult.GetRequiredValue(urls));
            await StartAsync(app, cancellationToken);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            await context.Stderr.WriteLineAsync(
                $"rpmk serve: listening on {string.Join(", ", addresses)} (store {context.Store?.Description ?? "from the settings"}); Ctrl+C stops.");
            await context.Stderr.FlushAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return CliApp.Success;
        });
        return command;
    }

    private static WebApplication Build(CliContext context, ParseResult parseResult, RpmKernel.SemanticKernel.Hosting.RpmRuntime runtime, IConfiguration configuration, string urls)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = "rpmk",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        var minimum = parseResult.GetValue(context.Globals.Verbose) ? LogLevel.Information : LogLevel.Warning;
        builder.Logging.SetMinimumLevel(minimum);
        builder.Logging.AddProvider(new CliLoggerProvider(new CliLoggerFactory(context.Stderr, context.Secrets, minimum)));
        builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

        // The pipeline and options of this run (the CLI's settings layers and store location), not a second composition.
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton<IRpmPipeline>(runtime.Pipeline);
        builder.Services.AddSingleton(Options.Create(runtime.Options));
        builder.Services.AddRpmServer(configuration);
        builder.Services.AddOpenApi();
        var app = builder.Build();
        app.MapRpmServer();
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }

    private static async Task StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            throw new RpmInputException(string.Join(" ", ex.Failures));
        }
        catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException || ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            throw new RpmInputException($"Could not listen: {ex.Message} Pass another address with --urls (port 0 picks a free one).", ex);
        }
    }
}
