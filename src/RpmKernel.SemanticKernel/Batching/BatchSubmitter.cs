using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.SemanticKernel.Batching;

/// <summary>
/// Sends one round's parked requests through the Batch API and hands each its line: requests that a
/// remembered batch already holds are collected from it (a resumed run pays nothing twice); the others
/// go out in batches within the API's limits, remembered before they are polled. A batch is polled until
/// it ends, then its output and error files are read and the batch is forgotten.
/// </summary>
internal sealed class BatchSubmitter
{
    private readonly BatchJobLedger _ledger;
    private readonly RpmBatchApiOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<BatchProgress>? _onProgress;
    private readonly ILogger _logger;

    public BatchSubmitter(BatchJobLedger ledger, RpmBatchApiOptions options, TimeProvider time, Action<BatchProgress>? onProgress, ILogger logger)
    {
        _ledger = ledger;
        _options = options;
        _time = time;
        _onProgress = onProgress;
        _logger = logger;
    }

    /// <summary>The ledger of submitted batches.</summary>
    public BatchJobLedger Ledger => _ledger;

    /// <summary>Completes every request of <paramref name="requests"/> with its line; <paramref name="send"/> sends the Batch API calls.</summary>
    public Task RunAsync(IReadOnlyList<BatchRequest> requests, Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken) =>
        Task.WhenAll(requests
            .GroupBy(r => (r.Endpoint, r.Authorization, r.Stage, r.Model))
            .Select(g => RunGroupAsync(g.ToList(), new BatchApiClient(send, g.Key.Endpoint, g.Key.Authorization), cancellationToken)));

    private async Task RunGroupAsync(List<BatchRequest> requests, BatchApiClient client, CancellationToken cancellationToken)
    {
        var first = requests[0];
        var byId = requests.GroupBy(r => r.CustomId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var resumed = _ledger.Find(first.Endpoint, byId.Keys.ToHashSet(StringComparer.Ordinal));
        var covered = resumed.SelectMany(j => j.CustomIds).ToHashSet(StringComparer.Ordinal);
        var fresh = byId.Where(p => !covered.Contains(p.Key)).Select(p => p.Value[0]).ToList();
        if (resumed.Count > 0)
        {
            _logger.LogInformation("Resuming {Count} batch(es) of {Stage} submitted by an earlier run", resumed.Count, first.Stage);
        }

        var submitted = new List<BatchJob>();
        foreach (var chunk in Chunks(fresh))
        {
            var lines = chunk.Select(Line).ToList();
            var fileId = await client.UploadAsync(Encoding.UTF8.GetBytes(string.Concat(lines)), cancellationToken).ConfigureAwait(false);
            var batch = await client.CreateAsync(fileId, _options.CompletionWindow, first.Stage, cancellationToken).ConfigureAwait(false);
            var job = new BatchJob
            {
                BatchId = batch.Id,
                Endpoint = first.Endpoint.AbsoluteUri,
                Stage = first.Stage,
                Model = first.Model,
                UserId = first.Owner?.UserId,
                Task = first.Owner?.Task,
                InputFileId = fileId,
                SubmittedAt = _time.GetUtcNow(),
                CustomIds = chunk.Select(r => r.CustomId).ToList(),
            };

            // Remembered before anything else can fail or be cancelled, so a rerun polls it instead of paying for it again.
            _ledger.Save(job);
            submitted.Add(job);
            _logger.LogInformation("Submitted batch {BatchId} of {Count} {Stage} request(s)", batch.Id, chunk.Count, first.Stage);
        }

        await Task.WhenAll(resumed.Select(j => CollectAsync(client, j, byId, resumed: true, cancellationToken))
            .Concat(submitted.Select(j => CollectAsync(client, j, byId, resumed: false, cancellationToken)))).ConfigureAwait(false);
    }

    private async Task CollectAsync(BatchApiClient client, BatchJob job, Dictionary<string, List<BatchRequest>> byId, bool resumed, CancellationToken cancellationToken)
    {
        var status = await client.GetAsync(job.BatchId, cancellationToken).ConfigureAwait(false);
        Report(job, status, resumed);
        while (!status.IsFinal)
        {
            await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            status = await client.GetAsync(job.BatchId, cancellationToken).ConfigureAwait(false);
            Report(job, status, resumed);
        }

        foreach (var fileId in new[] { status.OutputFileId, status.ErrorFileId }.OfType<string>())
        {
            var content = await client.ContentAsync(fileId, cancellationToken).ConfigureAwait(false);
            foreach (var (customId, line) in BatchOutput.Read(job.BatchId, content))
            {
                foreach (var request in byId.GetValueOrDefault(customId) ?? [])
                {
                    request.Completion.TrySetResult(line);
                }
            }
        }

        // A request the batch ended without (failed, expired or cancelled) is failed, not lost.
        var missing = new BatchLine(job.BatchId, 500, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = $"batch {job.BatchId} ended {status.Status} without an answer to this request" + (status.Error is { } error ? $" ({error})" : ""),
            },
        }.ToJsonString());
        foreach (var request in job.CustomIds.SelectMany(id => byId.GetValueOrDefault(id) ?? []))
        {
            request.Completion.TrySetResult(missing);
        }

        _ledger.Remove(job.BatchId);
    }

    private void Report(BatchJob job, BatchStatus status, bool resumed)
    {
        var progress = new BatchProgress(job.Stage, job.BatchId, status.Status, status.Completed + status.Failed, status.Total == 0 ? job.CustomIds.Count : status.Total, _options.PollInterval, resumed);
        _logger.LogInformation("{Progress}", progress.ToString());
        _onProgress?.Invoke(progress);
    }

    // The request body goes into the line as the online call wrote it, byte for byte.
    private static string Line(BatchRequest request) =>
        $"{{\"custom_id\":\"{request.CustomId}\",\"method\":\"POST\",\"url\":\"{BatchApiClient.ChatCompletionsUrl}\",\"body\":{request.Body}}}\n";

    private IEnumerable<List<BatchRequest>> Chunks(List<BatchRequest> requests)
    {
        var chunk = new List<BatchRequest>();
        long bytes = 0;
        foreach (var request in requests)
        {
            var size = Encoding.UTF8.GetByteCount(Line(request));
            if (chunk.Count > 0 && (chunk.Count >= Math.Max(1, _options.MaxRequestsPerBatch) || bytes + size > _options.MaxFileBytes))
            {
                yield return chunk;
                chunk = [];
                bytes = 0;
            }

            chunk.Add(request);
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }
}
