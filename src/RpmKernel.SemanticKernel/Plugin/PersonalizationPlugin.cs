using System.ComponentModel;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Scopes;
using RpmKernel.Core.Text;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Plugin;

/// <summary>
/// RPM as tools for agents, planners and copilots, for the one user the host binds. Secure by default:
/// no function takes a user id, and the default tools only read (<c>Personalize</c>, <c>ExplainUser</c>).
/// The user comes from <see cref="For"/>, else an <see cref="RpmScope"/> the host puts in the invocation's
/// <see cref="KernelArguments"/> under <see cref="ScopeArgument"/>, else the host's <see cref="IRpmScopeAccessor"/>;
/// with none, every call is refused. Learning and erasing are host calls on <see cref="IRpmPipeline"/>, or
/// opt-in tools behind an approval (<see cref="RpmToolOptions"/>).
/// </summary>
public sealed class PersonalizationPlugin
{
    /// <summary>The plugin name under which the functions are registered by default.</summary>
    public const string PluginName = "Rpm";

    /// <summary>
    /// The <see cref="KernelArguments"/> key under which a host may pass the scope of one invocation, as an
    /// <see cref="RpmScope"/> object. A model's function-call arguments never bind it: they are text or JSON, which is refused.
    /// </summary>
    public const string ScopeArgument = "rpm.scope";

    private readonly IRpmPipeline _pipeline;
    private readonly ToolScope _scope;
    private readonly RpmToolOptions _options;
    private readonly SecretRedactor _secrets;

    /// <summary>Creates the plugin over a pipeline, with the user taken from each call's arguments or from <paramref name="scopeAccessor"/>.</summary>
    /// <param name="pipeline">The pipeline the tools call.</param>
    /// <param name="scopeAccessor">The host's answer to "whose data is this call about?", or null to take it only from the arguments.</param>
    /// <param name="options">What the tools may do; null for the read-only default.</param>
    public PersonalizationPlugin(IRpmPipeline pipeline, IRpmScopeAccessor? scopeAccessor = null, RpmToolOptions? options = null)
        : this(pipeline, fixedScope: null, scopeAccessor, options, secrets: null)
    {
    }

    internal PersonalizationPlugin(IRpmPipeline pipeline, RpmScope? fixedScope, IRpmScopeAccessor? scopeAccessor, RpmToolOptions? options, SecretRedactor? secrets)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
        _options = options ?? new RpmToolOptions();
        _scope = new ToolScope(fixedScope, scopeAccessor, _options.AllowedTasks);
        _secrets = secrets ?? new SecretRedactor();
    }

    internal IRpmPipeline Pipeline => _pipeline;

    internal ToolScope Scope => _scope;

    internal RpmToolOptions Options => _options;

    internal SecretRedactor Secrets => _secrets;

    /// <summary>A plugin whose every call works for <paramref name="scope"/> (one user, one task), whatever the call's arguments say.</summary>
    /// <param name="pipeline">The pipeline the tools call.</param>
    /// <param name="scope">The user and task the host binds.</param>
    /// <param name="options">What the tools may do; null for the read-only default.</param>
    public static PersonalizationPlugin For(IRpmPipeline pipeline, RpmScope scope, RpmToolOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new PersonalizationPlugin(pipeline, scope, scopeAccessor: null, options, secrets: null);
    }

    /// <summary>
    /// The kernel plugin of the tools <see cref="RpmToolOptions"/> allow: <c>Personalize</c> and <c>ExplainUser</c>
    /// (with a <c>task</c> argument only when several tasks are allowed), plus <c>IngestHistory</c> and
    /// <c>ForgetUser</c> when opted in. <c>KernelPluginFactory.CreateFromObject</c> on this object gives the read-only two.
    /// </summary>
    /// <param name="pluginName">The plugin name of the functions.</param>
    public KernelPlugin CreateKernelPlugin(string pluginName = PluginName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pluginName);
        return KernelPluginFactory.CreateFromFunctions(pluginName, PersonalizationTools.Create(this));
    }

    /// <summary>Answers a query the way the bound user would.</summary>
    /// <param name="query">The query to answer.</param>
    /// <param name="kernel">The invoking kernel; RPM's stage calls run on it.</param>
    /// <param name="arguments">The invocation's arguments, where a host may bind the scope under <see cref="ScopeArgument"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>JSON <c>{"answer", "reasoning", "examples"}</c> (examples: how many of the user's past items were used).</returns>
    [KernelFunction(PersonalizationTools.Personalize)]
    [Description(PersonalizationTools.PersonalizeDescription)]
    public Task<string> PersonalizeAsync(
        [Description(PersonalizationTools.QueryDescription)] string query,
        Kernel? kernel = null,
        KernelArguments? arguments = null,
        CancellationToken cancellationToken = default) =>
        PersonalizeCoreAsync(query, task: null, kernel, arguments, cancellationToken);

    /// <summary>Explains what was learned about the bound user.</summary>
    /// <param name="arguments">The invocation's arguments, where a host may bind the scope under <see cref="ScopeArgument"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>JSON <c>{"task", "itemCount", "factors"}</c>.</returns>
    [KernelFunction(PersonalizationTools.ExplainUser)]
    [Description(PersonalizationTools.ExplainDescription)]
    public Task<string> ExplainUserAsync(KernelArguments? arguments = null, CancellationToken cancellationToken = default) =>
        ExplainCoreAsync(task: null, arguments, cancellationToken);

    internal Task<string> PersonalizeCoreAsync(string query, string? task, Kernel? kernel, KernelArguments? arguments, CancellationToken cancellationToken) =>
        ToolErrors.GuardAsync(_secrets, async () =>
        {
            var scope = _scope.Resolve(arguments, task);
            using var stages = StageKernels.UseInvokingKernel(kernel);
            var answer = await _pipeline.PersonalizeAsync(scope.UserId, scope.Task, query, cancellationToken).ConfigureAwait(false);
            _options.OnPersonalized?.Invoke(scope, answer);
            return ToolResults.Personalized(answer);
        });

    internal Task<string> ExplainCoreAsync(string? task, KernelArguments? arguments, CancellationToken cancellationToken) =>
        ToolErrors.GuardAsync(_secrets, async () =>
        {
            var scope = _scope.Resolve(arguments, task);
            var model = await _pipeline.ExplainAsync(scope.UserId, scope.Task, cancellationToken).ConfigureAwait(false);
            return ToolResults.Explained(model);
        });
}
