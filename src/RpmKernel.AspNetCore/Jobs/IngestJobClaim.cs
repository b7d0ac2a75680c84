namespace RpmKernel.AspNetCore.Jobs;

/// <summary>
/// This process's claim to run one ingest job: an exclusive lock on the job's <c>.lock</c> file, held while the
/// file is open. Servers that share a jobs folder take the claim before they run a job, so each job runs in one
/// of them at a time; the operating system drops the lock when the process ends, however it ends, so a job
/// whose server crashed is taken by the next server that looks.
/// </summary>
internal sealed class IngestJobClaim : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _path;
    private bool _finished;

    private IngestJobClaim(FileStream held, string path)
    {
        _lock = held;
        _path = path;
    }

    /// <summary>Takes the claim on <paramref name="path"/>, or returns null when another server (or another run here) holds it.</summary>
    public static IngestJobClaim? TryTake(string path)
    {
        try
        {
            // FileShare.None is an exclusive, non-blocking lock (flock on Unix): a second open fails at once.
            return new IngestJobClaim(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1), path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The job reached an end (succeeded or failed): its lock file goes with the claim.</summary>
    public void Finished() => _finished = true;

    public void Dispose()
    {
        _lock.Dispose();
        if (!_finished)
        {
            return;
        }

        // Safe because an ended job never runs again: a server that opened the file meanwhile reads the job's end
        // under its own claim and lets go. Where the file is still open (Windows), it stays; nothing reads it.
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
