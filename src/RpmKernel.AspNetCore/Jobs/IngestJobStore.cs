using System.Collections.Concurrent;
using System.Text.Json;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.AspNetCore.Jobs;

/// <summary>
/// Ingest jobs as one JSON file each in <c>Rpm:Server:JobsDirectory</c>, named by the server-made job id only
/// (never by anything a request says). Writes go to a temporary file first and replace the job file in one
/// move, so a crash leaves the previous state, never half a file. Servers may share the folder: a job runs in the
/// one that holds its claim (<see cref="TryClaim"/>), and any of them reports its state.
/// </summary>
internal sealed class IngestJobStore
{
    private readonly string _directory;
    private readonly Lock _gate = new();

    // The files found ended or unreadable, with the write time they had then: skipped by the next looks until written again.
    private readonly ConcurrentDictionary<string, DateTime> _settled = new(StringComparer.Ordinal);

    public IngestJobStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    public static string NewId() => Guid.NewGuid().ToString("N");

    public void Save(IngestJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var path = PathOf(job.Id) ?? throw new ArgumentException("The job id is not one this store made.", nameof(job));
        var temporary = path + ".tmp";
        lock (_gate)
        {
            File.WriteAllText(temporary, JsonSerializer.Serialize(job, RpmJson.Compact));
            File.Move(temporary, path, overwrite: true);
        }
    }

    public IngestJob? Find(string id)
    {
        if (PathOf(id) is not { } path)
        {
            return null;
        }

        lock (_gate)
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<IngestJob>(File.ReadAllText(path), RpmJson.Compact) : null;
        }
    }

    /// <summary>
    /// The job of <paramref name="id"/> while it has not ended (queued, or running here or elsewhere), else null; a file
    /// that cannot be read is passed to <paramref name="unreadable"/> and reads as no job.
    /// </summary>
    public IngestJob? FindUnfinished(string id, Action<string, Exception> unreadable)
    {
        TryRead(id, unreadable, out var job);
        return job is { Status: IngestJobStatus.Queued or IngestJobStatus.Running } ? job : null;
    }

    /// <summary>
    /// This process's claim to run the job of <paramref name="id"/>, or null when another server sharing the folder
    /// (or another run in this one) holds it. Read the job again once the claim is held: its holder may have moved it on.
    /// </summary>
    public IngestJobClaim? TryClaim(string id)
    {
        var path = PathOf(id) ?? throw new ArgumentException("The job id is not one this store made.", nameof(id));
        return IngestJobClaim.TryTake(Path.ChangeExtension(path, ".lock"));
    }

    /// <summary>
    /// The jobs not yet ended: queued, or running here or in another server sharing the folder, or left running by a
    /// server that stopped. A file is read only when it is new or written since the last look: an ended job stays
    /// ended, so a folder of many finished jobs costs a directory listing per rescan. A file that cannot be read is
    /// passed to <paramref name="unreadable"/> once, until it is written again, and the other jobs go on.
    /// </summary>
    public IReadOnlyList<IngestJob> Unfinished(Action<string, Exception>? unreadable = null)
    {
        var jobs = new List<IngestJob>();
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new DirectoryInfo(_directory).EnumerateFiles("*.json"))
        {
            var id = Path.GetFileNameWithoutExtension(file.Name);
            if (PathOf(id) is null)
            {
                continue;
            }

            listed.Add(id);
            var written = file.LastWriteTimeUtc;
            if (_settled.TryGetValue(id, out var settledAt) && settledAt == written)
            {
                continue;
            }

            if (!TryRead(id, unreadable, out var job))
            {
                _settled[id] = written;
                continue;
            }

            if (job is { Status: IngestJobStatus.Queued or IngestJobStatus.Running })
            {
                jobs.Add(job);
            }
            else if (job is not null)
            {
                _settled[id] = written;
            }
        }

        foreach (var id in _settled.Keys.Where(id => !listed.Contains(id)).ToList())
        {
            _settled.TryRemove(id, out _);
        }

        return [.. jobs.OrderBy(j => j.CreatedAt)];
    }

    /// <summary>
    /// Reads the job of <paramref name="id"/> (null when its file is gone, also when it went after the listing); false
    /// when the file is damaged or cannot be opened, which goes to <paramref name="unreadable"/>.
    /// </summary>
    private bool TryRead(string id, Action<string, Exception>? unreadable, out IngestJob? job)
    {
        try
        {
            job = Find(id);
            return true;
        }
        catch (FileNotFoundException)
        {
            job = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            job = null;
            unreadable?.Invoke(PathOf(id)!, ex);
            return false;
        }
    }

    /// <summary>The file of a job id: 32 hex digits only, so no id can name another file.</summary>
    private string? PathOf(string id) =>
        id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower) ? Path.Combine(_directory, id + ".json") : null;
}
