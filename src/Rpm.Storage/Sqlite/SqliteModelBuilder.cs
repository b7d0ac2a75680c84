using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;

namespace Rpm.Storage.Sqlite;

/// <summary>
/// Builds the <see cref="CollectionModel"/> of a SQLite collection with the shared VectorData
/// model builder, adding only what this store can and cannot do: one vector property at most,
/// none required (user models have no vector), exact cosine search, and vectors supplied by the
/// caller (no embedding generation on upsert).
/// </summary>
internal sealed class SqliteModelBuilder() : CollectionModelBuilder(BuildingOptions)
{
    private static readonly CollectionModelBuildingOptions BuildingOptions = new()
    {
        SupportsMultipleVectors = false,
        RequiresAtLeastOneVector = false,
    };

    protected override bool IsDataPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = SqliteValues.SupportedDataTypes;
        return SqliteValues.IsDataType(type);
    }

    protected override bool IsVectorPropertyTypeValid(Type type, [NotNullWhen(false)] out string? supportedTypes)
    {
        supportedTypes = SqliteValues.SupportedVectorTypes;
        return SqliteValues.IsVectorType(type);
    }

    protected override void ValidateKeyProperty(KeyPropertyModel keyProperty)
    {
        base.ValidateKeyProperty(keyProperty);
        if (!SqliteValues.IsKeyType(keyProperty.Type))
        {
            throw new NotSupportedException(
                $"Key property '{keyProperty.ModelName}' has type '{keyProperty.Type.Name}', which the SQLite store cannot use as a key. Use one of: {SqliteValues.SupportedKeyTypes}.");
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
                    $"Vector property '{vector.ModelName}' asks for distance function '{vector.DistanceFunction}', but the SQLite store ranks by '{DistanceFunction.CosineSimilarity}' only. Set DistanceFunction to '{DistanceFunction.CosineSimilarity}' or leave it unset.");
            }

            if (vector.IndexKind is not null and not IndexKind.Flat)
            {
                throw new NotSupportedException(
                    $"Vector property '{vector.ModelName}' asks for index kind '{vector.IndexKind}', but the SQLite store searches exhaustively ('{IndexKind.Flat}'). Set IndexKind to '{IndexKind.Flat}' or leave it unset.");
            }

            if (vector.EmbeddingType != vector.Type)
            {
                throw new NotSupportedException(
                    $"Vector property '{vector.ModelName}' has type '{vector.Type.Name}', which would need embedding generation on upsert; the SQLite store stores the vectors you give it. Make the property one of: {SqliteValues.SupportedVectorTypes}, and set the embedding yourself.");
            }
        }
    }
}
