using System.Linq.Expressions;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Providers;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.Qdrant;

/// <summary>Keys alone: a scroll whose payload selector asks for the user and task fields only, for deletes and forgetting a user.</summary>
internal sealed partial class QdrantCollection<TRecord> : IScopedKeyReader<TRecord>
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ScopedKey>> GetScopedKeysAsync(Expression<Func<TRecord, bool>> filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var user = StorageName(nameof(IUserScopedEntity.UserId));
        var task = StorageName(nameof(IUserScopedEntity.Task));
        var request = new ScrollPoints
        {
            CollectionName = Name,
            Filter = ServerFilter(filter),
            WithPayload = new WithPayloadSelector { Include = new PayloadIncludeSelector { Fields = { user, task } } },
            WithVectors = false,
        };

        return _backend.RunAsync<IReadOnlyList<ScopedKey>>(Name, "GetKeys", async client =>
        {
            await VerifyAsync(client, cancellationToken).ConfigureAwait(false);
            var points = await ScrollAsync(client, request, long.MaxValue, QdrantPageBudget.MaxPoints, cancellationToken).ConfigureAwait(false);
            return [.. points.Select(p => new ScopedKey(QdrantPayload.FromPointId(p.Id), Text(p, user), Text(p, task)))];
        }, cancellationToken);
    }

    private static string? Text(RetrievedPoint point, string field)
        => point.Payload.TryGetValue(field, out var value) && value.KindCase == Value.KindOneofCase.StringValue ? value.StringValue : null;

    private string StorageName(string modelName)
        => _model.DataProperties.FirstOrDefault(p => p.ModelName == modelName)?.StorageName
            ?? throw new NotSupportedException($"Records of collection '{Name}' have no {modelName} property; keys by user and task need one.");
}
