using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Benchmarks;

/// <summary>Where the scale-out benchmark's processes keep their store: its options for an in-process runtime and the same as environment variables for <c>rpmk serve</c>.</summary>
internal sealed record StoreShape(string Name, Action<RpmOptions> Configure, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>One SQLite file on this machine.</summary>
    public static StoreShape Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        return new StoreShape(
            "SQLite",
            o =>
            {
                o.Store.Provider = StoreProvider.Sqlite;
                o.Store.Sqlite.Path = full;
            },
            new Dictionary<string, string> { ["Rpm__Store__Provider"] = "Sqlite", ["Rpm__Store__Sqlite__Path"] = full });
    }

    /// <summary>One Qdrant (the simulated server) and collection, as processes on several machines would share it.</summary>
    public static StoreShape Qdrant(Uri endpoint, string collection) => new(
        "Qdrant",
        o =>
        {
            o.Store.Provider = StoreProvider.Qdrant;
            o.Store.Qdrant.Endpoint = endpoint.ToString();
            o.Store.Qdrant.Collection = collection;
        },
        new Dictionary<string, string>
        {
            ["Rpm__Store__Provider"] = "Qdrant",
            ["Rpm__Store__Qdrant__Endpoint"] = endpoint.ToString(),
            ["Rpm__Store__Qdrant__Collection"] = collection,
        });
}
