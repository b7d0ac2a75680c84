using System.Numerics.Tensors;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// The vectors of one user and task as one contiguous block of unit-length rows, with the stored
/// key of each row and the write version they were read at. Ranking is then one dot product per
/// row over memory that is read in order, and allocates nothing per row.
/// </summary>
internal sealed class ScopedVectors
{
    private readonly float[] _rows;

    internal ScopedVectors(long? version, object[] keys, float[] rows, int dimensions)
    {
        Version = version;
        Keys = keys;
        _rows = rows;
        Dimensions = dimensions;
    }

    /// <summary>The write version the rows were read at; null when the file keeps none (then the rows are never cached).</summary>
    internal long? Version { get; }

    /// <summary>The stored key of each row.</summary>
    internal object[] Keys { get; }

    internal int Dimensions { get; }

    internal int Count => Keys.Length;

    /// <summary>The memory the rows hold, for the cache's budget.</summary>
    internal long Bytes => ((long)_rows.Length * sizeof(float)) + ((long)Keys.Length * 64);

    /// <summary>
    /// Scales <paramref name="vector"/> to unit length into row <paramref name="row"/> of
    /// <paramref name="rows"/>; false for a zero vector, which has no direction and can match nothing.
    /// </summary>
    internal static bool TryNormalizeInto(ReadOnlySpan<float> vector, float[] rows, int row)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (!(norm > 0) || float.IsInfinity(norm))
        {
            return false;
        }

        TensorPrimitives.Divide(vector, norm, rows.AsSpan(row * vector.Length, vector.Length));
        return true;
    }

    /// <summary>The <paramref name="top"/> best rows by cosine similarity to <paramref name="query"/>, best first.</summary>
    internal List<(int Row, double Score)> Rank(ReadOnlySpan<float> query, int top)
    {
        var results = new List<(int Row, double Score)>(Math.Min(top, Count));
        var norm = TensorPrimitives.Norm(query);
        if (!(norm > 0) || float.IsInfinity(norm) || top <= 0)
        {
            return results;
        }

        var heap = new PriorityQueue<int, float>(Math.Min(top, Count) + 1);
        for (var i = 0; i < Count; i++)
        {
            var score = TensorPrimitives.Dot(query, _rows.AsSpan(i * Dimensions, Dimensions)) / norm;
            if (heap.Count < top)
            {
                heap.Enqueue(i, score);
            }
            else if (heap.TryPeek(out _, out var worst) && score > worst)
            {
                _ = heap.EnqueueDequeue(i, score);
            }
        }

        while (heap.TryDequeue(out var row, out var score))
        {
            results.Add((row, Math.Clamp(score, -1.0, 1.0)));
        }

        results.Reverse();
        return results;
    }
}
