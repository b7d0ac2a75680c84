using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;
using RpmKernel.Core.History;
using RpmKernel.Core.Records;
using RpmKernel.Core.Scopes;
using RpmKernel.Core.Tasks;
using RpmKernel.SemanticKernel.Batching;
using RpmKernel.SemanticKernel.Hosting;
using RpmKernel.SemanticKernel.Options;
using RpmKernel.SemanticKernel.Prompts;
using RpmKernel.SemanticKernel.Stages;
using RpmKernel.Storage;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// RPM end to end: <c>IngestAsync</c> runs stages 1–5 and stores the reasoning-enhanced
/// records and the user model; <see cref="PersonalizeAsync"/> runs stages 6–8 and answers like the user.
/// </summary>
internal sealed class RpmPipeline : IRpmPipeline
{
    private readonly PromptLibrary _prompts;
    private readonly StageInvoker _invoker;
    private readonly IReasoningStore _records;
    private readonly IUserModelStore _models;
    private readonly RpmStorage _storage;
    private readonly HistoryIngestor _ingestor;
    private readonly Personalizer _personalizer;
    private readonly InteractionObserver _observer;
    private readonly HistoryReindexer _reindexer;
    private readonly HistoryItemRemover _remover;
    private readonly RpmIngestOptions _limits;
    private readonly RpmLimitsOptions _inputLimits;
    private readonly Lazy<Task> _ready;
    private readonly Lazy<BatchJobLedger> _batches;

    /// <summary>Creates the pipeline over the kernels the stages run on.</summary>
    internal RpmPipeline(
        StageKernels kernels,
        StageInvoker invoker,
        IEmbeddingGenerator<string, Embedding<float>> embeddings,
        RpmStorage storage,
        RpmOptions options,
        TimeProvider? time = null,
        ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(kernels);
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(options);
        _prompts = invoker.Prompts;
        _invoker = invoker;
        _storage = storage;
        var records = storage.Reasoning;
        var models = storage.UserModels;
        _records = records;
        _models = models;
        var stages = new RpmStages(kernels, invoker, new FeatureRetriever(records, embeddings));
        var writes = new UserWriteScope(records, models, storage.Leases);
        _ingestor = new HistoryIngestor(stages, embeddings, writes, options, time ?? TimeProvider.System);
        _personalizer = new Personalizer(stages, models, records, options, loggerFactory?.CreateLogger<Personalizer>());
        _observer = new InteractionObserver(stages, embeddings, writes, options, time ?? TimeProvider.System);
        _reindexer = new HistoryReindexer(storage, embeddings);
        _remover = new HistoryItemRemover(storage, time ?? TimeProvider.System);
        _limits = options.Ingest;
        _inputLimits = options.Limits;
        _batches = new Lazy<BatchJobLedger>(() => new BatchJobLedger(BatchApiTransport.DirectoryOf(options)));

        // Stores are created once, on first use, whichever operation comes first.
        _ready = new Lazy<Task>(() => storage.EnsureReadyAsync(CancellationToken.None));
    }

    /// <summary>The prompt library in use (active versions, task profiles).</summary>
    public PromptLibrary Prompts => _prompts;

    /// <summary>Resolves a task by bundled name or profile path.</summary>
    public TaskProfile GetTask(string nameOrPath) => _prompts.GetTask(nameOrPath);

    /// <summary>The name of a task, without parsing a bundled profile (see <see cref="PromptLibrary.GetTaskName"/>).</summary>
    public string GetTaskName(string nameOrPath) => _prompts.GetTaskName(nameOrPath);

