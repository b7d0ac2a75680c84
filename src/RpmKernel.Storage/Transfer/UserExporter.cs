using System.Text.Json;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Records;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.Transfer;

/// <summary>Writes one user's records (with embeddings), user models and usage rows as an export.</summary>
internal static class UserExporter
{
    public static async Task<UserTransferSummary> RunAsync(RpmStorage storage, string userId, string? task, TextWriter writer, CancellationToken cancellationToken)
    {
        var reasoning = storage.Reasoning as ReasoningStore
            ?? throw new NotSupportedException($"The reasoning store ({storage.Reasoning.GetType().Name}) cannot read embeddings back; only RpmKernel's own store can be exported.");
        var modelStore = storage.UserModels as UserModelStore
            ?? throw new NotSupportedException($"The user-model store ({storage.UserModels.GetType().Name}) cannot list a user's models; only RpmKernel's own store can be exported.");

        var records = await reasoning.GetWithEmbeddingsAsync(userId, task, cancellationToken).ConfigureAwait(false);
        var models = await modelStore.ListAsync(userId, task, cancellationToken).ConfigureAwait(false);
        var usage = (await storage.Usage.GetAsync(userId, cancellationToken).ConfigureAwait(false))
            .Where(r => task is null || string.Equals(r.Task, task, StringComparison.Ordinal))
            .ToList();
        if (records.Count == 0 && models.Count == 0)
        {
            var scope = task is null ? "" : $" for task '{task}'";
            throw new RpmInputException($"Nothing is stored about user '{userId}'{scope}; check the user id (and --task), or the store the settings point at.");
        }

        var embeddingModels = records.Select(r => r.Record.EmbeddingModel).Distinct(StringComparer.Ordinal).ToList();
        var header = new UserExportHeader
        {
            Format = UserExport.FormatName,
            Version = UserExport.FormatVersion,
            UserId = userId,
            Task = task,
            ExportedAt = DateTimeOffset.UtcNow,
            EmbeddingModel = embeddingModels.Count == 1 ? embeddingModels[0] : "",
            EmbeddingDimensions = records.Count == 0 ? 0 : records[0].Embedding.Length,
            Records = records.Count,
            UserModels = models.Count,
            UsageRows = usage.Count,
        };

        await WriteAsync(writer, header, cancellationToken).ConfigureAwait(false);
        foreach (var (record, embedding) in records)
        {
            await WriteAsync(writer, new UserExportEntry { Type = UserExportEntry.RecordType, Record = record, Embedding = embedding.ToArray() }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var model in models)
        {
            await WriteAsync(writer, new UserExportEntry { Type = UserExportEntry.UserModelType, UserModel = model }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var row in usage)
        {
            await WriteAsync(writer, new UserExportEntry { Type = UserExportEntry.UsageType, Usage = row }, cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        var tasks = records.Select(r => r.Record.Task).Concat(models.Select(m => m.Task)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new UserTransferSummary(userId, tasks, records.Count, models.Count, usage.Count, header.EmbeddingModel, Reembedded: 0);
    }

    private static async Task WriteAsync<T>(TextWriter writer, T line, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(JsonSerializer.Serialize(line, StorageJson.Options).AsMemory(), cancellationToken).ConfigureAwait(false);
        await writer.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
    }
}
