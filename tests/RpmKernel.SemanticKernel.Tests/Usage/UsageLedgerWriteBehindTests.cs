using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Tests.Usage;

/// <summary>
/// A personalize call's stage calls do not wait for their own usage rows and cached answers; the
/// operation waits for all of them before it returns, and a failed write still fails it.
/// </summary>
public sealed class UsageLedgerWriteBehindTests
{
    [Fact]
    public async Task A_write_behind_ledger_lets_the_call_go_on_and_its_operation_waits_for_every_write()
    {
        var ledger = UsageLedger.WritingBehind(new StageCallContext("alice", "lamp2"));
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Assert.True(ledger.Track(first.Task).IsCompletedSuccessfully);
        Assert.True(ledger.Track(second.Task).IsCompletedSuccessfully);
        Assert.True(ledger.HasPendingWrites);
        var written = ledger.WhenWrittenAsync();
        first.SetResult();
        await Task.Yield();

        Assert.False(written.IsCompleted);
        second.SetResult();
        await written.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(ledger.HasPendingWrites);
    }

    [Fact]
    public async Task A_failed_write_behind_fails_the_operation_when_it_waits()
    {
        var ledger = UsageLedger.WritingBehind(new StageCallContext("alice", "lamp2"));
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        _ = ledger.Track(write.Task);
        write.SetException(new InvalidOperationException("disk full"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.WhenWrittenAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("disk full", error.Message);
    }

    [Fact]
    public async Task Any_other_ledger_makes_the_call_wait_for_its_own_write()
    {
        var ledger = new UsageLedger(new StageCallContext("alice", "lamp2"));
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var awaited = ledger.Track(write.Task);

        Assert.Same(write.Task, awaited);
        Assert.False(ledger.HasPendingWrites);
        await ledger.WhenWrittenAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
