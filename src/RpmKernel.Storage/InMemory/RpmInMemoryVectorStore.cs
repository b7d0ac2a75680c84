using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Abstractions;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.InMemory;

/// <summary>
/// A vector store in process memory (<c>Store:Provider = InMemory</c>): thread-safe, gone when the
/// process ends. For tests and throw-away runs; it behaves like the persistent stores (dimension
/// checks, copies on write and read) so that code tested on it runs unchanged on them.
/// </summary>
public sealed class RpmInMemoryVectorStore : VectorStore
{
    internal const string SystemName = "inmemory";

    private readonly ConcurrentDictionary<string, InMemoryCollectionState> _collections = new(StringComparer.Ordinal);
    private readonly VectorStoreMetadata _metadata = new() { VectorStoreSystemName = SystemName };

    /// <summary>The write leases of this memory, shared by every <see cref="RpmStorage"/> opened on it.</summary>
    internal IUserWriteLeases Leases { get; } = new ProcessUserWriteLeases(TimeProvider.System);

    /// <inheritdoc />
    [RequiresDynamicCode("The InMemory store maps records by reflection and is not compatible with NativeAOT.")]
    [RequiresUnreferencedCode("The InMemory store maps records by reflection and is not compatible with trimming.")]
    public override VectorStoreCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        StoreArguments.ThrowUnlessGuidKeyedClass<TKey, TRecord>("InMemory");

        var model = new InMemoryModelBuilder().Build(typeof(TRecord), typeof(TKey), definition, defaultEmbeddingGenerator: null);
        return (VectorStoreCollection<TKey, TRecord>)(object)new InMemoryCollection<TRecord>(_collections, name, model);
    }

    /// <inheritdoc />
    public override VectorStoreCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition)
        => throw new NotSupportedException($"The InMemory store holds records of a class type; use {nameof(GetCollection)} with a record class and Guid keys.");

    /// <inheritdoc />
    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var name in _collections.Keys.Order(StringComparer.Ordinal))
        {
            await Task.Yield();
            yield return name;
        }
    }

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Task.FromResult(_collections.ContainsKey(name));
    }

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _collections.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
        => StoreArguments.Service(this, _metadata, serviceType, serviceKey);
}
