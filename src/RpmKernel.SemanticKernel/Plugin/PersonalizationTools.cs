using System.ComponentModel;
using System.Text.Json;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Plugin;

/// <summary>
/// The tool set a <see cref="PersonalizationPlugin"/> exposes under its <see cref="RpmToolOptions"/>: the
/// read-only pair always, a <c>task</c> argument only when the host allowed several, and the writing
/// tools only when opted in, each call behind the host's approval.
/// </summary>
internal static class PersonalizationTools
{
    public const string Personalize = "Personalize";
    public const string ExplainUser = "ExplainUser";
    public const string IngestHistory = "IngestHistory";
    public const string ForgetUser = "ForgetUser";

    public const string PersonalizeDescription =
        "Answers a query the way the current user would, by reasoning like them from their own past answers. Use it when the answer should "
        + "match this user's preferences, tastes or opinions rather than a generic answer. Returns JSON with the answer, a short reasoning "
        + "and how many of the user's past items it drew on.";

    public const string ExplainDescription =
        "Explains what was learned about the current user: their factors (what drives their answers) with statistics and evidence counts, "
        + "and how many history items they rest on. Use it to show the user why answers are personalized the way they are.";

    public const string QueryDescription = "The query to answer, in full (for a survey question include the 'Options:' list).";

    private const string IngestDescription =
        "Learns how the current user reasons from their past (query, answer) pairs, so that Personalize can answer like them. Needs the "
        + "application's approval for each call. Returns JSON with the number of items stored and failed.";

    private const string ForgetDescription =
        "Deletes what is stored about the current user for this task (reasoning records and user model). Use it only when the user asks "
        + "to be forgotten; needs the application's approval. Returns JSON counts of what was deleted.";

    public static IEnumerable<KernelFunction> Create(PersonalizationPlugin plugin)
    {
        var tools = new Tools(plugin);
        if (plugin.Scope.ModelChoosesTask)
        {
            var task = TaskParameter(plugin.Scope.AllowedTasks);
            yield return KernelFunctionFactory.CreateFromMethod(
                tools.PersonalizeForTaskAsync, Personalize, PersonalizeDescription, [new("query") { Description = QueryDescription, ParameterType = typeof(string), IsRequired = true }, task]);
            yield return KernelFunctionFactory.CreateFromMethod(tools.ExplainForTaskAsync, ExplainUser, ExplainDescription, [task]);
        }
        else
        {
            yield return KernelFunctionFactory.CreateFromMethod(plugin.PersonalizeAsync, Personalize, PersonalizeDescription);
            yield return KernelFunctionFactory.CreateFromMethod(plugin.ExplainUserAsync, ExplainUser, ExplainDescription);
        }

        if (plugin.Options.AllowLearning)
        {
            yield return KernelFunctionFactory.CreateFromMethod(tools.IngestHistoryAsync, IngestHistory, IngestDescription);
        }

        if (plugin.Options.AllowForget)
        {
            yield return KernelFunctionFactory.CreateFromMethod(tools.ForgetUserAsync, ForgetUser, ForgetDescription);
        }
    }

    /// <summary>The model's choice of task: a name from the host's list (an enum in the schema), never a path.</summary>
    private static KernelParameterMetadata TaskParameter(IReadOnlyList<string> allowed) => new("task")
    {
        Description = $"The task, one of: {string.Join(", ", allowed)}.",
        ParameterType = typeof(string),
        IsRequired = true,
        Schema = KernelJsonSchema.Parse(JsonSerializer.Serialize(new { type = "string", @enum = allowed })),
    };

    /// <summary>The bodies of the functions that exist only under some options.</summary>
    private sealed class Tools(PersonalizationPlugin plugin)
    {
        public Task<string> PersonalizeForTaskAsync(
            string query,
            string task,
            Kernel? kernel = null,
            KernelArguments? arguments = null,
            CancellationToken cancellationToken = default) =>
            plugin.PersonalizeCoreAsync(query, task, kernel, arguments, cancellationToken);

        public Task<string> ExplainForTaskAsync(
            string task,
            KernelArguments? arguments = null,
            CancellationToken cancellationToken = default) =>
            plugin.ExplainCoreAsync(task, arguments, cancellationToken);

        public Task<string> IngestHistoryAsync(
            [Description("The history as a JSON array of objects {\"id\", \"query\", \"answer\"}.")] string history,
            Kernel? kernel = null,
            KernelArguments? arguments = null,
            CancellationToken cancellationToken = default) =>
            ToolErrors.GuardAsync(plugin.Secrets, async () =>
            {
                var scope = plugin.Scope.Resolve(arguments);
                var items = ParseHistory(history);
                await RequireApprovalAsync(new RpmToolApproval(
                    IngestHistory, scope, $"Learn {items.Count} history items for user '{scope.UserId}' ({scope.Task}).", items.Count), cancellationToken).ConfigureAwait(false);
                using var stages = StageKernels.UseInvokingKernel(kernel);
                var result = await plugin.Pipeline.IngestAsync(scope.UserId, scope.Task, items, cancellationToken: cancellationToken).ConfigureAwait(false);
                return ToolResults.Ingested(result);
            });

        public Task<string> ForgetUserAsync(KernelArguments? arguments = null, CancellationToken cancellationToken = default) =>
            ToolErrors.GuardAsync(plugin.Secrets, async () =>
            {
                var scope = plugin.Scope.Resolve(arguments);
                await RequireApprovalAsync(new RpmToolApproval(
                    ForgetUser, scope, $"Delete everything stored about user '{scope.UserId}' for {scope.Task}."), cancellationToken).ConfigureAwait(false);
                var receipt = await plugin.Pipeline.ForgetAsync(scope.UserId, scope.Task, cancellationToken).ConfigureAwait(false);
                return ToolResults.Forgotten(receipt);
            });

        private async Task RequireApprovalAsync(RpmToolApproval approval, CancellationToken cancellationToken)
        {
            var approve = plugin.Options.Approve;
            if (approve is null || !await approve(approval, cancellationToken).ConfigureAwait(false))
            {
                throw new RpmInputException($"The application did not approve {approval.Tool} for the current user, so nothing was changed.");
            }
        }

        private static List<HistoryItem> ParseHistory(string history)
        {
            try
            {
                return JsonSerializer.Deserialize<List<HistoryItem>>(history, RpmJson.Compact) ?? [];
            }
            catch (JsonException ex)
            {
                throw new RpmInputException($"The history is not a JSON array of {{\"id\", \"query\", \"answer\"}} objects ({ex.Message}).", ex);
            }
        }
    }
}
