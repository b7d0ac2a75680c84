using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RpmKernel.Core.Errors;
using RpmKernel.SemanticKernel.Batching;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;

namespace RpmKernel.SemanticKernel.Hosting;

/// <summary>
/// Builds the Batch API transport when <c>Rpm:Ingest:BatchApi:Enabled</c> is on, after checking that the
/// ingest stages' calls go through RPM's own OpenAI connection (the only one it can batch), and where
/// submitted batches are remembered.
/// </summary>
internal static class BatchApiTransport
{
    /// <summary>The transport, or null when the Batch API is off.</summary>
    public static BatchApiHandler? Create(RpmOptions options, RpmHostServices host, TimeProvider time, ILoggerFactory? loggerFactory)
    {
        var batch = options.Ingest.BatchApi;
        if (!batch.Enabled)
        {
            return null;
        }

        if (host.ChatClient is not null || StageChatSettings.IngestStages.Any(host.StageChatClients.ContainsKey))
        {
            throw new RpmInputException(
                "Rpm:Ingest:BatchApi:Enabled needs the ingest stages to call the model RPM connects to from Rpm:Chat (OpenAI or an OpenAI-compatible server with the Batch API), but the host gave its own chat client; drop the host's client for ingest or turn the Batch API off.");
        }

        if (StageChatSettings.IngestStages.Any(s => StageChatSettings.For(options.Chat, s).Provider != ChatProvider.OpenAI))
        {
            throw new RpmInputException(
                "Rpm:Ingest:BatchApi:Enabled works with Rpm:Chat:Provider OpenAI (api.openai.com or an OpenAI-compatible Endpoint that offers /v1/batches); Azure OpenAI batches need a batch deployment and are not supported, so turn the Batch API off for Azure.");
        }

        if (batch.PollInterval <= TimeSpan.Zero || string.IsNullOrWhiteSpace(batch.CompletionWindow) || batch.MaxRequestsPerBatch < 1 || batch.MaxFileBytes < 1)
        {
            throw new RpmInputException(
                "Rpm:Ingest:BatchApi needs a PollInterval above zero (such as 00:00:30), a CompletionWindow (24h), and MaxRequestsPerBatch and MaxFileBytes of at least 1.");
        }

        var ledger = new BatchJobLedger(DirectoryOf(options));
        var logger = loggerFactory?.CreateLogger(typeof(BatchSubmitter).FullName!) ?? NullLogger.Instance;
        return new BatchApiHandler(new BatchSubmitter(ledger, batch, time, host.OnBatchProgress, logger));
    }

    /// <summary>Where submitted batches are remembered: <c>Rpm:Ingest:BatchApi:Directory</c>, else <c>batches</c> beside the SQLite store (or under .rpm).</summary>
    public static string DirectoryOf(RpmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.Ingest.BatchApi.Directory))
        {
            return Path.GetFullPath(options.Ingest.BatchApi.Directory);
        }

        var store = options.Store.Provider == StoreProvider.Sqlite
            ? Path.GetDirectoryName(Path.GetFullPath(options.Store.Sqlite.Path))
            : null;
        return Path.Combine(store ?? Path.GetFullPath(".rpm"), "batches");
    }
}
