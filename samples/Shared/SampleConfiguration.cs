using Microsoft.Extensions.Configuration;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Samples;

/// <summary>
/// The settings layers of the <c>rpmk</c> command: the bundled appsettings.json next to the binary,
/// then environment variables (<c>Rpm__Chat__Endpoint</c> style, and <c>OPENAI_API_KEY</c>).
/// </summary>
public static class SampleConfiguration
{
    /// <summary>The configuration key a sample reads its query (or question) from; the command-line words set it.</summary>
    public const string QueryKey = "Query";

    /// <summary>Reads appsettings.json next to the binary, then the environment; <paramref name="args"/>, when given, become the query.</summary>
    public static IConfiguration Build(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        if (args.Length > 0)
        {
            builder.AddInMemoryCollection([KeyValuePair.Create(QueryKey, (string?)string.Join(' ', args))]);
        }

        return builder.Build();
    }

    /// <summary>
    /// Binds the <c>Rpm</c> section; the API key comes from <c>Rpm:Chat:ApiKey</c> or, like the CLI,
    /// from <c>OPENAI_API_KEY</c> (read through the configuration, so tests can leave it out).
    /// </summary>
    public static RpmOptions BindOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new RpmOptions();
        configuration.GetSection(RpmOptions.SectionName).Bind(options);
        if (string.IsNullOrWhiteSpace(options.Chat.ApiKey))
        {
            options.Chat.ApiKey = configuration["OPENAI_API_KEY"];
        }

        return options;
    }

    /// <summary>True when a chat model is configured: an endpoint, or an API key for OpenAI.</summary>
    public static bool HasModel(RpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Chat.Endpoint is not null || !string.IsNullOrWhiteSpace(options.Chat.ApiKey);
    }
}
