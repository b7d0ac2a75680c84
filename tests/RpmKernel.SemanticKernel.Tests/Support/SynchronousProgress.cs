using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>Reports on the caller's thread (unlike <see cref="Progress{T}"/>), so a test reacts before the ingest goes on.</summary>
internal sealed class SynchronousProgress(Action<IngestProgress> report) : IProgress<IngestProgress>
{
    public void Report(IngestProgress value) => report(value);
}
