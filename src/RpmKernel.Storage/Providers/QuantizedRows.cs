using System.Numerics;
using System.Numerics.Tensors;

namespace RpmKernel.Storage.Providers;

/// <summary>
/// A compact copy of unit-length float rows: each row as 8-bit codes times its own scale
/// (v̂ = s·q, a quarter of the bytes), with what it takes to bound how far a dot product over the
/// codes can be from the float dot product the ranking computes. A scan over the codes reads a
/// quarter of the memory; only the rows whose upper bound can still beat the worst score kept are
/// then scored with the float rows, so the ranking stays exactly the float ranking.
/// </summary>
/// <remarks>
/// With unit query u quantized to 16-bit codes (û = s_u·Q) and a row v (v̂ = s·q):
/// u·v = û·v̂ + u·(v − v̂) + (u − û)·v̂, so u·v ≤ s_u·s·(Q·q) + ‖u‖·‖v − v̂‖ + ‖u − û‖·‖v̂‖
/// (Cauchy–Schwarz). The float dot product is within γ_n·‖u‖·‖v‖ of u·v
/// (γ_n = n·2⁻²⁴ / (1 − n·2⁻²⁴), for any order of summation), so each row keeps
/// <c>‖v − v̂‖ + γ_n·‖v‖</c> and <c>‖v̂‖</c>, computed in double and rounded up.
/// </remarks>
internal sealed class QuantizedRows
{
    private const int RowCodeLimit = 127;

    private readonly sbyte[] _codes;
    private readonly float[] _scales;
    private readonly float[] _rowSlack;
    private readonly float[] _codeNorms;

    private QuantizedRows(int count, int dimensions, short queryCodeLimit)
    {
        Count = count;
        Dimensions = dimensions;
        QueryCodeLimit = queryCodeLimit;
        _codes = new sbyte[count * dimensions];
        _scales = new float[count];
        _rowSlack = new float[count];
        _codeNorms = new float[count];
    }

    internal int Count { get; }

    internal int Dimensions { get; }

    /// <summary>The largest query code: small enough that no sum of products leaves 32 bits.</summary>
    internal short QueryCodeLimit { get; }

    /// <summary>The memory the codes and the per-row numbers hold.</summary>
    internal long Bytes => _codes.LongLength + (3L * sizeof(float) * Count);

    /// <summary>
    /// The codes of <paramref name="count"/> rows of <paramref name="dimensions"/> floats; null when
    /// the rows are too long for 32-bit sums with a useful query precision (then the floats are scanned).
    /// </summary>
    internal static QuantizedRows? TryCreate(ReadOnlySpan<float> rows, int count, int dimensions)
    {
        var limit = Math.Min(short.MaxValue, int.MaxValue / ((long)RowCodeLimit * Math.Max(1, dimensions)));
        if (limit < 1024 || count == 0)
        {
            return null;
        }

        var quantized = new QuantizedRows(count, dimensions, (short)limit);
        var gamma = Gamma(dimensions);
        for (var i = 0; i < count; i++)
        {
            var row = rows.Slice(i * dimensions, dimensions);
            var codes = quantized._codes.AsSpan(i * dimensions, dimensions);
            var scale = Encode(row, RowCodeLimit, codes);
            quantized._scales[i] = scale;
            Measure(row, scale, codes, out var error, out var norm, out var codeNorm);
            quantized._rowSlack[i] = RoundUp(error + (gamma * norm));
            quantized._codeNorms[i] = RoundUp(codeNorm);
        }

        return quantized;
    }

    /// <summary>
    /// Quantizes the unit query into <paramref name="codes"/> and returns what the bounds need of it.
    /// </summary>
    internal QueryCodes Encode(ReadOnlySpan<float> unit, Span<short> codes)
    {
        var scale = Encode(unit, QueryCodeLimit, codes);
        double error = 0, norm = 0;
        for (var j = 0; j < unit.Length; j++)
        {
            double value = unit[j];
            var difference = value - ((double)scale * codes[j]);
            error += difference * difference;
            norm += value * value;
        }

        return new QueryCodes(scale, Inflate(Math.Sqrt(norm)), Inflate(Math.Sqrt(error)));
    }

    /// <summary>
    /// For rows <paramref name="start"/> on, as many as <paramref name="upper"/> holds: a float no
    /// smaller than the float dot product of the unit query with the row.
    /// </summary>
    internal void UpperBounds(ReadOnlySpan<short> codes, QueryCodes query, int start, Span<float> upper)
    {
        var all = _codes.AsSpan(start * Dimensions, upper.Length * Dimensions);
        var scales = _scales.AsSpan(start, upper.Length);
        var rowSlack = _rowSlack.AsSpan(start, upper.Length);
        var codeNorms = _codeNorms.AsSpan(start, upper.Length);
        for (var k = 0; k < upper.Length; k++)
        {
            var dot = QuantizedDot.Dot(codes, all.Slice(k * Dimensions, Dimensions));

            // s_u·s is exact in double (two 24-bit mantissas); what is left is a few roundings of
            // about 1e-16, covered by the absolute margin.
            var bound = ((double)query.Scale * scales[k] * dot) + (query.Norm * rowSlack[k]) + (query.Error * codeNorms[k]) + 1e-9;
            upper[k] = RoundUp(bound);
        }
    }

    // γ_n of floating-point summation of n products, with room to spare.
    private static double Gamma(int dimensions)
    {
        var nu = (dimensions + 2) * Math.ScaleB(1.0, -24);
        return 2 * nu / (1 - nu);
    }

    // The row's 8-bit codes and the query's 16-bit codes alike: the value over the scale, rounded and clamped to the limit.
    private static float Encode<TCode>(ReadOnlySpan<float> values, int limit, Span<TCode> codes)
        where TCode : IBinaryInteger<TCode>
    {
        var scale = ScaleOf(values, limit);
        for (var j = 0; j < values.Length; j++)
        {
            codes[j] = TCode.CreateTruncating(Code(values[j], scale, limit));
        }

        return scale;
    }

    // The largest magnitude maps to the largest code; the bounds use the scale as rounded.
    private static float ScaleOf(ReadOnlySpan<float> values, int limit) => Math.Abs(TensorPrimitives.MaxMagnitude(values)) / limit;

    private static int Code(float value, float scale, int limit) =>
        scale > 0 ? (int)Math.Clamp(Math.Round(value / (double)scale), -limit, limit) : 0;

    private static void Measure(ReadOnlySpan<float> row, float scale, ReadOnlySpan<sbyte> codes, out double error, out double norm, out double codeNorm)
    {
        double errors = 0, squares = 0, codeSquares = 0;
        for (var j = 0; j < row.Length; j++)
        {
            double value = row[j];
            var coded = (double)scale * codes[j];
            var difference = value - coded;
            errors += difference * difference;
            squares += value * value;
            codeSquares += coded * coded;
        }

        error = Inflate(Math.Sqrt(errors));
        norm = Inflate(Math.Sqrt(squares));
        codeNorm = Inflate(Math.Sqrt(codeSquares));
    }

    // A double sum of n squares and its root are within about n·1e-16 of the real value.
    private static double Inflate(double value) => value * (1 + 1e-9);

    private static float RoundUp(double value)
    {
        var rounded = (float)value;
        return rounded < value ? MathF.BitIncrement(rounded) : rounded;
    }
}

/// <summary>A unit query as 16-bit codes: their scale, the query's norm and its distance to the codes (both rounded up).</summary>
internal readonly record struct QueryCodes(float Scale, double Norm, double Error);
