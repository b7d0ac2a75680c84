using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.Testing;

namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>A fake OpenAI-compatible server, a temp SQLite file, and the options that point RPM at them.</summary>
internal sealed class RpmTestHost : IAsyncDisposable
{
    private RpmTestHost(FakeOpenAIServer server, TempDirectory directory)
    {
        Server = server;
        Directory = directory;
    }

    public FakeOpenAIServer Server { get; }

    public TempDirectory Directory { get; }

    public string DatabasePath => Directory.File("rpm.db");

    public static async Task<RpmTestHost> StartAsync() => new(await FakeOpenAIServer.StartAsync(), new TempDirectory());

    public RpmOptions Options(Action<RpmOptions>? configure = null)
    {
        var options = new RpmOptions();
        options.Chat.Endpoint = Server.Endpoint;
        options.Chat.ApiKey = "test-key";
        options.Chat.MaxRetries = 2;
        options.Embeddings.Provider = EmbeddingProvider.OpenAI;
        options.Embeddings.Model = "text-embedding-3-small";
        options.Embeddings.Dimensions = 64;
        options.Store.Sqlite.Path = DatabasePath;
        configure?.Invoke(options);
        return options;
    }

    public RpmRuntime Runtime(Action<RpmOptions>? configure = null) => RpmRuntime.Create(Options(configure));

    public IReadOnlyList<Testing.RecordedRequest> StageRequests(string schemaName) =>
        Server.ChatRequests.Where(r => r.IsStage(schemaName)).ToList();

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Dispose();
    }
}
