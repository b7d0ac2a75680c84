using System.Numerics.Tensors;
using System.Runtime.Intrinsics.X86;
using RpmKernel.Storage.Providers;

namespace RpmKernel.Storage.Tests.Providers;

/// <summary>
/// The 8-bit scan of <see cref="ScopedVectors"/> must rank exactly as the float dot product of
/// every row does: same rows, same order (ties included), bit-identical scores.
/// </summary>
public sealed class QuantizedRankingTests
{
    [Theory]
    [InlineData(384, 2_000, 1)]
    [InlineData(384, 2_000, 4)]
    [InlineData(384, 700, 25)]
    [InlineData(3_072, 300, 4)]
    [InlineData(40, 1_000, 4)]
    public void Ranking_random_rows_returns_the_same_rows_and_scores_as_scoring_every_row(int dimensions, int count, int top)
    {
        var random = new Random(dimensions + count + top);
        var vectors = Vectors(Enumerable.Range(0, count).Select(_ => VectorMath.Random(random, dimensions)), dimensions);
        for (var q = 0; q < 20; q++)
        {
            AssertSameRanking(vectors, VectorMath.Random(random, dimensions), top);
        }
    }

    [Fact]
    public void Ranking_duplicated_rows_breaks_ties_as_scoring_every_row_does()
    {
        var random = new Random(7);
        var distinct = Enumerable.Range(0, 30).Select(_ => VectorMath.Random(random, 384)).ToList();
        var rows = Enumerable.Range(0, 900).Select(_ => distinct[random.Next(distinct.Count)]).ToList();
        var vectors = Vectors(rows, 384);
        foreach (var top in new[] { 1, 3, 4, 7, 40 })
        {
            AssertSameRanking(vectors, distinct[0], top);
            AssertSameRanking(vectors, VectorMath.Random(random, 384), top);
        }
    }

    [Fact]
    public void Ranking_rows_that_differ_by_less_than_the_code_step_returns_the_same_as_scoring_every_row()
    {
        var random = new Random(11);
        var center = VectorMath.Random(random, 384);
        var rows = Enumerable.Range(0, 1_000).Select(_ => center.Select(c => c + (float)((random.NextDouble() - 0.5) * 1e-4)).ToArray()).ToList();
        var vectors = Vectors(rows, 384);
        AssertSameRanking(vectors, center, 4);
        AssertSameRanking(vectors, VectorMath.Random(random, 384), 4);
        AssertSameRanking(vectors, rows[500], 10);
    }

    [Fact]
    public void Ranking_rows_and_queries_with_one_huge_component_returns_the_same_as_scoring_every_row()
    {
        var random = new Random(13);
        var rows = Enumerable.Range(0, 800).Select(i =>
        {
            var row = VectorMath.Random(random, 384);
            row[i % 384] = i % 2 == 0 ? 1e6f : -3e4f;
            return row;
        }).ToList();
        var vectors = Vectors(rows, 384);
        var query = VectorMath.Random(random, 384);
        query[5] = 1e8f;
        AssertSameRanking(vectors, query, 4);
        var tiny = VectorMath.Random(random, 384).Select(v => v * 1e-30f).ToArray();
        tiny[0] = 1e-20f;
        AssertSameRanking(vectors, tiny, 4);
    }

    [Fact]
    public void Ranking_leaves_out_zero_rows_and_returns_nothing_for_a_zero_query()
    {
        var random = new Random(17);
        var rows = Enumerable.Range(0, 600).Select(i => i % 3 == 0 ? new float[384] : VectorMath.Random(random, 384)).ToList();
        var vectors = Vectors(rows, 384);
        Assert.Equal(400, vectors.Count);
        AssertSameRanking(vectors, VectorMath.Random(random, 384), 4);
        Assert.Empty(vectors.Rank(new float[384], 4));
    }

