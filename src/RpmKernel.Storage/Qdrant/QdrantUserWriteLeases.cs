using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// Leases as points of a payload-only collection in Qdrant itself (<c>&lt;Collection&gt;_leases</c>),
/// one per (user, task) and one for the store-wide <see cref="ReindexLease"/>, so writers on several
/// machines that share one server take turns. Taking a lease is one conditional upsert (Qdrant 1.16+
/// <c>update_filter</c>: the existing point is overwritten only when this owner holds it or it has
/// expired; a missing point is inserted), then a read of who holds it. Renewal sets the expiry only on
/// a point this owner still holds and never recreates a deleted one, so a lease revoked by
/// <c>forget</c> stays revoked. Expiry is compared with the writer's clock: machines need clocks
/// within a few seconds of each other (NTP), well inside the 30 s a lease lives. On a server older
/// than 1.16, which ignores <c>update_filter</c>, the leases fall back to this process with a warning.
/// </summary>
internal sealed class QdrantUserWriteLeases(QdrantBackend backend, string collection, TimeProvider time) : IUserWriteLeases
{
    /// <summary>The first server version with conditional updates.</summary>
    internal static readonly Version ConditionalUpdates = new(1, 16);

    internal const string UserField = "UserId";
    internal const string TaskField = "Task";
    internal const string OwnerField = "Owner";
    internal const string ExpiresField = "Expires";
    internal const string HeartbeatField = "Heartbeat";

    private readonly Lock _gate = new();
    private Task<IUserWriteLeases?>? _check;

    /// <summary>The lease collection.</summary>
    internal string CollectionName { get; } = collection;

