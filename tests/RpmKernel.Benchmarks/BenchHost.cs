using Microsoft.Data.Sqlite;
using RpmKernel.Embeddings.Local;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.Testing;

namespace RpmKernel.Benchmarks;

/// <summary>
/// The product as a user runs it (OpenAI connector, local MiniLM embeddings, SQLite file) against
/// the in-process OpenAI-compatible server, whose extraction replies reuse a few factor labels as a
/// real model's do.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<RpmRuntime> _runtimes = [];
    private readonly List<IDisposable> _owned = [];

    private BenchHost(FakeOpenAIServer server)
    {
        Server = server;
    }

    public FakeOpenAIServer Server { get; }

    /// <summary>A path in the host's temporary directory (removed with it).</summary>
    public string File(string name) => _directory.File(name);

    public static async Task<BenchHost> StartAsync(CancellationToken cancellationToken)
    {
        var server = await FakeOpenAIServer.StartAsync(cancellationToken);
        server.Respond(ExtractionReplies.Answer);
        return new BenchHost(server);
    }

    /// <summary>A runtime with its own database file; disposed with the host.</summary>
    public RpmRuntime Runtime(Action<RpmOptions>? configure = null) => Runtime(configure, database: null, onBatchProgress: null);

    /// <summary>A runtime over <paramref name="database"/> (a file name in the host's directory; null for a new one), disposed with the host.</summary>
    public RpmRuntime Runtime(Action<RpmOptions>? configure, string? database, Action<SemanticKernel.Batching.BatchProgress>? onBatchProgress)
    {
        var options = new RpmOptions();
        options.Chat.Endpoint = Server.Endpoint;
        options.Chat.ApiKey = "bench-key";
        options.Embeddings.Provider = EmbeddingProvider.Local;
        options.Store.Sqlite.Path = _directory.File(database ?? $"rpm-{_runtimes.Count}.db");
        configure?.Invoke(options);

        // The local model comes from its own package, as rpmk adds it; each runtime has its own (and its own cache).
        var embeddings = options.Embeddings.Provider == EmbeddingProvider.Local ? new MiniLmEmbeddingGenerator() : null;
        var runtime = RpmRuntime.Create(options, new RpmHostServices { Embeddings = embeddings, OnBatchProgress = onBatchProgress });
        _runtimes.Add(runtime);
        if (embeddings is not null)
        {
            _owned.Add(embeddings);
        }

        return runtime;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var runtime in _runtimes)
        {
            runtime.Dispose();
        }

        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        await Server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
