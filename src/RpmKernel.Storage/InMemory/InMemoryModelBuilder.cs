using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.InMemory;

/// <summary>The collection model of an in-memory collection: GUID keys, immutable scalar data, exact (flat) cosine search.</summary>
internal sealed class InMemoryModelBuilder() : StoreModelBuilder("InMemory")
{
    protected override string SupportedKeyTypes => "Guid";

    protected override string SupportedDataTypes => ScalarTypes.Supported;

    protected override bool IsKeyType(Type type) => type == typeof(Guid);

    protected override bool IsDataType(Type type) => ScalarTypes.IsSupported(type);
}
