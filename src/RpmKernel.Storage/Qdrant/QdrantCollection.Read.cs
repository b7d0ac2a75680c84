using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Microsoft.Extensions.VectorData;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// Reads: by key (retrieve), by filter (scroll, page by page) and by vector (query). Retrieve and
/// scroll pages are sized by <see cref="QdrantPageBudget"/> so that large payloads (long cached
/// responses) never push a response over the client's receive limit.
/// </summary>
internal sealed partial class QdrantCollection<TRecord>
{
    /// <summary>Points asked for in the first page of whole records, before any has been sized.</summary>
    internal const int FirstPagePoints = 64;

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
            var budget = Budget(FirstPagePoints);
            var all = new List<RetrievedPoint>(ids.Count);
            for (var read = 0; read < ids.Count;)
            {
                var request = new GetPoints { CollectionName = Name, Ids = { ids.Skip(read).Take(budget.Next) }, WithPayload = true, WithVectors = includeVectors };
                if (await PageAsync(budget, () => client.RetrieveAsync(request, cancellationToken)).ConfigureAwait(false) is { } page)
                {
                    all.AddRange(page);
                    read += request.Ids.Count;
                }
            }

            return all;
        }, cancellationToken).ConfigureAwait(false);

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

        var request = new ScrollPoints { CollectionName = Name, Filter = ServerFilter(filter), WithPayload = true, WithVectors = options.IncludeVectors };
        var points = await _backend.RunAsync(Name, "GetFiltered", async client =>
        {
            await VerifyAsync(client, cancellationToken).ConfigureAwait(false);
            return await ScrollAsync(client, request, (long)top + options.Skip, FirstPagePoints, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

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
        if (_backend.Options.MaxQueryLimit is { } limit && top > limit)
        {
            throw new ArgumentOutOfRangeException(nameof(top), top, $"A search of collection '{Name}' asks for {top} results, but the Qdrant server allows at most {limit} (Rpm:Store:Qdrant:MaxQueryLimit, its strict-mode max_query_limit); ask for fewer.");
        }

        var request = SearchRequest(query, top, options);
        var points = await _backend.RunAsync(Name, "Search", async client =>
        {
            await VerifyAsync(client, cancellationToken).ConfigureAwait(false);
            return await client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        foreach (var point in points)
        {
            yield return new VectorSearchResult<TRecord>(_mapper.ToRecord(point.Id, point.Payload, point.Vectors, options.IncludeVectors), point.Score);
        }
    }

    /// <summary>Every point matching <paramref name="request"/>'s filter, up to <paramref name="wanted"/>, page by page.</summary>
    private async Task<List<RetrievedPoint>> ScrollAsync(IQdrantClientSeam client, ScrollPoints request, long wanted, int firstPage, CancellationToken cancellationToken)
    {
        var budget = Budget(firstPage);
        var all = new List<RetrievedPoint>();
        var more = true;
        while (more && all.Count < wanted)
        {
            request.Limit = (uint)Math.Min(budget.Next, wanted - all.Count);
            if (await PageAsync(budget, () => client.ScrollAsync(request, cancellationToken)).ConfigureAwait(false) is { } page)
            {
                all.AddRange(page.Result);
                request.Offset = page.NextPageOffset;
                more = page.NextPageOffset is not null;
            }
        }

        return all;
    }

    private QdrantPageBudget Budget(int first) => new(_backend.Options.MaxReceiveMessageBytes, first, _backend.Options.MaxQueryLimit);

    /// <summary>One page, sized for the next; null when it overflowed the receive limit and should be asked for again, smaller.</summary>
    private static async Task<T?> PageAsync<T>(QdrantPageBudget budget, Func<Task<T>> read)
        where T : class
    {
        T page;
        try
        {
            page = await read().ConfigureAwait(false);
        }
        catch (RpcException ex) when (QdrantPageBudget.IsTooLarge(ex) && budget.Shrink())
        {
            return null;
        }

        budget.Observe(page switch
        {
            ScrollResponse scroll => scroll.Result,
            IEnumerable<Google.Protobuf.IMessage> points => points,
            _ => [],
        });
        return page;
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
