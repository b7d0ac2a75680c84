using System.Buffers;
using System.Numerics.Tensors;

namespace RpmKernel.Storage.Providers;

/// <summary>
/// The vectors of one user and task as one contiguous block of unit-length rows, with the stored
/// key of each row and the write version they were read at. Ranking is then one dot product per
/// row over memory that is read in order, and allocates nothing per row.
/// </summary>
internal sealed class ScopedVectors
{
    // A query of up to this many floats is scaled on the stack; longer ones (3,072 dimensions) in a rented array.
    private const int StackFloats = 1024;

    private readonly float[] _rows;

    internal ScopedVectors(long? version, object[] keys, float[] rows, int dimensions)
    {
        Version = version;
        Keys = keys;
        _rows = rows;
        Dimensions = dimensions;
    }

    /// <summary>The write version the rows were read at; null when the store keeps none (then the rows are never cached).</summary>
    internal long? Version { get; }

    /// <summary>The stored key of each row.</summary>
    internal object[] Keys { get; }

    internal int Dimensions { get; }

    internal int Count => Keys.Length;

    /// <summary>The memory the rows hold, for a cache's budget.</summary>
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

    /// <summary>
    /// The <paramref name="top"/> best rows by cosine similarity to <paramref name="query"/>, best
    /// first. The query is scaled to unit length once, so each row costs one dot product and one
    /// comparison with the worst score kept; only a row that beats it touches the heap.
    /// </summary>
    internal List<(int Row, double Score)> Rank(ReadOnlySpan<float> query, int top)
    {
        var keep = Math.Min(top, Count);
        var norm = TensorPrimitives.Norm(query);
        if (!(norm > 0) || float.IsInfinity(norm) || keep <= 0)
        {
            return [];
        }

        float[]? rented = null;
        Span<float> unit = Dimensions <= StackFloats
            ? stackalloc float[Dimensions]
            : (rented = ArrayPool<float>.Shared.Rent(Dimensions)).AsSpan(0, Dimensions);
        try
        {
            TensorPrimitives.Divide(query, norm, unit);
            return Top(unit, keep);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    private List<(int Row, double Score)> Top(ReadOnlySpan<float> unit, int keep)
    {
        var heap = new PriorityQueue<int, float>(keep + 1);
        var worst = float.NegativeInfinity;
        var rows = _rows.AsSpan();
        for (int i = 0, offset = 0; i < Count; i++, offset += Dimensions)
        {
            var score = TensorPrimitives.Dot(unit, rows.Slice(offset, Dimensions));
            if (heap.Count < keep)
            {
                heap.Enqueue(i, score);
                if (heap.Count == keep)
                {
                    heap.TryPeek(out _, out worst);
                }
            }
            else if (score > worst)
            {
                _ = heap.EnqueueDequeue(i, score);
                heap.TryPeek(out _, out worst);
            }
        }

        var results = new List<(int Row, double Score)>(heap.Count);
        while (heap.TryDequeue(out var row, out var score))
        {
            results.Add((row, Math.Clamp(score, -1.0, 1.0)));
        }

        results.Reverse();
        return results;
    }
}
