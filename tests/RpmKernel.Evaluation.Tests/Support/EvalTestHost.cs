using RpmKernel.SemanticKernel.Options;
using RpmKernel.Testing;

namespace RpmKernel.Evaluation.Tests.Support;

/// <summary>A fake OpenAI-compatible server, a temp folder, and RPM options that point at them.</summary>
internal sealed class EvalTestHost : IAsyncDisposable
{
    private EvalTestHost(FakeOpenAIServer server, TempDirectory directory)
    {
        Server = server;
        Directory = directory;
    }

    public FakeOpenAIServer Server { get; }

    public TempDirectory Directory { get; }

    public string Output => Directory.File("eval");

    public static async Task<EvalTestHost> StartAsync() => new(await FakeOpenAIServer.StartAsync(), new TempDirectory());

    public RpmOptions Options()
    {
        var options = new RpmOptions();
        options.Chat.Endpoint = Server.Endpoint;
        options.Chat.ApiKey = "test-key";
        options.Chat.MaxRetries = 1;
        options.Embeddings.Provider = EmbeddingProvider.OpenAI;
        options.Embeddings.Model = "text-embedding-3-small";
        options.Embeddings.Dimensions = 64;
        return options;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Dispose();
    }
}
