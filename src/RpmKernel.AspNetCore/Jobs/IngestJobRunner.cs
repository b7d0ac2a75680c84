using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.AspNetCore.Jobs;

/// <summary>
/// Runs ingest jobs one after another in the background. At start it queues the jobs a previous server left
/// unfinished; at shutdown the running ingest is cancelled (what was stored stays stored) and the job is put
/// back to <see cref="IngestJobStatus.Queued"/>, so the next server resumes it and redoes only what is missing.
/// </summary>
internal sealed class IngestJobRunner(IngestJobStore store, IRpmPipeline pipeline, ILogger<IngestJobRunner> logger) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public IngestJob Submit(IngestJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        store.Save(job);
        _queue.Writer.TryWrite(job.Id);
        return job;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var unfinished in store.Unfinished())
        {
            logger.LogInformation("Resuming ingest job {JobId} ({Status}, attempt {Attempt}).", unfinished.Id, unfinished.Status, unfinished.Attempts + 1);
            _queue.Writer.TryWrite(unfinished.Id);
        }

        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                if (store.Find(id) is { Status: IngestJobStatus.Queued or IngestJobStatus.Running } job)
                {
                    await RunAsync(job, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; unfinished jobs are on disk as Queued.
        }
    }

    private async Task RunAsync(IngestJob job, CancellationToken stoppingToken)
    {
        var state = new JobState(store, job with { Status = IngestJobStatus.Running, Attempts = job.Attempts + 1 });
        var progress = new Progress(report =>
        {
            // A "waiting for the lease of <user>" stage names the stored id; the tenant sees its own.
            var own = report with { Stage = Own(job, report.Stage) };
            state.Change(j => j with { Progress = new Dictionary<string, IngestProgress>(j.Progress, StringComparer.Ordinal) { [own.Stage] = own } });
        });
        try
        {
            // A rebuild is honoured on the first attempt only: a resumed job must keep what the first attempt stored.
            var rebuild = job.Rebuild && state.Current.Attempts == 1;
            var result = await pipeline.IngestAsync(job.StoredUserId, job.Task, job.Items, rebuild, progress, stoppingToken).ConfigureAwait(false);
            state.Finish(j => j with
            {
                Status = IngestJobStatus.Succeeded,
                Failed = [.. result.Failed.Select(f => f with { Error = Own(job, f.Error) })],
                Reused = result.Reused,
            });
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            state.Change(j => j with { Status = IngestJobStatus.Queued });
            logger.LogInformation("Ingest job {JobId} checkpointed at shutdown; a restarted server resumes it.", job.Id);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Ingest job {JobId} failed.", job.Id);
            var error = ex is RpmInputException ? Own(job, ex.Message) : $"The ingest failed ({ex.GetType().Name}); the server log has the details under job {job.Id}.";
            state.Finish(j => j with { Status = IngestJobStatus.Failed, Error = error });
        }
    }

    private static string Own(IngestJob job, string text) => text.Replace(job.Tenant + TenantUserIds.Separator, "", StringComparison.Ordinal);

    /// <summary>The running job's state, saved on every change under one lock (progress arrives from any thread).</summary>
    private sealed class JobState
    {
        private readonly IngestJobStore _store;
        private readonly Lock _gate = new();

        public JobState(IngestJobStore store, IngestJob job)
        {
            _store = store;
            Current = job;
            Change(j => j);
        }

        public IngestJob Current { get; private set; }

        public void Change(Func<IngestJob, IngestJob> change)
        {
            lock (_gate)
            {
                Current = change(Current) with { UpdatedAt = DateTimeOffset.UtcNow };
                _store.Save(Current);
            }
        }

        public void Finish(Func<IngestJob, IngestJob> change) => Change(j => change(j) with { Items = [], FinishedAt = DateTimeOffset.UtcNow });
    }

    /// <summary>Reports on the thread that reports, unlike <see cref="Progress{T}"/>, so a report is saved before the job moves on.</summary>
    private sealed class Progress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }
}
