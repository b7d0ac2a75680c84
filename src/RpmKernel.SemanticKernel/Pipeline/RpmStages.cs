using Microsoft.SemanticKernel;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>Every RPM stage, bound to the kernels that run them.</summary>
internal sealed class RpmStages
{
    private readonly StageKernels _kernels;

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
        Statistics = KernelFunctionFactory.CreateFromMethod(FactorStatisticsFunction.Compute, FactorStatisticsFunction.Name).Clone(StageFunctions.PluginName);
        Retrieval = KernelFunctionFactory.CreateFromMethod(retriever.RetrieveAsync, FeatureRetriever.Name).Clone(StageFunctions.PluginName);
    }

    /// <summary>The kernel of the next call (the host's that invoked RPM, or the default), for the native stages.</summary>
    public Kernel Kernel => _kernels.ForCall();

    public PromptLibrary Prompts { get; }

    /// <summary>The settings and model id of each stage.</summary>
    public StageChatMap Models { get; }

    public FeatureExtractor Features { get; }

    public FactorClusterer Factors { get; }

    public KernelFunction Statistics { get; }

    public ReasoningPathBuilder Reasoning { get; }

    public TargetFeatureExtractor TargetFeatures { get; }

    public KernelFunction Retrieval { get; }

    /// <summary>The retriever behind <see cref="Retrieval"/>.</summary>
    public FeatureRetriever Retriever { get; }

    public ReasoningAlignedGenerator Generator { get; }
}
