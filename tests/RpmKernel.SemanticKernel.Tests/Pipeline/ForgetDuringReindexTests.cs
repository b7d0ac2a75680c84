using Microsoft.Extensions.AI;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Storage;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>
/// Issue 12: a forget during a reindex of the store (two runtimes on one SQLite file, as two processes).
/// The rebuild read every record before the forget; the forget waits for it to end, so the rebuild
/// cannot write the forgotten user back.
/// </summary>
public sealed class ForgetDuringReindexTests
{
    [Fact]
    public async Task A_forget_during_a_rebuild_waits_for_it_and_the_user_is_not_restored()
    {
        await using var host = await RpmTestHost.StartAsync();
        using (var first = host.Runtime())
        {
            await first.Pipeline.IngestAsync("ann", "lamp2", SampleHistories.MovieTags(6));
            await first.Pipeline.IngestAsync("bob", "lamp2", SampleHistories.MovieTags(6));
        }

        var embedding = new TaskCompletionSource();
        using var reindexing = RpmRuntime.Create(host.Options(), new RpmHostServices { Embeddings = new SlowEmbeddings(new RandomEmbeddingGenerator(32), embedding) });
        using var forgetting = host.Runtime();

        var rebuild = Task.Run(() => reindexing.Pipeline.ReindexAsync());
        await embedding.Task.WaitAsync(TimeSpan.FromMinutes(2));
        var forget = forgetting.Pipeline.ForgetAsync("bob");
        var forgotten = await forget;
        var rebuilt = await rebuild;

        Assert.True(rebuilt.Rebuilt);
        Assert.Equal(6, forgotten.Records);
        Assert.Empty(await new ReasoningCollectionAdmin(reindexing.Storage.VectorStore).ReadAsync("bob"));
        Assert.Equal(6, (await new ReasoningCollectionAdmin(reindexing.Storage.VectorStore).ReadAsync("ann")).Count);
        Assert.Null(await reindexing.Storage.UserModels.GetAsync("bob", "lamp2"));
    }

    /// <summary>Makes the rebuild's embedding step slow, and says when it has begun (after the rebuild read every record).</summary>
    private sealed class SlowEmbeddings(IEmbeddingGenerator<string, Embedding<float>> inner, TaskCompletionSource started)
        : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            started.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
            return await base.GenerateAsync(values, options, cancellationToken);
        }
    }
}
