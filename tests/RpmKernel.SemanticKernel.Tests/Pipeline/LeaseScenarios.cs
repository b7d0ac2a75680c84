using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Tests.Support;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>Lease scenarios that every store must pass, given how it opens a runtime ("a machine") on the shared store.</summary>
internal static class LeaseScenarios
{
    /// <summary>
    /// A forget on one runtime while another ingests the same user: the ingest stops with
    /// <see cref="UserForgottenException"/> and leaves neither records nor a model behind.
    /// </summary>
    public static async Task A_forget_during_an_ingest_stops_it_and_the_user_does_not_come_back(
        RpmTestHost host, Func<Action<RpmOptions>?, RpmRuntime> machine)
    {
        host.Server.Latency = TimeSpan.FromMilliseconds(300);
        using var ingesting = machine(o => { o.Chat.MaxConcurrency = 1; o.Ingest.BatchSize = 4; });
        using var forgetting = machine(null);
        var reasoningStarted = new TaskCompletionSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage == RpmStage.ConstructReasoning && p.Done >= 4)
            {
                reasoningStarted.TrySetResult();
            }
        });

        var ingest = ingesting.Pipeline.IngestAsync("alice", "lamp2", SampleHistories.MovieTags(24), progress: progress);
        await reasoningStarted.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await forgetting.Pipeline.ForgetAsync("alice");

        await Assert.ThrowsAsync<UserForgottenException>(() => ingest);
        Assert.Empty(await forgetting.Storage.Reasoning.GetAllAsync("alice", "lamp2"));
        Assert.Null(await forgetting.Storage.UserModels.GetAsync("alice", "lamp2"));
    }
}
