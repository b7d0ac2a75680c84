using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.Evaluation.Methods;

/// <summary>The runtime pieces the methods answer with: the RPM runtime, a stage invoker for the baseline prompts, the online stages and K.</summary>
internal sealed class EvalServices
{
    /// <summary>Creates the services over a runtime.</summary>
    public EvalServices(RpmRuntime runtime, string task, int topK)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentException.ThrowIfNullOrWhiteSpace(task);
        Runtime = runtime;
        TaskArgument = task;
        TopK = Math.Max(1, topK);
        Invoker = runtime.Invoker;
        TargetFeatures = new TargetFeatureExtractor(Invoker);
        Retriever = new FeatureRetriever(runtime.Storage.Reasoning, runtime.Embeddings);
        Generator = new ReasoningAlignedGenerator(Invoker);
    }

    /// <summary>The RPM runtime (pipeline, stores, embeddings, prompts).</summary>
    public RpmRuntime Runtime { get; }

    /// <summary>The task as given (a bundled name or a profile path), as the pipeline resolves it.</summary>
    public string TaskArgument { get; }

    /// <summary>Examples per answer (retrieved profile items or records).</summary>
    public int TopK { get; }

    /// <summary>The invoker of baseline prompts and of the stages the ablations reuse.</summary>
    public StageInvoker Invoker { get; }

    /// <summary>Stage 6.</summary>
    public TargetFeatureExtractor TargetFeatures { get; }

    /// <summary>Stage 7.</summary>
    public FeatureRetriever Retriever { get; }

    /// <summary>Stage 8.</summary>
    public ReasoningAlignedGenerator Generator { get; }
}