    /// <inheritdoc />
    public async Task<IngestResult> IngestAsync(
        string userId, string task, IReadOnlyList<HistoryItem> items, bool rebuild = false, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        userId = CanonicalUser(userId);
        HistoryValidator.Validate(userId, items, _limits, _inputLimits.MaxIdCharacters);
        _invoker.EnsureModelConfigured();
        var profile = GetTask(task);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await Explained(() => _ingestor.IngestAsync(userId, profile, items, rebuild, progress, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PersonalizedAnswer> PersonalizeAsync(string userId, string task, string query, CancellationToken cancellationToken = default)
    {
        userId = CanonicalUser(userId);
        HistoryValidator.RequireQuery(query, _inputLimits.MaxQueryCharacters);
        _invoker.EnsureModelConfigured();
        PrepareTargetFeatureCall();
        var profile = GetTask(task);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await Explained(() => _personalizer.PersonalizeAsync(userId, profile, query, TaskHint.For(task, profile.Name), cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<RetrievedContext> RetrieveContextAsync(RpmScope scope, string query, int? top = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var userId = CanonicalUser(scope.UserId);
        HistoryValidator.RequireQuery(query, _inputLimits.MaxQueryCharacters);
        if (top is < 1)
        {
            throw new RpmInputException($"top is {top}; ask for at least 1 past item, or pass null for Rpm:Retrieval:TopK.");
        }

        _invoker.EnsureModelConfigured();
        PrepareTargetFeatureCall();
        var profile = GetTask(scope.Task);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var usage = new UsageLedger(new StageCallContext(userId, profile.Name));
        return await Explained(() => _personalizer.RetrieveAsync(userId, profile, query, top, usage, TaskHint.For(scope.Task, profile.Name), cancellationToken)).ConfigureAwait(false);
    }

    // Stage 6's prompt and the connector are made on the other core while the store opens and the user model is read.
    private void PrepareTargetFeatureCall()
    {
        _ = _invoker.PrepareStage(RpmStage.ExtractTargetFeatures);
        _invoker.PrepareModel();
    }

    /// <inheritdoc />
    public async Task<PersonalizedAnswer> GenerateAsync(RetrievedContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        _invoker.EnsureModelConfigured();
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var usage = new UsageLedger(new StageCallContext(CanonicalUser(context.UserId), context.Task));
        return await Explained(() => _personalizer.GenerateAsync(context, usage, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ObserveResult> ObserveAsync(RpmScope scope, string query, string answer, string? itemId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var userId = CanonicalUser(scope.UserId);
        var item = new HistoryItem(
            itemId ?? InteractionObserver.DerivedItemId(query ?? "", answer ?? ""), query!, answer!);
        HistoryValidator.Validate(userId, [item], _limits, _inputLimits.MaxIdCharacters);
        _invoker.EnsureModelConfigured();
        var profile = GetTask(scope.Task);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await Explained(() => _observer.ObserveAsync(userId, profile, item, cancellationToken)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<UserModel> ExplainAsync(string userId, string task, CancellationToken cancellationToken = default)
    {
        userId = CanonicalUser(userId);
        var taskName = GetTaskName(task);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await _models.GetAsync(userId, taskName, cancellationToken).ConfigureAwait(false)
            ?? throw await PipelineErrors.NoModelAsync(_records, userId, taskName, TaskHint.For(task, taskName), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<ForgetReceipt> ForgetAsync(string userId, string? task = null, CancellationToken cancellationToken = default)
        => ForgetAsync(userId, task, progress: null, cancellationToken);

    /// <summary>
    /// As <see cref="ForgetAsync(string, string?, CancellationToken)"/>; <paramref name="progress"/> hears
    /// <see cref="UserWriteLease.WaitingForReindexStage"/> once when the forget waits for a running reindex of the store.
    /// </summary>
    internal async Task<ForgetReceipt> ForgetAsync(string userId, string? task, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        userId = CanonicalUser(userId);
        var taskName = task is null ? null : GetTaskName(task);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var erased = await _storage.ForgetAsync(
            userId, taskName, () => progress?.Report(new IngestProgress(UserWriteLease.WaitingForReindexStage, 0, 1)), cancellationToken).ConfigureAwait(false);

        // A Batch API run remembers its submitted batches by user; a forgotten user leaves none to resume.
        _batches.Value.Forget(userId, taskName);
        return new ForgetReceipt(erased.Records, erased.Models, erased.CacheEntries, erased.UsageRows);
    }

    /// <inheritdoc />
    public Task<ReindexResult> ReindexAsync(string? userId = null, CancellationToken cancellationToken = default)
        => _reindexer.ReindexAsync(userId is null ? null : CanonicalUser(userId), cancellationToken);

    /// <summary>Removes one stored history item and rebuilds the user model's statistics from the records left (no model call).</summary>
    internal async Task<ItemRemoval> RemoveItemAsync(string userId, string task, string itemId, CancellationToken cancellationToken = default)
    {
        userId = CanonicalUser(userId);
        if (string.IsNullOrWhiteSpace(itemId) || itemId.Length > _inputLimits.MaxIdCharacters)
        {
            throw new RpmInputException($"The item id is empty or longer than {_inputLimits.MaxIdCharacters} characters (Rpm:Limits:MaxIdCharacters); pass the id of a stored item with --item ID.");
        }

        var profile = GetTask(task);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await _remover.RemoveAsync(userId, profile, itemId, TaskHint.For(task, profile.Name), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored reasoning records of one user and task, for read-only views (the server's user page); empty when none.</summary>
    internal async Task<IReadOnlyList<ReasoningRecord>> GetRecordsAsync(string userId, string task, CancellationToken cancellationToken = default)
    {
        userId = CanonicalUser(userId);
        var profile = GetTask(task);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        return await _records.GetAllAsync(userId, profile.Name, cancellationToken).ConfigureAwait(false);
    }

    private Task EnsureReadyAsync(CancellationToken cancellationToken) => _ready.Value.WaitAsync(cancellationToken);

    private static async Task<T> Explained<T>(Func<Task<T>> run)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception ex) when (StageFailures.Explain(ex) is RpmInputException explained)
        {
            throw explained;
        }
    }

    private string CanonicalUser(string userId) => UserIdPolicy.Canonical(userId, _inputLimits.MaxIdCharacters);
}
