using Microsoft.Extensions.Configuration;
using RpmKernel.Cli.Hosting;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Cli.Settings;

/// <summary>
/// Where this run's store is, and why: an explicit <c>Rpm:Store:Sqlite:Path</c> wins; otherwise a
/// <c>.rpm/rpm.db</c> the current folder already has; otherwise the per-user data folder, so every
/// folder sees the same users.
/// </summary>
/// <param name="Description">The store for messages: the SQLite file's full path, or the Qdrant server and collection.</param>
/// <param name="Reason">Why this store: the layer that chose it, or which default applied.</param>
internal sealed record StoreLocation(string Description, string Reason)
{
    /// <summary>The store of a folder that has one, relative to the current directory.</summary>
    public const string FolderStore = ".rpm/rpm.db";

    public const string PathKey = "Rpm:Store:Sqlite:Path";

    /// <summary>Resolves the store and sets <see cref="RpmSqliteOptions.Path"/> to the chosen file when none was given.</summary>
    public static StoreLocation Apply(RpmOptions options, IConfigurationRoot configuration, CliContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Store.Provider)
        {
            case StoreProvider.Qdrant:
                return new(options.Store.Qdrant.ToString(), $"Rpm:Store:Provider from {SettingSources.Of(configuration, "Rpm:Store:Provider")}");
            case StoreProvider.InMemory:
                return new("in memory (gone when the command ends)", $"Rpm:Store:Provider from {SettingSources.Of(configuration, "Rpm:Store:Provider")}");
        }

        var source = SettingSources.Of(configuration, PathKey);
        if (source != SettingSources.Default)
        {
            var given = Path.GetFullPath(options.Store.Sqlite.Path);
            options.Store.Sqlite.Path = given;
            return new(given, $"{PathKey} from {source}");
        }

        var folder = Path.GetFullPath(FolderStore);
        if (File.Exists(folder))
        {
            options.Store.Sqlite.Path = folder;
            return new(folder, $"the current folder already has {FolderStore}");
        }

        var perUser = Path.Combine(DataDirectory(context), "rpm.db");
        options.Store.Sqlite.Path = perUser;
        return new(perUser, "the per-user data folder (default)");
    }

    /// <summary><c>$XDG_DATA_HOME/rpmkernel</c>, else LocalApplicationData on Windows, else <c>~/.local/share/rpmkernel</c>.</summary>
    public static string DataDirectory(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var xdg = context.GetEnvironmentVariable("XDG_DATA_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathFullyQualified(xdg))
        {
            return Path.Combine(xdg, "rpmkernel");
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "rpmkernel");
        }

        var home = context.GetEnvironmentVariable("HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        }

        return Path.Combine(home, ".local", "share", "rpmkernel");
    }
}
