using RpmKernel.Core.History;
using RpmKernel.Core.Records;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// RPM for a host: learn a user's history (stages 1–5), answer like the user (stages 6–8), explain
/// what was learned, forget a user, and re-embed stored records. Resolve it from the service
/// provider after <c>services.AddRpm(...)</c>.
/// </summary>
public interface IRpmPipeline
{
    /// <summary>
    /// Runs stages 1–5 over <paramref name="items"/> and stores the reasoning-enhanced records and the
    /// user model. Items already stored are reused, so a rerun after a crash redoes only what is
    /// missing; with <paramref name="rebuild"/>, every item is redone and the response cache is not read.
    /// </summary>
    /// <param name="userId">The user the history belongs to.</param>
    /// <param name="task">A bundled task profile name (<c>lamp2</c>) or the path to a profile YAML.</param>
    /// <param name="items">The user's (query, answer) history.</param>
    /// <param name="rebuild">True to redo every item instead of reusing what is stored.</param>
    /// <param name="progress">Hears each stage's done count as its batches complete (from any thread).</param>
    /// <param name="cancellationToken">Cancels the ingest; what was stored stays stored.</param>
    Task<IngestResult> IngestAsync(
        string userId,
        string task,
        IReadOnlyList<HistoryItem> items,
        bool rebuild = false,
        IProgress<IngestProgress>? progress = null,
        CancellationToken cancellationToken = default);

    /// <summary>Runs stages 6–8: the answer with its reasoning, factors, examples, prompt versions and usage.</summary>
    /// <param name="userId">The user to answer for.</param>
    /// <param name="task">The task profile name or path.</param>
    /// <param name="query">The new query.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<PersonalizedAnswer> PersonalizeAsync(string userId, string task, string query, CancellationToken cancellationToken = default);

    /// <summary>The user's model for a task: factors, statistics, item count and provenance.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="task">The task profile name or path.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<UserModel> ExplainAsync(string userId, string task, CancellationToken cancellationToken = default);

    /// <summary>Deletes what is stored about a user: records, models, cached responses and usage rows.</summary>
    /// <param name="userId">The user to forget.</param>
    /// <param name="task">One task to forget, or null for every task.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ForgetReceipt> ForgetAsync(string userId, string? task = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Re-embeds the stored feature texts (of one user, or every user) with the configured embedding
    /// generator, without chat-model calls; a new embedding dimension rebuilds the collection for every user.
    /// </summary>
    /// <param name="userId">One user, or null for every user.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ReindexResult> ReindexAsync(string? userId = null, CancellationToken cancellationToken = default);
}
