using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using RpmKernel.Core.Records;
using RpmKernel.Core.Scopes;
using RpmKernel.SemanticKernel.Pipeline;

namespace RpmKernel.Agents.Context;

/// <summary>
/// Personalizes a Microsoft Agent Framework agent with no tool call. Before each run it retrieves, for
/// the user bound to the session, the latest user message's factor-aware features and the most similar
/// past items (RPM stages 6–7) and gives the agent's own model the user's factors and statistics as
/// instructions and the past items' reasoning as context (with <see cref="RpmContextMode.ReasoningExamplesAndAnswer"/>,
/// also RPM's own answer). After a successful run, and only when the host set
/// <see cref="RpmContextProviderOptions.LearnFrom"/>, it learns the item that selector returns.
/// </summary>
/// <remarks>
/// Whose data is read comes from the host: the scope initializer is called with the session on its
/// first run, and the scope is kept in the session's state bag. Nothing the model or the user writes
/// can change it. A user RPM knows nothing about yet gets no context, and the run goes on.
/// </remarks>
public sealed class RpmContextProvider : AIContextProvider
{
    private readonly IRpmPipeline _pipeline;
    private readonly RpmContextProviderOptions _options;
    private readonly ProviderSessionState<RpmSessionScope> _state;
    private readonly Func<AgentSession?, RpmScope> _scopeInitializer;
    private readonly ILogger? _logger;

    /// <summary>Creates a provider over <paramref name="pipeline"/>.</summary>
    /// <param name="pipeline">RPM, from <c>services.AddRpm(...)</c>.</param>
    /// <param name="scopeInitializer">The host's binding of a session to a user and task (<c>_ => new RpmScope(userId, "lamp2")</c> for one user).</param>
    /// <param name="options">The mode, the number of examples and the learning selector; null for the defaults.</param>
    /// <param name="loggerFactory">Logs why a run went without context or an item was not learned; never the user's text.</param>
    public RpmContextProvider(
        IRpmPipeline pipeline, Func<AgentSession?, RpmScope> scopeInitializer, RpmContextProviderOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(scopeInitializer);
        if (options?.TopK is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TopK, "RpmContextProviderOptions.TopK must be at least 1, or null for Rpm:Retrieval:TopK.");
        }

        _pipeline = pipeline;
        _options = options ?? new RpmContextProviderOptions();
        _scopeInitializer = scopeInitializer;
        _logger = loggerFactory?.CreateLogger<RpmContextProvider>();
        _state = new ProviderSessionState<RpmSessionScope>(
            session => Stored(scopeInitializer(session)), _options.StateKey ?? nameof(RpmContextProvider), RpmAgentsJsonContext.Default.Options);
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> StateKeys => [_state.StateKey];

    /// <inheritdoc />
    protected override async ValueTask<AIContext> ProvideAIContextAsync(InvokingContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = context.AIContext.Messages?.LastOrDefault(m => m.Role == ChatRole.User && !string.IsNullOrWhiteSpace(m.Text))?.Text;
        if (query is null)
        {
            return new AIContext();
        }

        var scope = ScopeOf(context.Session);
        RetrievedContext retrieved;
        PersonalizedAnswer? answer = null;
        try
        {
            retrieved = await _pipeline.RetrieveContextAsync(scope, query, _options.TopK, cancellationToken).ConfigureAwait(false);
            if (_options.Mode == RpmContextMode.ReasoningExamplesAndAnswer)
            {
                answer = await _pipeline.GenerateAsync(retrieved, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A user RPM has not learned yet, or a failed model call: the agent answers without RPM rather than not at all.
            _logger?.LogWarning("RPM added no context for this run of task {Task}: {Error}.", scope.Task, ex.GetType().Name);
            return new AIContext();
        }

        List<ChatMessage> messages = [new(ChatRole.User, RpmContextText.Examples(retrieved))];
        if (answer is not null)
        {
            messages.Add(new ChatMessage(ChatRole.User, RpmContextText.Answer(answer)));
        }

        return new AIContext { Instructions = RpmContextText.Instructions(retrieved), Messages = messages };
    }

    /// <inheritdoc />
    protected override async ValueTask StoreAIContextAsync(InvokedContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);

        // The base class calls this only for a run that succeeded; learning is off unless the host chose what to learn.
        if (_options.LearnFrom is not { } select)
        {
            return;
        }

        var scope = ScopeOf(context.Session);
        var exchange = new RpmExchange(scope, context.Session, context.RequestMessages.ToList(), context.ResponseMessages?.ToList() ?? []);
        if (select(exchange) is not { } interaction)
        {
            return;
        }

        try
        {
            await _pipeline.ObserveAsync(scope, interaction.Query, interaction.Answer, interaction.ItemId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The run itself succeeded; an item that could not be learned must not fail it after the fact.
            _logger?.LogWarning("RPM did not learn from this run of task {Task}: {Error}.", scope.Task, ex.GetType().Name);
        }
    }

    private static RpmSessionScope Stored(RpmScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new RpmSessionScope { UserId = scope.UserId, Task = scope.Task };
    }

    private RpmScope ScopeOf(AgentSession? session)
    {
        var stored = session is null ? Stored(_scopeInitializer(null)) : _state.GetOrInitializeState(session);
        return new RpmScope(stored.UserId, stored.Task);
    }
}
