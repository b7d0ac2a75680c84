using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RpmKernel.AspNetCore.Hosting;
using RpmKernel.Cli.Commands;
using RpmKernel.Cli.Output;
using RpmKernel.Cli.Settings;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Cli.Hosting;

/// <summary>
/// The composition of the <c>rpmk</c> command: the command tree, the settings layers (bundled
/// appsettings.json, then <c>--config FILE</c>, then environment variables) and the RPM runtime.
/// </summary>
internal static class RpmCliHost
{
    /// <summary>The settings file shipped next to the binary.</summary>
    public const string BundledSettingsFile = "appsettings.json";

    /// <summary>The settings that hold secrets, masked in all output from the moment settings are read.</summary>
    private static readonly string[] SecretKeys = ["Rpm:Chat:ApiKey", "Rpm:Embeddings:ApiKey", "Rpm:Store:Qdrant:ApiKey", "OPENAI_API_KEY"];

    public static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand("Reasoning-level personalization (RPM) for black-box LLMs: ingest a user's history, then answer the way they reason.");
        root.Options.Add(context.Globals.Config);
        root.Options.Add(context.Globals.Json);
        root.Options.Add(context.Globals.Prompt);
        root.Options.Add(context.Globals.Verbose);
        root.Subcommands.Add(IngestCommand.Create(context));
        root.Subcommands.Add(PersonalizeCommand.Create(context));
        root.Subcommands.Add(AddCommand.Create(context));
        root.Subcommands.Add(ExplainCommand.Create(context));
        root.Subcommands.Add(ForgetCommand.Create(context));
        root.Subcommands.Add(UsageCommand.Create(context));
        root.Subcommands.Add(PromptsCommand.Create(context));
        root.Subcommands.Add(ReindexCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(EvalCommand.Create(context));
        root.Subcommands.Add(ScoreCommand.Create(context));
        root.Subcommands.Add(McpCommand.Create(context));
        root.Subcommands.Add(UsersCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(HistoryCommand.Create(context));
        root.Subcommands.Add(ConfigCommand.Create(context));
        root.Subcommands.Add(DoctorCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        return root;
    }

    /// <summary>Reads the settings layers; a missing or unreadable <c>--config</c> file is an input error.</summary>
    public static IConfigurationRoot BuildConfiguration(string? configFile, IDictionary<string, string?>? environment)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, BundledSettingsFile), optional: true, reloadOnChange: false);

        if (!string.IsNullOrWhiteSpace(configFile))
        {
            var full = Path.GetFullPath(configFile);
            if (Directory.Exists(full))
            {
                throw new RpmInputException(
                    $"--config expects a JSON settings file, but '{configFile}' is a folder; pass the file itself, for example --config {Path.Combine(configFile, "rpm.settings.json")}.");
            }

            if (!File.Exists(full))
            {
                throw new RpmInputException(
                    $"The settings file '{configFile}' given with --config does not exist; --config expects the path of a JSON settings file with an \"Rpm\" section. Check the path, or leave --config out to use the bundled settings.");
            }

            ConfigFileLimit.ThrowIfTooLarge(configFile, full, environment);
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
        }

        if (environment is null)
        {
            builder.AddEnvironmentVariables();
        }
        else
        {
            // The same key mapping as the environment-variable provider: Rpm__Chat__Endpoint -> Rpm:Chat:Endpoint.
            builder.AddInMemoryCollection(environment
                .Where(kv => kv.Key.Length > 0)
                .Select(kv => new KeyValuePair<string, string?>(kv.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), kv.Value)));
        }

        try
        {
            return builder.Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            var which = string.IsNullOrWhiteSpace(configFile) ? $"the bundled {BundledSettingsFile}" : $"the settings file '{configFile}'";
            throw new RpmInputException($"Could not read {which}: it is not valid JSON ({OneLine(ex)}); fix the JSON or leave the file out.", ex);
        }
    }

    /// <summary>Binds the <c>Rpm</c> section; an unknown key, or a value of the wrong type, is an input error naming the key.</summary>
    public static RpmOptions BindOptions(IConfiguration configuration, CliContext context)
    {
        // Registered before binding: a bad value is quoted in the binder's error, and it may be a key.
        foreach (var key in SecretKeys)
        {
            context.Secrets.Add(configuration[key]);
        }

        foreach (var stage in configuration.GetSection("Rpm:Chat:Stages").GetChildren())
        {
            context.Secrets.Add(stage["ApiKey"]);
        }

        foreach (var key in configuration.GetSection(RpmServerOptions.SectionName + ":ApiKeys").GetChildren())
        {
            context.Secrets.Add(key["Key"]);
        }

        RpmConfigurationKeys.ThrowIfUnknown(configuration.GetSection(RpmOptions.SectionName));

        // Rpm:Server is bound by rpmk serve; a misspelt key there is refused the same way, whatever the command.
        var server = RpmConfigurationKeys.FindUnknown(configuration.GetSection(RpmServerOptions.SectionName), typeof(RpmServerOptions));
        if (server.Count > 0)
        {
            throw new RpmInputException(RpmConfigurationKeys.Describe(server));
        }

        var section = SettingValues.Normalize(configuration).GetSection(RpmOptions.SectionName);
        var options = new RpmOptions();
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new RpmInputException($"A setting has an invalid value: {OneLine(ex)} Fix it in the settings file or the environment variable.", ex);
        }

        // An injected environment stands in for the process one, including the key the library would read from it.
        if (string.IsNullOrWhiteSpace(options.Chat.ApiKey) && context.Environment is not null)
        {
            options.Chat.ApiKey = context.GetEnvironmentVariable("OPENAI_API_KEY");
        }

        context.Secrets.Add(options.Chat.ApiKey);
        context.Secrets.Add(options.Chat.ResolveApiKey());
        context.Secrets.Add(options.Store.Qdrant.ApiKey);
        return options;
    }

    /// <summary>The options of this run: the settings layers (<c>--config</c>, the environment), then <c>--prompt STAGE=VERSION</c>.</summary>
    public static RpmOptions LoadOptions(CliContext context, ParseResult parseResult)
    {
        var configFile = parseResult.GetValue(context.Globals.Config);
        context.ConfigFile = configFile;
        var configuration = BuildConfiguration(configFile, context.Environment);
        var options = BindOptions(configuration, context);
        PromptSelection.Apply(options.Prompts, parseResult.GetValue(context.Globals.Prompt));
        context.Configuration = configuration;
        context.Store = StoreLocation.Apply(options, configuration, context);
        return options;
    }

    public static RpmRuntime OpenRuntime(CliContext context, ParseResult parseResult, Action<RpmOptions>? adjust = null)
    {
        var options = LoadOptions(context, parseResult);
        adjust?.Invoke(options);
        var loggerFactory = parseResult.GetValue(context.Globals.Verbose)
            ? new CliLoggerFactory(context.Stderr, context.Secrets, LogLevel.Information)
            : null;
        return RpmRuntime.Create(options, new RpmHostServices
        {
            LoggerFactory = loggerFactory,
            Embeddings = CliEmbeddings.For(options),
            OnModelRetry = new RetryNotices(context.Stderr, TimeProvider.System).Show,
            OnBatchProgress = new BatchProgressLines(context.Stderr).Show,
        });
    }

    private static string OneLine(Exception ex)
    {
        var message = ex.InnerException is null ? ex.Message : $"{ex.Message} {ex.InnerException.Message}";
        return message.ReplaceLineEndings(" ").Trim();
    }
}
