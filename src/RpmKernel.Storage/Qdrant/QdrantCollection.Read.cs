using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Qdrant;

/// <summary>Reads: by key (retrieve), by filter (scroll, page by page) and by vector (query).</summary>
internal sealed partial class QdrantCollection<TRecord>
{
    /// <summary>Points per scroll page.</summary>
    internal const uint PointsPerPage = 256;

    /// <inheritdoc />
    public override async Task<TRecord?> GetAsync(Guid key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        await foreach (var record in GetAsync([key], options, cancellationToken).ConfigureAwait(false))
        {
            return record;
        }

        return null;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<TRecord> GetAsync(
        IEnumerable<Guid> keys,
        RecordRetrievalOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.Distinct().Select(QdrantPayload.ToPointId).ToList();
        if (ids.Count == 0)
        {
            yield break;
        }

        var includeVectors = options?.IncludeVectors ?? false;
        var points = await _backend.RunAsync(Name, "Get", async client =>
        {
            await VerifyAsync(client, cancellationToken).ConfigureAwait(false);
            var all = new List<RetrievedPoint>(ids.Count);
            foreach (var chunk in ids.Chunk(PointsPerRequest))
            {
                var request = new GetPoints { CollectionName = Name, Ids = { chunk }, WithPayload = true, WithVectors = includeVectors };
                all.AddRange(await client.RetrieveAsync(request, cancellationToken).ConfigureAwait(false));
            }

            return all;
        }).ConfigureAwait(false);

        foreach (var point in points)
        {
            yield return _mapper.ToRecord(point.Id, point.Payload, point.Vectors, includeVectors);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<TRecord> GetAsync(
        Expression<Func<TRecord, bool>> filter,
        int top,
        FilteredRecordRetrievalOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options = StoreArguments.Filtered(filter, top, options);
        if (options.OrderBy is not null)
        {
            throw new NotSupportedException($"The Qdrant store returns filtered records in point-id order; OrderBy is not supported. Sort the results in memory.");
        }

        var wanted = (long)top + options.Skip;
        var request = new ScrollPoints { CollectionName = Name, Filter = ServerFilter(filter), WithPayload = true, WithVectors = options.IncludeVectors };
        var points = await _backend.RunAsync(Name, "GetFiltered", async client =>
        {
            await VerifyAsync(client, cancellationToken).ConfigureAwait(false);
            var all = new List<RetrievedPoint>();
            do
            {
                request.Limit = (uint)Math.Min(PointsPerPage, wanted - all.Count);
                var page = await client.ScrollAsync(request, cancellationToken).ConfigureAwait(false);
                all.AddRange(page.Result);
                request.Offset = page.NextPageOffset;
            }
            while (request.Offset is not null && all.Count < wanted);

            return all;
        }).ConfigureAwait(false);

        foreach (var point in points.Skip(options.Skip))
        {
            yield return _mapper.ToRecord(point.Id, point.Payload, point.Vectors, options.IncludeVectors);
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        (options, _, var query) = await StoreArguments.SearchAsync(searchValue, top, options, _model, _mapper.Dimensions, Name, cancellationToken).ConfigureAwait(false);

        var request = SearchRequest(query, top, options);
        var points = await _backend.RunAsync(Name, "Search", async client =>
        {
            await VerifyAsync(client, cancellationToken).ConfigureAwait(false);
            return await client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        foreach (var point in points)
        {
            yield return new VectorSearchResult<TRecord>(_mapper.ToRecord(point.Id, point.Payload, point.Vectors, options.IncludeVectors), point.Score);
        }
    }

    /// <summary>A nearest-neighbour query of the filtered points; with cosine distance Qdrant's score is the cosine similarity.</summary>
    private QueryPoints SearchRequest(ReadOnlyMemory<float> query, int top, VectorSearchOptions<TRecord> options)
    {
        var dense = new DenseVector();
        dense.Data.AddRange(query.ToArray());
        var request = new QueryPoints
        {
            CollectionName = Name,
            Query = new Query { Nearest = new VectorInput { Dense = dense } },
            Limit = (ulong)top,
            Offset = (ulong)options.Skip,
            WithPayload = true,
            WithVectors = options.IncludeVectors,
        };

        if (options.Filter is not null)
        {
            request.Filter = ServerFilter(options.Filter);
        }

        if (options.ScoreThreshold is { } threshold)
        {
            request.ScoreThreshold = (float)threshold;
        }

        return request;
    }

    /// <summary>The Qdrant filter of a LINQ filter; match-all (<c>e => true</c>) is sent as no filter at all.</summary>
    private Filter? ServerFilter(Expression<Func<TRecord, bool>> filter)
    {
        var translated = QdrantFilterTranslator.Translate(filter, _model);
        return translated.Must.Count == 0 ? null : translated;
    }
}
