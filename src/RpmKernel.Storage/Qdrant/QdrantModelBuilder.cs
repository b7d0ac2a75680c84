using Microsoft.Extensions.VectorData;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Qdrant;

/// <summary>The collection model of a Qdrant collection: UUID keys, the payload types of <see cref="ScalarTypes"/>, and Qdrant's HNSW index with cosine distance.</summary>
internal sealed class QdrantModelBuilder() : StoreModelBuilder("Qdrant")
{
    protected override string SupportedKeyTypes => "Guid";

    protected override string SupportedDataTypes => ScalarTypes.Supported;

    protected override string IndexKindUsed => IndexKind.Hnsw;

    protected override bool IsKeyType(Type type) => type == typeof(Guid);

    protected override bool IsDataType(Type type) => ScalarTypes.IsSupported(type);
}
