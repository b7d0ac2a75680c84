using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Storage.InMemory;
using RpmKernel.Storage.Qdrant;

namespace RpmKernel.SemanticKernel.Tests.Hosting;

public sealed class StoreProviderTests
{
    [Fact]
    public async Task The_in_memory_provider_runs_the_pipeline_and_keeps_nothing_after_the_runtime()
    {
        await using var host = await RpmTestHost.StartAsync();
        using (var runtime = host.Runtime(o => o.Store.Provider = StoreProvider.InMemory))
        {
            Assert.IsType<RpmInMemoryVectorStore>(runtime.Storage.VectorStore);
            await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));
            Assert.Equal(3, (await runtime.Pipeline.ExplainAsync("alice", "lamp2")).ItemCount);
        }

        using var next = host.Runtime(o => o.Store.Provider = StoreProvider.InMemory);
        await next.Storage.EnsureReadyAsync();
        Assert.Null(await next.Storage.UserModels.GetAsync("alice", "lamp2"));
        Assert.False(File.Exists(host.DatabasePath));
    }

    [Fact]
    public async Task The_qdrant_provider_opens_a_qdrant_store_without_contacting_the_server_yet()
    {
        await using var host = await RpmTestHost.StartAsync();

        using var runtime = host.Runtime(o =>
        {
            o.Store.Provider = StoreProvider.Qdrant;
            o.Store.Qdrant.Endpoint = "https://qdrant.invalid:6334";
            o.Store.Qdrant.ApiKey = "secret-key";
        });

        Assert.IsType<RpmQdrantVectorStore>(runtime.Storage.VectorStore);
        Assert.DoesNotContain("secret-key", runtime.Options.Store.Qdrant.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost:6334")]
    [InlineData("/relative")]
    [InlineData("grpc://localhost:6334")]
    public async Task A_qdrant_endpoint_that_is_not_an_absolute_http_address_is_an_input_error(string endpoint)
    {
        await using var host = await RpmTestHost.StartAsync();

        var ex = Assert.Throws<RpmInputException>(() => host.Runtime(o =>
        {
            o.Store.Provider = StoreProvider.Qdrant;
            o.Store.Qdrant.Endpoint = endpoint;
        }));

        Assert.Contains("Rpm:Store:Qdrant:Endpoint", ex.Message);
        Assert.Contains("http://localhost:6334", ex.Message);
    }

    [Fact]
    public async Task A_bad_qdrant_collection_name_is_an_input_error_naming_the_key()
    {
        await using var host = await RpmTestHost.StartAsync();

        var ex = Assert.Throws<RpmInputException>(() => host.Runtime(o =>
        {
            o.Store.Provider = StoreProvider.Qdrant;
            o.Store.Qdrant.Collection = "my collection";
        }));

        Assert.StartsWith("Rpm:Store:Qdrant:Collection is invalid.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Qdrant_connection_and_limit_keys_reach_the_store_options_and_a_bad_one_is_named()
    {
        var store = RpmOptionsValidator.QdrantStoreOptions(new RpmQdrantOptions
        {
            Endpoint = "https://qdrant.invalid:6334",
            Timeout = TimeSpan.FromSeconds(5),
            CertificateThumbprint = new string('a', 64),
            MaxReceiveMessageSizeMb = 16,
            UpsertBatchSize = 100,
            MaxQueryLimit = 50,
            HnswM = 0,
            HnswPayloadM = 16,
        });

        Assert.Equal((5, 16, 100, 50, 0, 16), ((int)store.Timeout.TotalSeconds, store.MaxReceiveMessageSizeMb, store.UpsertBatchSize, store.MaxQueryLimit, store.HnswM, store.HnswPayloadM));
        Assert.Equal(new string('a', 64), store.CertificateThumbprint);
        var ex = Assert.Throws<RpmInputException>(() => RpmOptionsValidator.QdrantStoreOptions(new RpmQdrantOptions { MaxReceiveMessageSizeMb = 0 }));
        Assert.StartsWith("Rpm:Store:Qdrant:MaxReceiveMessageSizeMb is invalid.", ex.Message, StringComparison.Ordinal);
    }
}
