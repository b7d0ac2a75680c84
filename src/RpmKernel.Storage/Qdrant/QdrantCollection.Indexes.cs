using Microsoft.Extensions.Logging;
using Qdrant.Client.Grpc;

namespace RpmKernel.Storage.Qdrant;

/// <summary>Payload indexes: the ones the collection needs, and a check of the ones it already has.</summary>
internal sealed partial class QdrantCollection<TRecord>
{
    /// <summary>One payload index per indexed data property; the tenant property's is a tenant keyword index.</summary>
    internal IEnumerable<CreateFieldIndexCollection> IndexRequests()
        => _model.DataProperties.Where(p => p.IsIndexed).Select(p =>
        {
            var request = new CreateFieldIndexCollection { CollectionName = Name, FieldName = p.StorageName, FieldType = QdrantPayload.IndexType(p.Type), Wait = true };
            if (IsTenant(request))
            {
                request.FieldIndexParams = new PayloadIndexParams { KeywordIndexParams = new KeywordIndexParams { IsTenant = true } };
            }

            return request;
        });

    /// <summary>
    /// Compares the indexes the collection already has with the ones it needs: an index of another
    /// type (made by hand or by another tool) fails with what to do, since filters on the field
    /// would not use it; a tenant keyword index without <c>is_tenant</c> still filters right, so
    /// it is only logged as a warning.
    /// </summary>
    private void CheckIndexes(CollectionInfo info)
    {
        foreach (var wanted in IndexRequests())
        {
            if (!info.PayloadSchema.TryGetValue(wanted.FieldName, out var existing))
            {
                continue;
            }

            var type = SchemaType(wanted.FieldType);
            var recreate = $"Delete the index (DELETE /collections/{Name}/index/{wanted.FieldName} on Qdrant's REST port 6333) and run RpmStorage.EnsureReadyAsync again to recreate it, or pick another Rpm:Store:Qdrant:Collection.";
            if (existing.DataType != type)
            {
                throw new InvalidOperationException(
                    $"Collection '{Name}' in Qdrant at {_backend.Name} has a {existing.DataType} index on '{wanted.FieldName}', but RpmKernel stores and filters that field as {type}. {recreate}");
            }

            if (IsTenant(wanted) && existing.Params?.KeywordIndexParams?.IsTenant != true)
            {
                _backend.Logger.LogWarning(
                    "Collection '{Collection}' in Qdrant at {Endpoint} has a keyword index on '{Field}' that is not a tenant index (is_tenant); reads stay correct, but Qdrant does not keep each user's points together. {Fix}",
                    Name,
                    _backend.Name,
                    wanted.FieldName,
                    recreate);
            }
        }
    }

    private bool IsTenant(CreateFieldIndexCollection index)
        => index.FieldType == FieldType.Keyword && _model.DataProperties.Any(p => p.StorageName == index.FieldName && p.ModelName == _tenantProperty);

    private static PayloadSchemaType SchemaType(FieldType type) => type switch
    {
        FieldType.Keyword => PayloadSchemaType.Keyword,
        FieldType.Integer => PayloadSchemaType.Integer,
        FieldType.Float => PayloadSchemaType.Float,
        FieldType.Bool => PayloadSchemaType.Bool,
        FieldType.Datetime => PayloadSchemaType.Datetime,
        FieldType.Uuid => PayloadSchemaType.Uuid,
        FieldType.Text => PayloadSchemaType.Text,
        _ => PayloadSchemaType.Geo,
    };
}
