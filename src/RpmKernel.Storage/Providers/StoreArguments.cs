using System.Linq.Expressions;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace RpmKernel.Storage.Providers;

/// <summary>The argument checks and service lookups every RpmKernel store does the same way.</summary>
internal static class StoreArguments
{
    /// <summary>Checks a filtered read and returns its options (defaults when null).</summary>
    internal static FilteredRecordRetrievalOptions<TRecord> Filtered<TRecord>(Expression<Func<TRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<TRecord>? options)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip, nameof(options));
        return options;
    }

    /// <summary>Checks a search, and returns its options (defaults when null), the vector property and the query vector, which must have <paramref name="dimensions"/> floats.</summary>
    internal static async ValueTask<(VectorSearchOptions<TRecord> Options, VectorPropertyModel Property, ReadOnlyMemory<float> Query)> SearchAsync<TRecord, TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<TRecord>? options,
        CollectionModel model,
        int dimensions,
        string collectionName,
        CancellationToken cancellationToken)
        where TInput : notnull
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        options ??= new();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Skip, nameof(options));

        var property = model.GetVectorPropertyOrSingle(options);
        var query = await VectorValues.ToSearchVectorAsync(searchValue, property, cancellationToken).ConfigureAwait(false);
        if (query.Length != dimensions)
        {
            throw VectorValues.SearchDimensionMismatch(query.Length, collectionName, dimensions, nameof(searchValue));
        }

        return (options, property, query);
    }

    /// <summary>The records of a class with Guid keys, which the Qdrant and InMemory stores hold; anything else is refused naming the store.</summary>
    internal static void ThrowUnlessGuidKeyedClass<TKey, TRecord>(string storeName)
    {
        if (typeof(TKey) != typeof(Guid) || typeof(TRecord) == typeof(Dictionary<string, object?>))
        {
            throw new NotSupportedException($"The {storeName} store holds records of a class type with Guid keys; '{typeof(TRecord).Name}' with '{typeof(TKey).Name}' keys is not supported.");
        }
    }

    /// <summary>The <c>GetService</c> of stores and collections: their metadata, or themselves.</summary>
    internal static object? Service(object self, object metadata, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == metadata.GetType() ? metadata
            : serviceType.IsInstanceOfType(self) ? self
            : null;
    }
}
