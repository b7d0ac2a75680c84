using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Stages;

/// <summary>
/// One-shot personalize makes stage 6's prompt and function on the thread pool while the store opens,
/// so its first request does not wait for the Handlebars compile; nothing else is loaded and no model is called.
/// </summary>
public sealed class StagePreparationTests
{
    [Fact]
    public async Task Preparing_a_stage_compiles_only_its_prompt_and_calls_no_model()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        Assert.Empty(runtime.Prompts.LoadedStages);

        await runtime.Invoker.PrepareStage(RpmStage.ExtractTargetFeatures);

        Assert.Equal([RpmStage.ExtractTargetFeatures], runtime.Prompts.LoadedStages);
        Assert.Empty(host.Server.ChatRequests);
        Assert.Same(Task.CompletedTask, runtime.Invoker.PrepareStage(RpmStage.ExtractTargetFeatures));
    }

    [Fact]
    public async Task A_stage_that_cannot_be_prepared_keeps_its_error_in_the_preparation()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();

        var error = await Assert.ThrowsAsync<RpmInputException>(() => runtime.Invoker.PrepareStage("no-such-stage"));

        Assert.Contains("Unknown prompt stage 'no-such-stage'", error.Message, StringComparison.Ordinal);
        Assert.Empty(runtime.Prompts.LoadedStages);
    }
}
