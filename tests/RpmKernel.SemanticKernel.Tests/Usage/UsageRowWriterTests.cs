using RpmKernel.Core.Records;
using RpmKernel.SemanticKernel.Stages;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.SemanticKernel.Tests.Usage;

/// <summary>Usage rows of calls that end together go out in one write, and each caller returns only once its own row is stored.</summary>
public sealed class UsageRowWriterTests
{
    [Fact]
    public async Task Rows_that_arrive_during_a_write_go_out_together_in_the_next_one()
    {
        var store = new GatedUsageStore();
        var writer = new UsageRowWriter(store);

        var first = writer.AppendAsync(Row(0));
        var rest = Enumerable.Range(1, 15).Select(i => writer.AppendAsync(Row(i))).ToList();

        // The first write is held: nobody has returned, and the 15 rows behind it wait for it.
        Assert.False(first.IsCompleted);
        Assert.All(rest, r => Assert.False(r.IsCompleted));
        store.Release();
        await Task.WhenAll([first, .. rest]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 15], store.Writes.Select(w => w.Count));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => $"u{i}"), store.Writes.SelectMany(w => w).Select(r => r.UserId));
    }

    [Fact]
    public async Task A_failed_write_fails_every_caller_of_that_write_and_the_next_rows_are_written()
    {
        var store = new GatedUsageStore { FailNext = true };
        var writer = new UsageRowWriter(store);

        var failing = writer.AppendAsync(Row(0));
        store.Release();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing.WaitAsync(TimeSpan.FromSeconds(10)));
        await writer.AppendAsync(Row(1)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("disk full", error.Message);
        Assert.Equal("u1", Assert.Single(Assert.Single(store.Writes)).UserId);
    }

    private static UsageRow Row(int i) => new()
    {
        Id = Guid.NewGuid(),
        UserId = $"u{i}",
        Task = "lamp2",
        Stage = "extract-features",
        PromptVersion = "v1",
        Model = "gpt-4o-mini",
        InputTokens = 10,
        OutputTokens = 5,
        LatencyMs = 1,
        At = DateTimeOffset.UnixEpoch,
    };

    // The first write waits until the test releases it; later writes go through at once.
    private sealed class GatedUsageStore : IUsageStore
    {
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool FailNext { get; set; }

        public List<IReadOnlyList<UsageRow>> Writes { get; } = [];

        public void Release() => _gate.TrySetResult();

        public Task EnsureReadyAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public async Task AppendAsync(IReadOnlyList<UsageRow> rows, CancellationToken cancellationToken = default)
        {
            await _gate.Task;
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("disk full");
            }

            lock (Writes)
            {
                Writes.Add(rows);
            }
        }

        public Task<IReadOnlyList<UsageRow>> GetAsync(string? userId = null, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<UsageRow>>([]);

        public Task<int> DeleteAsync(string userId, string? task = null, CancellationToken cancellationToken = default) => Task.FromResult(0);
    }
}
