namespace RpmKernel.Embeddings.Local;

/// <summary>One caller's texts waiting in the <see cref="EmbeddingQueue"/>: the vectors fill in as batches complete.</summary>
internal sealed class EmbeddingRequest
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    internal EmbeddingRequest(string[] texts, CancellationToken cancellationToken)
    {
        Texts = texts;
        Vectors = new float[texts.Length][];
        CancellationToken = cancellationToken;
        _remaining = texts.Length;
    }

    internal string[] Texts { get; }

    internal float[][] Vectors { get; }

    internal CancellationToken CancellationToken { get; }

    /// <summary>Completes when every text has its vector, or fails with the batch's error or the caller's cancellation.</summary>
    internal Task Completion => _done.Task;

    internal bool IsFinished => _done.Task.IsCompleted;

    internal void Set(int index, float[] vector)
    {
        Vectors[index] = vector;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }

    internal void Fail(Exception error) => _done.TrySetException(error);

    internal void Cancel() => _done.TrySetCanceled(CancellationToken);
}