    /// <summary>The point id of a lease: a hash of its user and task, so every machine addresses the same point.</summary>
    internal static PointId PointOf(string userId, string task)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"rpm/lease\u0000{userId.Length}:{userId}\u0000{task}"));
        return QdrantPayload.ToPointId(new Guid(hash.AsSpan(0, 16)));
    }

    public async Task<string?> TryAcquireAsync(string userId, string task, string owner, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        if (await FallbackAsync(cancellationToken).ConfigureAwait(false) is { } local)
        {
            return await local.TryAcquireAsync(userId, task, owner, ttl, cancellationToken).ConfigureAwait(false);
        }

        var id = PointOf(userId, task);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var point = new PointStruct
        {
            Id = id,
            Vectors = new Vectors { Vectors_ = new NamedVectors() },
            Payload =
            {
                [UserField] = userId,
                [TaskField] = task,
                [OwnerField] = owner,
                [ExpiresField] = now + (long)ttl.TotalMilliseconds,
                [HeartbeatField] = now,
            },
        };

        // Compare-and-set: an existing lease is overwritten only when this owner holds it or it expired.
        var request = new UpsertPoints
        {
            CollectionName = CollectionName,
            Wait = true,
            Ordering = Strong,
            Points = { point },
            UpdateFilter = new Filter { Should = { Match(OwnerField, owner), Expired(now) } },
        };
        return await backend.RunAsync(CollectionName, "AcquireLease", async client =>
        {
            await client.UpsertAsync(request, cancellationToken).ConfigureAwait(false);
            var holder = await HolderAsync(client, id, cancellationToken).ConfigureAwait(false);

            // Gone between the write and the read: a forget revoked it at once, so it is not held.
            return holder == owner ? null : holder ?? "a writer whose lease was revoked";
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> RenewAsync(string userId, string task, string owner, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        if (await FallbackAsync(cancellationToken).ConfigureAwait(false) is { } local)
        {
            return await local.RenewAsync(userId, task, owner, ttl, cancellationToken).ConfigureAwait(false);
        }

        var id = PointOf(userId, task);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();

        // Setting a payload never inserts: a lease that forget deleted is not brought back.
        var request = new SetPayloadPoints
        {
            CollectionName = CollectionName,
            Wait = true,
            Ordering = Strong,
            PointsSelector = new PointsSelector { Filter = Held(id, owner) },
            Payload = { [ExpiresField] = now + (long)ttl.TotalMilliseconds, [HeartbeatField] = now },
        };
        return await backend.RunAsync(CollectionName, "RenewLease", async client =>
        {
            await client.SetPayloadAsync(request, cancellationToken).ConfigureAwait(false);
            return await HolderAsync(client, id, cancellationToken).ConfigureAwait(false) == owner;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseAsync(string userId, string task, string owner, CancellationToken cancellationToken = default)
    {
        if (await FallbackAsync(cancellationToken).ConfigureAwait(false) is { } local)
        {
            await local.ReleaseAsync(userId, task, owner, cancellationToken).ConfigureAwait(false);
            return;
        }

        await DeleteAsync("ReleaseLease", Held(PointOf(userId, task), owner), cancellationToken).ConfigureAwait(false);
    }

    public async Task RevokeAsync(string userId, string? task, CancellationToken cancellationToken = default)
    {
        if (await FallbackAsync(cancellationToken).ConfigureAwait(false) is { } local)
        {
            await local.RevokeAsync(userId, task, cancellationToken).ConfigureAwait(false);
            return;
        }

        var filter = new Filter { Must = { Match(UserField, userId) } };
        if (task is not null)
        {
            filter.Must.Add(Match(TaskField, task));
        }

        await DeleteAsync("RevokeLease", filter, cancellationToken).ConfigureAwait(false);
    }

    private static WriteOrdering Strong => new() { Type = WriteOrderingType.Strong };

    private static Condition Match(string field, string value)
        => new() { Field = new FieldCondition { Key = field, Match = new Match { Keyword = value } } };

    private static Condition Expired(long now)
        => new() { Field = new FieldCondition { Key = ExpiresField, Range = new global::Qdrant.Client.Grpc.Range { Lt = now } } };

    private static Filter Held(PointId id, string owner)
        => new() { Must = { new Condition { HasId = new HasIdCondition { HasId = { id } } }, Match(OwnerField, owner) } };

    private async Task<string?> HolderAsync(IQdrantClientSeam client, PointId id, CancellationToken cancellationToken)
    {
        var points = await client.RetrieveAsync(
            new GetPoints { CollectionName = CollectionName, Ids = { id }, WithPayload = new WithPayloadSelector { Enable = true }, WithVectors = new WithVectorsSelector { Enable = false } },
            cancellationToken).ConfigureAwait(false);
        return points.Count > 0 ? points[0].Payload.GetValueOrDefault(OwnerField)?.StringValue : null;
    }

    private Task DeleteAsync(string operation, Filter filter, CancellationToken cancellationToken)
        => backend.RunAsync(CollectionName, operation, client => client.DeleteAsync(
            new DeletePoints { CollectionName = CollectionName, Wait = true, Ordering = Strong, Points = new PointsSelector { Filter = filter } },
            cancellationToken), cancellationToken);

    /// <summary>
    /// Creates the lease collection (and its keyword indexes) on first use, and decides once whether the
    /// server can take leases: null when it can, the in-process fallback when it is older than 1.16.
    /// A check that failed (server unreachable) is tried again by the next call.
    /// </summary>
    private Task<IUserWriteLeases?> FallbackAsync(CancellationToken cancellationToken)
    {
        Task<IUserWriteLeases?> check;
        lock (_gate)
        {
            if (_check is null || _check.IsFaulted || _check.IsCanceled)
            {
                _check = CheckAsync();
            }

            check = _check;
        }

        return check.WaitAsync(cancellationToken);
    }

    private async Task<IUserWriteLeases?> CheckAsync()
    {
        // The version is known once the backend's first call ran; the collection is made only where it is used.
        var version = await backend.RunAsync(CollectionName, "EnsureLeaseCollection", async client =>
        {
            if (backend.ServerVersion is not { } known || known >= ConditionalUpdates)
            {
                await EnsureCollectionAsync(client, CancellationToken.None).ConfigureAwait(false);
            }

            return backend.ServerVersion;
        }, CancellationToken.None).ConfigureAwait(false);
        if (version is null || version >= ConditionalUpdates)
        {
            return null;
        }

        backend.Logger.LogWarning(
            "Qdrant at {Endpoint} is version {Version}, which has no conditional updates (1.16+); write leases hold within this process only, so two machines may write the same user at once. Upgrade the server to 1.16 or newer.",
            backend.Name,
            version);
        return new ProcessUserWriteLeases(time);
    }

    private async Task EnsureCollectionAsync(IQdrantClientSeam client, CancellationToken cancellationToken)
    {
        if (!await client.CollectionExistsAsync(CollectionName, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await client.CreateCollectionAsync(
                    new CreateCollection { CollectionName = CollectionName, VectorsConfig = new VectorsConfig { ParamsMap = new VectorParamsMap() } },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Grpc.Core.RpcException or global::Qdrant.Client.QdrantException)
            {
                // Another machine created it first.
                if (!await client.CollectionExistsAsync(CollectionName, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }
            }
        }

        // Revoke and release delete by these fields; a server in strict mode filters only on indexed fields.
        var info = await client.GetCollectionInfoAsync(CollectionName, cancellationToken).ConfigureAwait(false);
        foreach (var field in new[] { UserField, OwnerField }.Where(f => !info.PayloadSchema.ContainsKey(f)))
        {
            await client.CreatePayloadIndexAsync(
                new CreateFieldIndexCollection { CollectionName = CollectionName, FieldName = field, FieldType = FieldType.Keyword, Wait = true },
                cancellationToken).ConfigureAwait(false);
        }
    }
}
