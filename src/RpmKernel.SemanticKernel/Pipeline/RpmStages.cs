using Microsoft.SemanticKernel;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>Every RPM stage, bound to the kernels that run them.</summary>
internal sealed class RpmStages
{
    private readonly StageKernels _kernels;

    // Creating a native kernel function builds the JSON schema of its parameters by reflection, which
    // cost a third of a cold start: each is created when a command first runs its stage.
    private readonly Lazy<KernelFunction> _statistics;
    private readonly Lazy<KernelFunction> _retrieval;

    public RpmStages(StageKernels kernels, StageInvoker invoker, FeatureRetriever retriever)
    {
        _kernels = kernels;
        Prompts = invoker.Prompts;
        Models = invoker.Models;
        Features = new FeatureExtractor(invoker);
        Factors = new FactorClusterer(invoker);
        Reasoning = new ReasoningPathBuilder(invoker);
        TargetFeatures = new TargetFeatureExtractor(invoker);
        Generator = new ReasoningAlignedGenerator(invoker);
        Retriever = retriever;
        _statistics = new(() => KernelFunctionFactory.CreateFromMethod(FactorStatisticsFunction.Compute, FactorStatisticsFunction.Name).Clone(StageFunctions.PluginName));
        _retrieval = new(() => KernelFunctionFactory.CreateFromMethod(retriever.RetrieveAsync, FeatureRetriever.Name).Clone(StageFunctions.PluginName));
    }

    /// <summary>
    /// Starts loading, in the background, what stages 7 and 8 need first: the local embedding model,
    /// the retrieval function and the generation prompt. Called before stage 6's model call, so a
    /// one-shot personalize loads them while that call is in flight instead of after it. A failure
    /// stays in the lazy value and is thrown where the stage uses it.
    /// </summary>
    public void PrepareAnswering()
    {
        Retriever.StartLoadingModel();
        if (!_retrieval.IsValueCreated)
        {
            _ = Task.Run(() => _retrieval.Value);
        }

        if (!Prompts.IsLoaded(RpmStage.Generate))
        {
            _ = Task.Run(() => Prompts.Get(RpmStage.Generate));
        }
    }

    /// <summary>The kernel of the next call (the host's that invoked RPM, or the default), for the native stages.</summary>
    public Kernel Kernel => _kernels.ForCall();

    public PromptLibrary Prompts { get; }

    /// <summary>The settings and model id of each stage.</summary>
    public StageChatMap Models { get; }

    public FeatureExtractor Features { get; }

    public FactorClusterer Factors { get; }

    /// <summary>Stage 3, factor statistics, a native kernel function.</summary>
    public KernelFunction Statistics => _statistics.Value;

    public ReasoningPathBuilder Reasoning { get; }

    public TargetFeatureExtractor TargetFeatures { get; }

    /// <summary>Stage 7, feature-based retrieval, a native kernel function.</summary>
    public KernelFunction Retrieval => _retrieval.Value;

    /// <summary>The retriever behind <see cref="Retrieval"/>.</summary>
    public FeatureRetriever Retriever { get; }

    public ReasoningAlignedGenerator Generator { get; }
}
