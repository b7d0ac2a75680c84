using Microsoft.SemanticKernel;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>Every RPM stage, bound to the kernel that runs them.</summary>
internal sealed class RpmStages
{
    public RpmStages(Kernel kernel, StageInvoker invoker, FeatureRetriever retriever)
    {
        Kernel = kernel;
        Prompts = invoker.Prompts;
        Features = new FeatureExtractor(invoker);
        Factors = new FactorClusterer(invoker);
        Reasoning = new ReasoningPathBuilder(invoker);
        TargetFeatures = new TargetFeatureExtractor(invoker);
        Generator = new ReasoningAlignedGenerator(invoker);
        Statistics = KernelFunctionFactory.CreateFromMethod(FactorStatisticsFunction.Compute, FactorStatisticsFunction.Name);
        Retrieval = KernelFunctionFactory.CreateFromMethod(retriever.RetrieveAsync, FeatureRetriever.Name);
    }

    public Kernel Kernel { get; }

    public PromptLibrary Prompts { get; }

    public FeatureExtractor Features { get; }

    public FactorClusterer Factors { get; }

    public KernelFunction Statistics { get; }

    public ReasoningPathBuilder Reasoning { get; }

    public TargetFeatureExtractor TargetFeatures { get; }

    public KernelFunction Retrieval { get; }

    public ReasoningAlignedGenerator Generator { get; }
}
