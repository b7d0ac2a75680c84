using Microsoft.Extensions.AI;
using RpmKernel.Embeddings.Local;

namespace RpmKernel.Embeddings.Local.Tests;

public sealed class MiniLmEmbeddingGeneratorTests(MiniLmFixture fixture) : IClassFixture<MiniLmFixture>
{
    private readonly MiniLmEmbeddingGenerator _generator = fixture.Generator;

    [Fact]
    public async Task Embeddings_have_384_dimensions_unit_norm_and_model_id()
    {
        var result = await _generator.GenerateAsync(["hello world", "the quick brown fox"]);

        Assert.Equal(2, result.Count);
        Assert.All(result, e =>
        {
            Assert.Equal(384, e.Vector.Length);
            Assert.Equal(1.0, VectorMath.Norm(e.Vector.Span), 4);
            Assert.Equal("all-MiniLM-L6-v2", e.ModelId);
        });
    }

    [Fact]
    public async Task Same_text_gives_the_same_vector_and_different_text_a_different_one()
    {
        var first = await _generator.GenerateAsync(["reasoning about user preferences"]);
        var second = await _generator.GenerateAsync(["reasoning about user preferences"]);
        var other = await _generator.GenerateAsync(["a completely unrelated sentence"]);

        Assert.Equal(first[0].Vector.ToArray(), second[0].Vector.ToArray());
        Assert.NotEqual(first[0].Vector.ToArray(), other[0].Vector.ToArray());
    }

    [Fact]
    public async Task Related_sentences_are_closer_than_unrelated_ones()
    {
        var result = await _generator.GenerateAsync(
            ["a movie about space travel", "science fiction film set among the stars", "a recipe for apple pie"]);

        var related = VectorMath.Dot(result[0].Vector.Span, result[1].Vector.Span);
        var unrelated = VectorMath.Dot(result[0].Vector.Span, result[2].Vector.Span);

        Assert.True(related > unrelated + 0.2, $"related {related:F3} should clearly exceed unrelated {unrelated:F3}");
    }

    [Fact]
    public async Task Batched_results_equal_one_by_one_results_in_input_order()
    {
        // Seven inputs with batch size three: two full batches and a partial one, with very
        // different lengths so padding inside a batch would show up as a difference.
        string[] texts =
        [
            "short",
            "a considerably longer sentence about books, films and the people who love them",
            "apple pie",
            "rating movies from one to five stars",
            "x",
            "the user prefers concise answers with concrete examples and no filler",
            "final item",
        ];

        var batched = await _generator.GenerateAsync(texts);
        Assert.Equal(texts.Length, batched.Count);

        for (var i = 0; i < texts.Length; i++)
        {
            var single = await _generator.GenerateAsync([texts[i]]);
            var expected = single[0].Vector.Span;
            var actual = batched[i].Vector.Span;
            for (var d = 0; d < expected.Length; d++)
            {
                Assert.True(Math.Abs(expected[d] - actual[d]) < 1e-5, $"item {i}, dimension {d}: {expected[d]} vs {actual[d]}");
            }
        }
    }

    [Fact]
    public async Task Empty_input_gives_an_empty_result()
    {
        var result = await _generator.GenerateAsync([]);

        Assert.Empty(result);
    }

    [Fact]
    public async Task Null_and_empty_strings_are_embedded_like_the_empty_string()
    {
        var result = await _generator.GenerateAsync([null!, "", "text"]);

        Assert.Equal(3, result.Count);
        Assert.Equal(result[1].Vector.ToArray(), result[0].Vector.ToArray());
        Assert.Equal(1.0, VectorMath.Norm(result[0].Vector.Span), 4);
    }

    [Fact]
    public async Task Concurrent_calls_return_the_same_vectors_as_sequential_calls()
    {
        string[] texts = ["alpha beta", "gamma delta", "epsilon zeta", "eta theta"];
        var sequential = new List<float[]>();
        foreach (var text in texts)
        {
            sequential.Add((await _generator.GenerateAsync([text]))[0].Vector.ToArray());
        }

        var parallel = await Task.WhenAll(texts.Select(t => Task.Run(() => _generator.GenerateAsync([t]))));

        // Concurrent texts share model calls (padded to the longest), which moves the last float digits only.
        for (var i = 0; i < texts.Length; i++)
        {
            var actual = parallel[i][0].Vector.ToArray();
            Assert.All(Enumerable.Range(0, actual.Length), d => Assert.True(Math.Abs(sequential[i][d] - actual[d]) < 1e-5, $"text {i}, dimension {d}"));
        }
    }

    [Fact]
    public async Task A_cancelled_token_stops_the_call()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _generator.GenerateAsync(["one", "two", "three", "four"], cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Requesting_other_dimensions_is_rejected_with_a_fix()
    {
        var error = await Assert.ThrowsAsync<NotSupportedException>(
            () => _generator.GenerateAsync(["text"], new EmbeddingGenerationOptions { Dimensions = 1536 }));

        Assert.Contains("384", error.Message);
        Assert.Contains("1536", error.Message);
    }

    [Fact]
    public void GetService_returns_metadata_and_self()
    {
        var metadata = _generator.GetService<EmbeddingGeneratorMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("rpm-local", metadata.ProviderName);
        Assert.Equal("all-MiniLM-L6-v2", metadata.DefaultModelId);
        Assert.Equal(384, metadata.DefaultModelDimensions);
        Assert.Same(_generator, _generator.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Same(_generator, _generator.GetService<MiniLmEmbeddingGenerator>());
        Assert.Null(_generator.GetService<string>());
        Assert.Null(_generator.GetService(typeof(MiniLmEmbeddingGenerator), "some-key"));
    }

    [Fact]
    public async Task A_text_far_beyond_the_window_is_embedded_as_its_opening_instead_of_aborting_the_process()
    {
        // Issue 12, finding 6: about 32,500 characters reached ONNX Runtime whole and ended the process (exit 134).
        var opening = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"word{i % 50}"));
        var huge = opening + " " + new string('z', 40_000);
        var longer = opening + " the ending is different but lies past the window";

        var result = await _generator.GenerateAsync([huge, longer, opening]);

        Assert.Equal(result[2].Vector.ToArray(), result[0].Vector.ToArray());
        Assert.Equal(result[2].Vector.ToArray(), result[1].Vector.ToArray());
        Assert.Equal(1.0, VectorMath.Norm(result[0].Vector.Span), 4);
    }

    [Fact]
    public async Task A_text_inside_the_window_is_embedded_whole()
    {
        var result = await _generator.GenerateAsync(["a short text about films", "a short text about books"]);

        Assert.NotEqual(result[0].Vector.ToArray(), result[1].Vector.ToArray());
    }
}
