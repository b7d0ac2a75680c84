using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.VectorData;
using Microsoft.Extensions.VectorData.ProviderServices;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Sqlite;

/// <summary>Vector search: exact cosine ranking of the filtered candidates, computed in process.</summary>
internal sealed partial class SqliteCollection<TKey, TRecord>
{
    /// <inheritdoc />
    public override async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(
        TInput searchValue,
        int top,
        VectorSearchOptions<TRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        (options, _, var query) = await StoreArguments.SearchAsync(searchValue, top, options, _model, _mapper.Dimensions, Name, cancellationToken).ConfigureAwait(false);

        var sql = new StringBuilder()
            .Append("SELECT ").Append(_mapper.SelectColumnsWithVector).Append(" FROM ").Append(_table)
            .Append(" WHERE ").Append(_mapper.VectorColumn).Append(" IS NOT NULL");
        IReadOnlyList<KeyValuePair<string, object>> parameters = [];
        if (options.Filter is not null)
        {
            var where = SqliteFilterTranslator.Translate(options.Filter, _model);
            sql.Append(" AND ").Append(where.Sql);
            parameters = where.Parameters;
        }

        var ranked = await _database.RunAsync(Name, "Search", async connection =>
        {
            await VerifyAsync(connection, cancellationToken).ConfigureAwait(false);
            using var command = SqliteDatabase.Command(connection, sql.ToString(), null, parameters);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await RankAsync(reader, query, (int)Math.Min(int.MaxValue, (long)top + options.Skip), options, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

        foreach (var result in ranked.Skip(options.Skip))
        {
            yield return result;
        }
    }

    /// <summary>
    /// Keeps the <paramref name="keep"/> best candidates in a min-heap while streaming rows, so only
    /// rows that enter the heap are turned into records; returns them best first.
    /// </summary>
    private async Task<List<VectorSearchResult<TRecord>>> RankAsync(
        SqliteDataReader reader,
        ReadOnlyMemory<float> query,
        int keep,
        VectorSearchOptions<TRecord> options,
        CancellationToken cancellationToken)
    {
        var heap = new PriorityQueue<VectorSearchResult<TRecord>, double>();
        var vector = new float[_mapper.Dimensions];
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!_mapper.ReadVector(reader, Name, vector))
            {
                continue;
            }

            double score = TensorPrimitives.CosineSimilarity(query.Span, vector);

            // A zero vector has no direction (NaN similarity): it can match nothing.
            if (double.IsNaN(score) || score < options.ScoreThreshold
                || (heap.Count == keep && heap.TryPeek(out _, out var worst) && score <= worst))
            {
                continue;
            }

            var record = _mapper.Read(reader, options.IncludeVectors ? (float[])vector.Clone() : null);
            if (heap.Count == keep)
            {
                _ = heap.EnqueueDequeue(new VectorSearchResult<TRecord>(record, score), score);
            }
            else
            {
                heap.Enqueue(new VectorSearchResult<TRecord>(record, score), score);
            }
        }

        var results = new List<VectorSearchResult<TRecord>>(heap.Count);
        while (heap.TryDequeue(out var result, out _))
        {
            results.Add(result);
        }

        results.Reverse();
        return results;
    }
}
