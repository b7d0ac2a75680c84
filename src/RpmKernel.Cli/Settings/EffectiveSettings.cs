using Microsoft.Extensions.Configuration;
using RpmKernel.AspNetCore.Hosting;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Cli.Settings;

/// <summary>
/// The rows of <c>rpmk config</c>: every setting with its effective value and source, then the facts
/// derived from them (the store, the prompt directory). A new option appears without being listed here;
/// a new derived fact is one more row.
/// </summary>
internal static class EffectiveSettings
{
    public const string Masked = "***";

    public static IReadOnlyList<SettingRow> Rows(IConfigurationRoot configuration, RpmOptions options, StoreLocation store, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        var rows = new List<SettingRow>();
        foreach (var leaf in SettingTree.Leaves)
        {
            rows.Add(Row(configuration, leaf.Key, configuration[leaf.Key] ?? leaf.Default));
        }

        // Without a path the CLI picks the SQLite file (the folder's .rpm/rpm.db or the per-user one): show that file, not the library default.
        var sqlitePath = rows.FindIndex(r => r.Key == StoreLocation.PathKey);
        if (sqlitePath >= 0 && rows[sqlitePath].Source == SettingSources.Default && options.Store.Provider == StoreProvider.Sqlite)
        {
            rows[sqlitePath] = new SettingRow(StoreLocation.PathKey, store.Description, store.Reason);
        }

        // The API key may come from OPENAI_API_KEY, read by the library when the setting is empty.
        var chatKey = rows.FindIndex(r => r.Key == "Rpm:Chat:ApiKey");
        if (chatKey >= 0 && rows[chatKey].Value is null && !string.IsNullOrWhiteSpace(environment("OPENAI_API_KEY")))
        {
            rows[chatKey] = new SettingRow("Rpm:Chat:ApiKey", Masked, "environment (OPENAI_API_KEY)");
        }

        foreach (var section in SettingTree.FreeSections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable().Where(kv => kv.Value is not null).OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase))
            {
                rows.Add(Row(configuration, key, value));
            }
        }

        // Rpm:Server, read by rpmk serve: its API keys are secrets like the model keys.
        foreach (var leaf in SettingTree.ServerLeaves)
        {
            rows.Add(Row(configuration, leaf.Key, configuration[leaf.Key] ?? leaf.Default));
        }

        foreach (var section in SettingTree.ServerFreeSections)
        {
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable().Where(kv => kv.Value is not null).OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase))
            {
                rows.Add(Row(configuration, key, value));
            }
        }

        // The model each stage will call, after Rpm:Chat:Stages:<stage>, IngestModel / ServeModel and Model.
        foreach (var stage in StageChatSettings.Describe(options.Chat))
        {
            rows.Add(new SettingRow("model of " + stage.Stage, stage.Model, stage.Source));
        }

        rows.Add(new SettingRow("store", store.Description, store.Reason));
        rows.Add(new SettingRow("prompts", options.Prompts.Directory is { Length: > 0 } directory ? $"bundled, with {Path.GetFullPath(directory)} layered on top" : "bundled", SettingSources.Of(configuration, "Rpm:Prompts:Directory")));
        return rows;
    }

    private static SettingRow Row(IConfigurationRoot configuration, string key, string? value)
    {
        var secret = key.EndsWith("ApiKey", StringComparison.OrdinalIgnoreCase)
            || (key.StartsWith(RpmServerOptions.SectionName + ":ApiKeys:", StringComparison.OrdinalIgnoreCase)
                && (key.EndsWith(":Key", StringComparison.OrdinalIgnoreCase) || key.EndsWith(":KeyHash", StringComparison.OrdinalIgnoreCase)));
        return new SettingRow(key, secret && !string.IsNullOrEmpty(value) ? Masked : value, SettingSources.Of(configuration, key));
    }
}
