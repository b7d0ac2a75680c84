using System.Text;
using RpmKernel.Core.Errors;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Tests.Support;
using RpmKernel.Storage;

namespace RpmKernel.SemanticKernel.Tests.Pipeline;

/// <summary>Forgotten means forgotten (issue 12, finding 1 b, c, d): no record in a reindex backup, no byte in the file or its WAL.</summary>
public sealed class ForgetErasureTests
{
    private const string Marker = "QZXMARKERFORGET";

    [Fact]
    public async Task After_forget_no_byte_of_the_user_is_left_in_the_sqlite_file_or_its_wal_and_a_reindex_backup_does_not_bring_them_back()
    {
        await using var host = await RpmTestHost.StartAsync();
        using var runtime = host.Runtime();
        var history = Enumerable.Range(1, 6)
            .Select(i => new HistoryItem($"m{i}", $"{Marker} film number {i} about a {Marker} heist", i % 2 == 0 ? "comedy" : "action"))
            .ToList();
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history);
        await runtime.Pipeline.IngestAsync("alice", "lamp2", history, rebuild: true);
        await runtime.Pipeline.IngestAsync("bob", "lamp2", SampleHistories.MovieTags(3));

        // A reindex killed mid-rebuild leaves its backup holding the user's records.
        var admin = new ReasoningCollectionAdmin(runtime.Storage.VectorStore);
        await admin.BackUpAsync(await admin.ReadAsync("alice"));
        Assert.True(Occurrences(host.DatabasePath) > 0);

        var receipt = await runtime.Pipeline.ForgetAsync("alice");

        Assert.Equal(6, receipt.Records);
        Assert.Equal(1, receipt.Models);
        Assert.Equal(0, Occurrences(host.DatabasePath));
        Assert.DoesNotContain(await admin.ReadAsync(), r => r.UserId == "alice");
        Assert.Equal(3, (await runtime.Pipeline.ExplainAsync("bob", "lamp2")).ItemCount);

        await runtime.Pipeline.ReindexAsync();
        await Assert.ThrowsAsync<RpmNotFoundException>(() => runtime.Pipeline.ExplainAsync("alice", "lamp2"));
        Assert.Empty(await runtime.Storage.Reasoning.GetAllAsync("alice", "lamp2"));
    }

    // Copies of the marker in the database file and its WAL, read raw (as an attacker with the file would).
    private static int Occurrences(string databasePath)
    {
        var needle = Encoding.UTF8.GetBytes(Marker);
        var count = 0;
        foreach (var path in new[] { databasePath, databasePath + "-wal", databasePath + "-journal" })
        {
            if (!File.Exists(path))
            {
                continue;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray().AsSpan();
            for (var at = bytes.IndexOf(needle); at >= 0; at = bytes.IndexOf(needle) is var next && next >= 0 ? next : -1)
            {
                count++;
                bytes = bytes[(at + needle.Length)..];
            }
        }

        return count;
    }
}
