using RpmKernel.Storage.InMemory;
using RpmKernel.Storage.Providers;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.Tests.Conformance;

/// <summary>The store suite on the InMemory store: one store per test, reopened on the same memory.</summary>
public sealed class InMemoryConformanceTests : StoreConformanceTests, IDisposable
{
    private readonly RpmInMemoryVectorStore _store = new();

    protected override bool KeepsWriteVersions => true;

    protected override RpmStorage Open(int dimensions)
        => StoreCollections.Open(
            _store,
            dimensions,
            ReasoningRecordEntity.DefaultCollectionName,
            UserModelEntity.DefaultCollectionName,
            CachedResponseEntity.DefaultCollectionName,
            UsageRowEntity.DefaultCollectionName);

    public void Dispose() => _store.Dispose();
}
