using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RpmKernel.SemanticKernel.Batching;

/// <summary>
/// The submitted batches that have not been read back yet, one JSON file per batch in a directory
/// (beside the store by default). A run that is killed or cancelled after submitting leaves its
/// files, and the rerun, rendering the same requests, finds their batches here and polls them
/// instead of submitting (and paying for) them again. A file is removed once its answers are handed out.
/// </summary>
internal sealed class BatchJobLedger
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly string _directory;
    private readonly Lock _gate = new();

    public BatchJobLedger(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
    }

    /// <summary>The directory the batch files are kept in.</summary>
    public string Directory => _directory;

    /// <summary>The <c>custom_id</c> of a request: a hash of where it goes and what it says, the same in every run.</summary>
    public static string CustomIdOf(Uri endpoint, string body)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(body);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(endpoint.AbsoluteUri + "\n" + body));
        return "rpm-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }

    /// <summary>The remembered batches at <paramref name="endpoint"/> that hold any of <paramref name="customIds"/>.</summary>
    public IReadOnlyList<BatchJob> Find(Uri endpoint, IReadOnlySet<string> customIds)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(customIds);
        lock (_gate)
        {
            if (!System.IO.Directory.Exists(_directory))
            {
                return [];
            }

            return System.IO.Directory.EnumerateFiles(_directory, "*.json")
                .Select(Read)
                .OfType<BatchJob>()
                .Where(j => j.Endpoint == endpoint.AbsoluteUri && j.CustomIds.Any(customIds.Contains))
                .OrderBy(j => j.SubmittedAt)
                .ToList();
        }
    }

    /// <summary>Every remembered batch (for a report or a forget).</summary>
    public IReadOnlyList<BatchJob> All()
    {
        lock (_gate)
        {
            return System.IO.Directory.Exists(_directory)
                ? System.IO.Directory.EnumerateFiles(_directory, "*.json").Select(Read).OfType<BatchJob>().OrderBy(j => j.SubmittedAt).ToList()
                : [];
        }
    }

    /// <summary>Remembers <paramref name="job"/> (written to a temporary file and moved, so a crash never leaves half a file).</summary>
    public void Save(BatchJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_gate)
        {
            System.IO.Directory.CreateDirectory(_directory);
            var path = PathOf(job.BatchId);
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(job, Json));
            File.Move(temporary, path, overwrite: true);
        }
    }

    /// <summary>Forgets the batch <paramref name="batchId"/> (its answers were handed out, or it ended without them).</summary>
    public void Remove(string batchId)
    {
        lock (_gate)
        {
            File.Delete(PathOf(batchId));
        }
    }

    /// <summary>Forgets every batch of <paramref name="userId"/> (and <paramref name="task"/> when given); returns how many.</summary>
    public int Forget(string userId, string? task)
    {
        var removed = 0;
        foreach (var job in All().Where(j => j.UserId == userId && (task is null || j.Task == task)))
        {
            Remove(job.BatchId);
            removed++;
        }

        return removed;
    }

    // The batch id is the provider's; only its safe characters name the file, so no id can point outside the directory.
    private string PathOf(string batchId)
    {
        var safe = new string(batchId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return Path.Combine(_directory, safe + ".json");
    }

    private static BatchJob? Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<BatchJob>(File.ReadAllText(path), Json);
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            // A damaged or vanished file holds no batch to resume; its requests are submitted again.
            return null;
        }
    }
}
