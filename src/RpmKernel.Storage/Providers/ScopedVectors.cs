using System.Buffers;
using System.Numerics.Tensors;

namespace RpmKernel.Storage.Providers;

/// <summary>
/// The vectors of one user and task as one contiguous block of unit-length rows, with the stored
/// key of each row and the write version they were read at, plus an 8-bit copy of the rows
/// (<see cref="QuantizedRows"/>). Ranking scans the 8-bit copy in order (a quarter of the memory)
/// and computes the float dot product only of rows that can still beat the worst score kept, so
/// it returns exactly what a float dot product of every row would, and allocates nothing per row.
/// </summary>
internal sealed class ScopedVectors
{
    // A query of up to this many floats is scaled on the stack; longer ones (3,072 dimensions) in a rented array.
    private const int StackFloats = 1024;

    // Rows whose upper bounds are worked out at a time, on the stack.
    private const int BoundsPerBlock = 256;

    private readonly float[] _rows;
    private readonly QuantizedRows? _quantized;

    internal ScopedVectors(long? version, object[] keys, float[] rows, int dimensions)
    {
        Version = version;
        Keys = keys;
        _rows = rows;
        Dimensions = dimensions;
        _quantized = QuantizedRows.TryCreate(rows, keys.Length, dimensions);
    }

    /// <summary>The write version the rows were read at; null when the store keeps none (then the rows are never cached).</summary>
    internal long? Version { get; }

    /// <summary>The stored key of each row.</summary>
    internal object[] Keys { get; }

    internal int Dimensions { get; }

    internal int Count => Keys.Length;

    /// <summary>The memory the rows hold, for a cache's budget.</summary>
    internal long Bytes => ((long)_rows.Length * sizeof(float)) + ((long)Keys.Length * 64) + (_quantized?.Bytes ?? 0);

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
    internal List<(int Row, double Score)> Rank(ReadOnlySpan<float> query, int top) => Rank(query, top, useCodes: true);

    /// <summary>
    /// Like <see cref="Rank(ReadOnlySpan{float}, int)"/>, computing the float dot product of every
    /// row: the ranking the 8-bit scan must reproduce exactly.
    /// </summary>
    internal List<(int Row, double Score)> RankEveryRow(ReadOnlySpan<float> query, int top) => Rank(query, top, useCodes: false);

    private List<(int Row, double Score)> Rank(ReadOnlySpan<float> query, int top, bool useCodes)
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
            return useCodes && _quantized is { } quantized && Count > keep ? TopByCodes(unit, keep, quantized) : Top(unit, keep);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<float>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// The same steps as <see cref="Top"/>, row by row in the same order, except that a row whose
    /// upper bound is no more than the worst score kept is passed over: its float score could not
    /// beat it either, so the heap goes through exactly the same states (ties included).
    /// </summary>
    private List<(int Row, double Score)> TopByCodes(ReadOnlySpan<float> unit, int keep, QuantizedRows quantized)
    {
        short[]? rented = null;
        Span<short> codes = Dimensions <= StackFloats
            ? stackalloc short[Dimensions]
            : (rented = ArrayPool<short>.Shared.Rent(Dimensions)).AsSpan(0, Dimensions);
        try
        {
            var query = quantized.Encode(unit, codes);
            Span<float> upper = stackalloc float[BoundsPerBlock];
            var heap = new PriorityQueue<int, float>(keep + 1);
            var worst = float.NegativeInfinity;
            var rows = _rows.AsSpan();
            for (var start = 0; start < Count; start += BoundsPerBlock)
            {
                var block = upper[..Math.Min(BoundsPerBlock, Count - start)];
                quantized.UpperBounds(codes, query, start, block);
                for (var k = 0; k < block.Length; k++)
                {
                    if (heap.Count == keep && block[k] <= worst)
                    {
                        continue;
                    }

                    var i = start + k;
                    Offer(heap, keep, i, TensorPrimitives.Dot(unit, rows.Slice(i * Dimensions, Dimensions)), ref worst);
                }
            }

            return Drain(heap);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<short>.Shared.Return(rented);
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
            Offer(heap, keep, i, TensorPrimitives.Dot(unit, rows.Slice(offset, Dimensions)), ref worst);
        }

        return Drain(heap);
    }

    // One row's step: it fills the heap, or replaces the worst row kept when it beats it.
    private static void Offer(PriorityQueue<int, float> heap, int keep, int row, float score, ref float worst)
    {
        if (heap.Count < keep)
        {
            heap.Enqueue(row, score);
            if (heap.Count == keep)
            {
                heap.TryPeek(out _, out worst);
            }
        }
        else if (score > worst)
        {
            _ = heap.EnqueueDequeue(row, score);
            heap.TryPeek(out _, out worst);
        }
    }

    // The rows kept, best first.
    private static List<(int Row, double Score)> Drain(PriorityQueue<int, float> heap)
    {
        var results = new List<(int Row, double Score)>(heap.Count);
        while (heap.TryDequeue(out var row, out var score))
        {
            results.Add((row, Math.Clamp(score, -1.0, 1.0)));
        }

        results.Reverse();
        return results;
    }
}