    [Theory]
    [InlineData(4, 4)]
    [InlineData(4, 9)]
    [InlineData(50, 49)]
    [InlineData(1, 1)]
    public void Ranking_with_top_at_or_near_the_row_count_returns_the_same_as_scoring_every_row(int count, int top)
    {
        var random = new Random(count * 31 + top);
        var vectors = Vectors(Enumerable.Range(0, count).Select(_ => VectorMath.Random(random, 384)), 384);
        AssertSameRanking(vectors, VectorMath.Random(random, 384), top);
        Assert.Equal(Math.Min(count, top), vectors.Rank(VectorMath.Random(random, 384), top).Count);
    }

    [Theory]
    [InlineData(384)]
    [InlineData(3_072)]
    [InlineData(41)]
    public void Upper_bounds_are_never_below_the_float_dot_product_and_stay_close_to_it(int dimensions)
    {
        var random = new Random(dimensions);
        var rows = new List<float[]>();
        for (var i = 0; i < 500; i++)
        {
            var row = VectorMath.Random(random, dimensions);
            if (i % 5 == 0)
            {
                row[i % dimensions] = 1e3f;
            }

            rows.Add(Unit(row));
        }

        var flat = rows.SelectMany(r => r).ToArray();
        var quantized = QuantizedRows.TryCreate(flat, rows.Count, dimensions)!;
        Assert.NotNull(quantized);
        for (var q = 0; q < 10; q++)
        {
            var unit = Unit(q == 0 ? rows[3] : VectorMath.Random(random, dimensions));
            var codes = new short[dimensions];
            var query = quantized.Encode(unit, codes);
            var upper = new float[rows.Count];
            quantized.UpperBounds(codes, query, 0, upper);
            for (var i = 0; i < rows.Count; i++)
            {
                var dot = TensorPrimitives.Dot(unit, rows[i]);
                Assert.True(upper[i] >= dot, $"row {i}: bound {upper[i]} below the dot product {dot}");
                Assert.True(upper[i] - dot < 0.1, $"row {i}: bound {upper[i]} is {upper[i] - dot} above the dot product {dot}");
            }
        }
    }

    [Fact]
    public void Every_dot_product_path_gives_the_plain_sum()
    {
        var random = new Random(19);
        foreach (var length in new[] { 1, 15, 16, 31, 32, 33, 384, 3_072 })
        {
            var query = Enumerable.Range(0, length).Select(j => j % 7 == 0 ? (short)(j % 2 == 0 ? 5_000 : -5_000) : (short)random.Next(-5_000, 5_001)).ToArray();
            var row = Enumerable.Range(0, length).Select(j => j % 5 == 0 ? (sbyte)(j % 2 == 0 ? 127 : -127) : (sbyte)random.Next(-127, 128)).ToArray();
            long expected = 0;
            for (var j = 0; j < length; j++)
            {
                expected += query[j] * row[j];
            }

            Assert.Equal(expected, QuantizedDot.DotScalar(query, row, 0));
            Assert.Equal(expected, QuantizedDot.Dot(query, row));
            if (Avx2.IsSupported)
            {
                Assert.Equal(expected, QuantizedDot.DotAvx2(query, row));
            }

            if (Avx512BW.IsSupported)
            {
                Assert.Equal(expected, QuantizedDot.DotAvx512(query, row));
            }
        }
    }

    private static void AssertSameRanking(ScopedVectors vectors, float[] query, int top)
    {
        var expected = vectors.RankEveryRow(query, top);
        var actual = vectors.Rank(query, top);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Row, actual[i].Row);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i].Score), BitConverter.DoubleToInt64Bits(actual[i].Score));
        }
    }

    // Rows as the stores gather them: scaled to unit length, zero vectors left out.
    private static ScopedVectors Vectors(IEnumerable<float[]> vectors, int dimensions)
    {
        var all = vectors.ToList();
        var rows = new float[all.Count * dimensions];
        var keys = new List<object>();
        foreach (var vector in all)
        {
            if (ScopedVectors.TryNormalizeInto(vector, rows, keys.Count))
            {
                keys.Add(keys.Count);
            }
        }

        Array.Resize(ref rows, keys.Count * dimensions);
        return new ScopedVectors(1, [.. keys], rows, dimensions);
    }

    private static float[] Unit(float[] vector)
    {
        var unit = new float[vector.Length];
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), unit);
        return unit;
    }
}
