using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RpmKernel.AspNetCore.Auth;
using RpmKernel.AspNetCore.Hosting;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.AspNetCore.Jobs;

/// <summary>
/// Runs ingest jobs one after another in the background. At start it queues the jobs a previous server left
/// unfinished; at shutdown the running ingest is cancelled (what was stored stays stored) and the job is put
/// back to <see cref="IngestJobStatus.Queued"/>, so the next server resumes it and redoes only what is missing.
/// Servers may share one jobs folder: each takes a job's claim before running it, so a job runs in one server at a
/// time, and every <c>Rpm:Server:JobsRescanInterval</c> each looks again for jobs no server holds (one submitted
/// to another server, or one that a server stopped or crashed in the middle of), so a live server takes them over.
/// </summary>
internal sealed class IngestJobRunner(IngestJobStore store, IRpmPipeline pipeline, IOptions<RpmServerOptions> options, ILogger<IngestJobRunner> logger) : BackgroundService
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    // The ids in the queue, so a rescan does not queue a job again while it waits.
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    public IngestJob Submit(IngestJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        store.Save(job);
        Queue(job.Id);
        return job;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        QueueUnfinished();
        var rescans = RescanAsync(stoppingToken);
        try
        {
            await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                _queued.TryRemove(id, out _);
                await TryRunAsync(id, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; unfinished jobs are on disk as Queued.
        }

        await rescans.ConfigureAwait(false);
    }

    private void Queue(string id)
    {
        if (_queued.TryAdd(id, 0))
        {
            _queue.Writer.TryWrite(id);
        }
    }

    private void QueueUnfinished()
    {
        foreach (var unfinished in store.Unfinished(WarnUnreadable))
        {
            Queue(unfinished.Id);
        }
    }

    private async Task RescanAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.JobsRescanInterval, stoppingToken).ConfigureAwait(false);
                QueueUnfinished();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
#pragma warning disable CA1031 // A folder that cannot be read now is read again at the next rescan; no job is lost.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning(ex, "The jobs folder could not be read; it is read again in {Interval}.", options.Value.JobsRescanInterval);
            }
        }
    }

    // Runs the job when this server can claim it and it has not ended. The job is read again once the claim is held,
    // so one that another server moved on meanwhile (ended, or checkpointed) is taken as it is now.
    private async Task TryRunAsync(string id, CancellationToken stoppingToken)
    {
        if (store.FindUnfinished(id, WarnUnreadable) is null)
        {
            return;
        }

        using var claim = store.TryClaim(id);
        if (claim is null)
        {
            logger.LogDebug("Ingest job {JobId} is being run by another server sharing the jobs folder.", id);
            return;
        }

        if (store.FindUnfinished(id, WarnUnreadable) is not { } job)
        {
            claim.Finished();
            return;
        }

        if (job.Attempts > 0)
        {
            logger.LogInformation("Resuming ingest job {JobId} ({Status}, attempt {Attempt}).", job.Id, job.Status, job.Attempts + 1);
        }

        if (await RunAsync(job, stoppingToken).ConfigureAwait(false))
        {
            claim.Finished();
        }
    }

    // A job file that cannot be read is left as it is, and the queue goes on.
    private void WarnUnreadable(string path, Exception ex) =>
        logger.LogWarning("Ingest job file {Path} cannot be read ({Error}) and is left as it is; repair or remove it. The other jobs go on.", path, ex.Message);

    // True when the job ended (succeeded or failed); a shutdown checkpoints it and throws.
    private async Task<bool> RunAsync(IngestJob job, CancellationToken stoppingToken)
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
            return true;
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
            return true;
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
