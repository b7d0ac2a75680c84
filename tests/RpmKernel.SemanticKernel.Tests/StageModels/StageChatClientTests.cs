using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Composition;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.StageModels;

/// <summary>A host that registers chat clients gives single stages their own with <c>UseChatClient(stage, ...)</c>.</summary>
public sealed class StageChatClientTests
{
    [Fact]
    public async Task A_stage_client_serves_only_its_stage_and_the_shared_client_serves_the_rest()
    {
        var shared = new SchemaChatClient("shared-model");
        var answers = new SchemaChatClient("answer-model");
        var services = new ServiceCollection()
            .AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new RandomEmbeddingGenerator(16));
        services.AddRpm(HostServicesTests.Configuration(), rpm => rpm.UseChatClient(_ => shared).UseChatClient("Generate", _ => answers));
        await using var provider = services.BuildServiceProvider();
        var pipeline = provider.GetRequiredService<IRpmPipeline>();

        await pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(3));
        await pipeline.PersonalizeAsync("alice", "lamp2", "A heist crew plans one last job.");

        Assert.Equal(["extracted_features", "user_factors", "reasoning_paths", "target_features"], shared.Calls.Select(c => c.SchemaName));
        Assert.Equal(["personalized_answer"], answers.Calls.Select(c => c.SchemaName));
        var runtime = provider.GetRequiredService<RpmRuntime>();
        Assert.Equal(new StageModel(RpmStage.Generate, "answer-model", "UseChatClient(generate)"), runtime.StageModels[^1]);
        var rows = await runtime.Storage.Usage.GetAsync("alice");
        Assert.Equal("answer-model", Assert.Single(rows, r => r.Stage == RpmStage.Generate).Model);
        Assert.All(rows.Where(r => r.Stage != RpmStage.Generate), r => Assert.Equal("shared-model", r.Model));
    }

    [Fact]
    public void A_stage_name_that_is_not_a_stage_is_refused_with_the_stages()
    {
        var services = new ServiceCollection();

        var ex = Assert.Throws<ArgumentException>(() => services.AddRpm(HostServicesTests.Configuration(), rpm => rpm.UseChatClient("answer", _ => new SchemaChatClient())));

        Assert.StartsWith("'answer' is not a prompt stage; the stages are extract-features, cluster-factors, construct-reasoning, extract-target-features, generate.", ex.Message, StringComparison.Ordinal);
    }
}
