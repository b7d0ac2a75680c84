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

    [Fact]
    public async Task A_write_behind_ledger_starts_a_write_off_the_call_so_its_synchronous_work_does_not_hold_the_call()
    {
        var ledger = UsageLedger.WritingBehind(new StageCallContext("alice", "lamp2"));
        using var storing = new ManualResetEventSlim();
        var stored = false;

        // A store whose write does all its work before it returns a task, as SQLite's commands do.
        var call = Task.Run(() => ledger.Write(() =>
        {
            storing.Wait();
            stored = true;
            return Task.CompletedTask;
        }));

        // Completes once Write returns and the task it returned is complete: the call does not wait for the store.
        await call.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(stored);
        Assert.True(ledger.HasPendingWrites);
        var written = ledger.WhenWrittenAsync();
        Assert.False(written.IsCompleted);

        storing.Set();
        await written.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(stored);
    }

    [Fact]
    public async Task A_write_behind_ledger_keeps_the_failure_of_a_write_that_throws_before_it_returns_a_task()
    {
        var ledger = UsageLedger.WritingBehind(new StageCallContext("alice", "lamp2"));

        Func<Task> failing = () => throw new InvalidOperationException("disk full");

        var awaited = ledger.Write(failing);

        Assert.True(awaited.IsCompletedSuccessfully);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.WhenWrittenAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("disk full", error.Message);
    }

    [Fact]
    public void Any_other_ledger_runs_a_write_inline_and_the_call_awaits_it()
    {
        var ledger = new UsageLedger(new StageCallContext("alice", "lamp2"));
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = false;

        var awaited = ledger.Write(() =>
        {
            started = true;
            return write.Task;
        });

        Assert.True(started);
        Assert.Same(write.Task, awaited);
        Assert.False(ledger.HasPendingWrites);
        write.SetResult();
    }

    [Fact]
    public async Task A_write_behind_ledger_that_stopped_overlapping_runs_a_write_inline_and_still_waits_for_it()
    {
        var ledger = UsageLedger.WritingBehind(new StageCallContext("alice", "lamp2"));
        var write = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = false;
        ledger.StopOverlapping();

        var awaited = ledger.Write(() =>
        {
            started = true;
            return write.Task;
        });

        Assert.True(started);
        Assert.True(awaited.IsCompletedSuccessfully);
        Assert.True(ledger.HasPendingWrites);
        var written = ledger.WhenWrittenAsync();
        Assert.False(written.IsCompleted);
        write.SetResult();
        await written.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
