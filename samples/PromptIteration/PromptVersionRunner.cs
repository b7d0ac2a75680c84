using Microsoft.Extensions.AI;
using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.Samples.PromptIteration;

/// <summary>Runs stage 1 (feature extraction) over a history with one chosen prompt version.</summary>
public sealed class PromptVersionRunner(IChatClient model, RpmOptions options)
{
    /// <summary>Extracts the features of <paramref name="history"/> with <paramref name="version"/> of extract-features, in the configured batch size.</summary>
    public async Task<VersionRun> RunAsync(string version, string task, IReadOnlyList<HistoryItem> history, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(history);

        // The same library the pipeline would load with Rpm:Prompts:Versions:extract-features = version (checked the same way).
        var prompts = new RpmPromptOptions { Directory = options.Prompts.Directory };
        foreach (var (stage, configured) in options.Prompts.Versions)
        {
            prompts.Versions[stage] = configured;
        }

        prompts.Versions[RpmStage.ExtractFeatures] = version;
        var library = PromptLibrary.Load(prompts);
        var invoker = StageInvoker.Standalone(model, library, options.Chat);
        var extractor = new FeatureExtractor(invoker);
        var profile = library.GetTask(task);
        var usage = new UsageLedger();
        var features = new Dictionary<string, IReadOnlyList<Feature>>(StringComparer.Ordinal);
        foreach (var batch in history.Chunk(Math.Max(1, options.Ingest.BatchSize)))
        {
            foreach (var (itemId, itemFeatures) in await extractor.ExtractAsync(profile, batch, usage, cancellationToken))
            {
                features[itemId] = itemFeatures;
            }
        }

        return new VersionRun(library.ActiveVersions[RpmStage.ExtractFeatures], features, usage.Total);
    }
}
