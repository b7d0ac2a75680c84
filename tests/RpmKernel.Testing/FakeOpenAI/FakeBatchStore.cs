using System.Collections.Concurrent;

namespace RpmKernel.Testing;

/// <summary>The files and batches of one <see cref="FakeOpenAIServer"/>.</summary>
internal sealed class FakeBatchStore
{
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FakeBatch> _batches = new(StringComparer.Ordinal);
    private long _fileSequence;
    private long _batchSequence;

    public int BatchCount => _batches.Count;

    public string AddFile(string content)
    {
        var id = BatchEndpoints.Sequence("file-fake", ref _fileSequence);
        _files[id] = content;
        return id;
    }

    public string? File(string id) => _files.GetValueOrDefault(id);

    public FakeBatch AddBatch(string inputFileId, int total)
    {
        var batch = new FakeBatch(BatchEndpoints.Sequence("batch_fake", ref _batchSequence), inputFileId, total);
        _batches[batch.Id] = batch;
        return batch;
    }

    public FakeBatch? Batch(string id) => _batches.GetValueOrDefault(id);
}
