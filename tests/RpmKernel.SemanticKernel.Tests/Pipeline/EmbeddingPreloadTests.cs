using Microsoft.Extensions.AI;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>
/// A one-shot personalize asks an in-process embedding model to start loading before the
/// target-feature call goes out, so the load overlaps that call; found through a decorator too.
/// </summary>
public sealed class EmbeddingPreloadTests
{
    [Fact]
    public async Task Personalize_starts_loading_the_embedding_model_before_the_target_feature_call_and_only_then()
    {
        await using var host = await RpmTestHost.StartAsync();
        var local = new PreloadingEmbeddingGenerator(new RandomEmbeddingGenerator(64));
        using var decorated = local.AsBuilder().ConfigureOptions(_ => { }).Build();
        using var runtime = RpmRuntime.Create(host.Options(), new RpmHostServices { Embeddings = decorated });
        await runtime.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(6));
        Assert.Equal(0, local.StartCalls);

        var loadingWhenAsked = new List<bool>();
        host.Server.Respond(request =>
        {
            if (request.IsStage("target_features"))
            {
                loadingWhenAsked.Add(local.StartCalls > 0);
            }

            return null;
        });
        await runtime.Pipeline.PersonalizeAsync("alice", "lamp2", "A rebel fights a surveillance state.");

        Assert.Equal([true], loadingWhenAsked);
        Assert.Equal(1, local.StartCalls);

        // No model is loaded for a user who has none: the call fails before stage 6.
        await Assert.ThrowsAsync<RpmNotFoundException>(() => runtime.Pipeline.PersonalizeAsync("nobody", "lamp2", "A rebel fights a surveillance state."));
        Assert.Equal(1, local.StartCalls);
    }

    private sealed class PreloadingEmbeddingGenerator(RandomEmbeddingGenerator inner) : IEmbeddingGenerator<string, Embedding<float>>, IPreloadingEmbeddingGenerator
    {
        private int _startCalls;

        public int StartCalls => Volatile.Read(ref _startCalls);

        public void StartLoading() => Interlocked.Increment(ref _startCalls);

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            inner.GenerateAsync(values, options, cancellationToken);

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceKey is null && serviceType.IsInstanceOfType(this) ? this : inner.GetService(serviceType, serviceKey);

        public void Dispose()
        {
        }
    }
}
