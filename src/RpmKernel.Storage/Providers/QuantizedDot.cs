using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RpmKernel.Storage.Providers;

/// <summary>
/// The integer dot product of a query's 16-bit codes with a row's 8-bit codes, the inner loop of
/// the quantized scan (<see cref="QuantizedRows"/>): the row is widened to 16 bits and multiplied
/// pairwise into 32-bit sums (AVX-512BW or AVX2 <c>pmaddwd</c>), or added one by one where neither
/// is available. The sum is exact on every path (the caller keeps it within 32 bits), so the paths
/// give the same integer.
/// </summary>
internal static class QuantizedDot
{
    /// <summary>The exact sum of <c>query[j] * row[j]</c>, on the widest instructions this processor has.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Dot(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row)
    {
        if (Avx512BW.IsSupported)
        {
            return DotAvx512(query, row);
        }

        return Avx2.IsSupported ? DotAvx2(query, row) : DotScalar(query, row, 0);
    }

    /// <summary>The AVX-512BW path: 64 codes per step in two independent sums, then 32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int DotAvx512(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row)
    {
        var length = Math.Min(query.Length, row.Length);
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var r = ref MemoryMarshal.GetReference(row);
        var first = Vector512<int>.Zero;
        var second = Vector512<int>.Zero;
        var j = 0;
        for (; j + 64 <= length; j += 64)
        {
            first = Avx512F.Add(first, Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r, (nuint)j)), Vector512.LoadUnsafe(ref q, (nuint)j)));
            second = Avx512F.Add(second, Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r, (nuint)(j + 32))), Vector512.LoadUnsafe(ref q, (nuint)(j + 32))));
        }

        if (j + 32 <= length)
        {
            first = Avx512F.Add(first, Avx512BW.MultiplyAddAdjacent(Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r, (nuint)j)), Vector512.LoadUnsafe(ref q, (nuint)j)));
            j += 32;
        }

        var sum = Vector512.Sum(Avx512F.Add(first, second));
        return j == length ? sum : sum + DotScalar(query[..length], row[..length], j);
    }

    /// <summary>The AVX2 path: 16 codes per step.</summary>
    internal static int DotAvx2(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row)
    {
        var length = Math.Min(query.Length, row.Length);
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var r = ref MemoryMarshal.GetReference(row);
        var sums = Vector256<int>.Zero;
        var j = 0;
        for (; j + 16 <= length; j += 16)
        {
            var wide = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r, (nuint)j));
            sums = Avx2.Add(sums, Avx2.MultiplyAddAdjacent(wide, Vector256.LoadUnsafe(ref q, (nuint)j)));
        }

        return Vector256.Sum(sums) + DotScalar(query[..length], row[..length], j);
    }

    /// <summary>The plain path, from <paramref name="start"/> on (also the tail of the vector paths).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int DotScalar(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row, int start)
    {
        var length = Math.Min(query.Length, row.Length);
        var sum = 0;
        for (var j = start; j < length; j++)
        {
            sum += query[j] * row[j];
        }

        return sum;
    }
}
