using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace RpmKernel.Storage.Providers;

/// <summary>
/// Builds the <see cref="CollectionModel"/> of an RpmKernel store with the shared VectorData model
/// builder, adding what every one of our stores can and cannot do: one vector property at most,
/// none required (user models have no vector), cosine similarity only, and vectors supplied by
/// the caller (no embedding generation on upsert). Each store names its key and data types.
/// </summary>
internal abstract class StoreModelBuilder(string storeName) : CollectionModelBuilder(BuildingOptions)
{
    private static readonly CollectionModelBuildingOptions BuildingOptions = new()
    {
        SupportsMultipleVectors = false,
        RequiresAtLeastOneVector = false,
    };

    /// <summary>The key types the store accepts, for error messages.</summary>
    protected abstract string SupportedKeyTypes { get; }

    /// <summary>The data types the store accepts, for error messages.</summary>
    protected abstract string SupportedDataTypes { get; }

    /// <summary>The index kind the store searches with.</summary>
    protected virtual string IndexKindUsed => IndexKind.Flat;

    protected abstract bool IsKeyType(Type type);

    protected abstract bool IsDataType(Type type);

    protected override bool IsDataPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = SupportedDataTypes;
        return IsDataType(type);
    }

    protected override bool IsVectorPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = VectorValues.SupportedVectorTypes;
        return VectorValues.IsVectorType(type);
    }

    protected override void ValidateKeyProperty(KeyPropertyModel keyProperty)
    {
        base.ValidateKeyProperty(keyProperty);
        if (!IsKeyType(keyProperty.Type))
        {
            throw new NotSupportedException(
                $"Key property '{keyProperty.ModelName}' has type '{keyProperty.Type.Name}', which the {storeName} store cannot use as a key. Use one of: {SupportedKeyTypes}.");
        }
    }

    protected override void Validate(Type? type, VectorStoreCollectionDefinition? definition)
    {
        base.Validate(type, definition);

        foreach (var vector in VectorProperties)
        {
            if (vector.DistanceFunction is not null and not DistanceFunction.CosineSimilarity)
            {
                throw new NotSupportedException(
                    $"Vector property '{vector.ModelName}' asks for distance function '{vector.DistanceFunction}', but the {storeName} store ranks by '{DistanceFunction.CosineSimilarity}' only. Set DistanceFunction to '{DistanceFunction.CosineSimilarity}' or leave it unset.");
            }

            if (vector.IndexKind is not null && vector.IndexKind != IndexKindUsed)
            {
                throw new NotSupportedException(
                    $"Vector property '{vector.ModelName}' asks for index kind '{vector.IndexKind}', but the {storeName} store uses '{IndexKindUsed}'. Set IndexKind to '{IndexKindUsed}' or leave it unset.");
            }

            if (vector.EmbeddingType != vector.Type)
            {
                throw new NotSupportedException(
                    $"Vector property '{vector.ModelName}' has type '{vector.Type.Name}', which would need embedding generation on upsert; the {storeName} store stores the vectors you give it. Make the property one of: {VectorValues.SupportedVectorTypes}, and set the embedding yourself.");
            }
        }
    }
}
