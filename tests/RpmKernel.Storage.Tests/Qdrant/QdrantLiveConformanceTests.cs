using RpmKernel.Storage.Qdrant;
using RpmKernel.Storage.Tests.Conformance;

namespace RpmKernel.Storage.Tests.Qdrant;

/// <summary>
/// The store suite on a live Qdrant server at RPM_QDRANT_ENDPOINT (gRPC, e.g. http://localhost:6334;
/// RPM_QDRANT_API_KEY when secured). Each test uses its own collections and deletes them after.
/// Without the variable every test is reported as skipped with the reason.
/// </summary>
[RequiresEnvironment(EndpointVariable, "start a server (docker run -p 6333:6333 -p 6334:6334 qdrant/qdrant) and set it to http://localhost:6334 to run the store suite on live Qdrant")]
public sealed class QdrantLiveConformanceTests : StoreConformanceTests
{
    private const string EndpointVariable = "RPM_QDRANT_ENDPOINT";

    private readonly QdrantStoreOptions _options = new()
    {
        Endpoint = new Uri(Environment.GetEnvironmentVariable(EndpointVariable) ?? QdrantStoreOptions.DefaultEndpoint.ToString()),
        ApiKey = Environment.GetEnvironmentVariable("RPM_QDRANT_API_KEY"),
        Collection = "rpm_test_" + Guid.NewGuid().ToString("N"),
    };

    protected override RpmStorage Open(int dimensions) => QdrantStores.Open(_options, dimensions);

    protected override async Task CleanUpAsync()
    {
        using var store = new RpmQdrantVectorStore(_options);
        foreach (var name in new[] { _options.Collection, ReasoningCollectionAdmin.BackupName(_options.Collection), _options.UserModelCollection, _options.CacheCollection, _options.UsageCollection, _options.LeaseCollection })
        {
            await store.EnsureCollectionDeletedAsync(name);
        }
    }
}
