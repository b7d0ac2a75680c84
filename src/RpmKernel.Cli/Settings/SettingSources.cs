using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace RpmKernel.Cli.Settings;

/// <summary>Which settings layer a key's effective value comes from: the bundled defaults, the <c>--config</c> file or the environment.</summary>
internal static class SettingSources
{
    public const string Default = "default";
    public const string File = "file";
    public const string Environment = "environment";

    /// <summary>
    /// The last layer that sets <paramref name="key"/>. The bundled appsettings.json is the first layer
    /// and lists the defaults, so a key it alone sets (or no layer sets) is a default.
    /// </summary>
    public static string Of(IConfigurationRoot configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providers = configuration.Providers.ToList();
        for (var i = providers.Count - 1; i >= 1; i--)
        {
            if (providers[i].TryGet(key, out _))
            {
                return providers[i] is JsonConfigurationProvider ? File : Environment;
            }
        }

        return Default;
    }
}
