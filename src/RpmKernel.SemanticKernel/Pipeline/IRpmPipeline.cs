using RpmKernel.Core.History;
using RpmKernel.Core.Records;
using RpmKernel.Core.Scopes;

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

    /// <summary>
    /// Runs stages 6–7 only: the query's factor-aware features, the user's factors and statistics, and
    /// the top-K most similar past items with their reasoning paths, for a host's own model to reason
    /// from (a copilot's context) or for <see cref="GenerateAsync"/>.
    /// </summary>
    /// <param name="scope">The user and task, bound by the host.</param>
    /// <param name="query">The new query.</param>
    /// <param name="top">How many past items to retrieve; null for <c>Rpm:Retrieval:TopK</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<RetrievedContext> RetrieveContextAsync(RpmScope scope, string query, int? top = null, CancellationToken cancellationToken = default);

    /// <summary>Runs stage 8 over a context from <see cref="RetrieveContextAsync"/>: the answer reasoned like the user.</summary>
    /// <param name="context">The retrieved context; its usage is not counted again.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<PersonalizedAnswer> GenerateAsync(RetrievedContext context, CancellationToken cancellationToken = default);

    /// <summary>
    /// Learns one new interaction: the item's features and reasoning path (one model call each, none when
    /// cached), the statistics over every stored item, and factor clustering again only when the item's
    /// factor labels do not map to the user's factors (see <c>Rpm:Ingest:ReclusterAfterUnmappedLabels</c>).
    /// Takes the user's write lease like an ingest; the same item observed twice is stored once.
    /// </summary>
    /// <param name="scope">The user and task, bound by the host.</param>
    /// <param name="query">The query the user answered.</param>
    /// <param name="answer">The user's answer (accepted by the task profile).</param>
    /// <param name="itemId">The item's id; null derives one from the query and answer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<ObserveResult> ObserveAsync(RpmScope scope, string query, string answer, string? itemId = null, CancellationToken cancellationToken = default);

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
