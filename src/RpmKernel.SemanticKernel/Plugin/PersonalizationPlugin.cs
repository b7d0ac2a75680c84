using System.ComponentModel;
using System.Text.Json;
using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;
using RpmKernel.Core.History;
using RpmKernel.SemanticKernel.Pipeline;
using RpmKernel.SemanticKernel.Stages;

namespace RpmKernel.SemanticKernel.Plugin;

/// <summary>
/// RPM as a tool for agents, planners and copilots: answer like a user, learn a user's history,
/// explain what was learned, and forget a user. Every function returns JSON.
/// </summary>
public sealed class PersonalizationPlugin
{
    /// <summary>The plugin name under which the functions are registered by default.</summary>
    public const string PluginName = "Rpm";

    private readonly IRpmPipeline _pipeline;

    /// <summary>Creates the plugin over a pipeline.</summary>
    public PersonalizationPlugin(IRpmPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
    }

    /// <summary>Answers a query the way the given user would.</summary>
    [KernelFunction("Personalize")]
    [Description("Answers a query the way a specific user would, by reasoning like them from their own past answers. "
        + "Use it when the answer should match this user's preferences, tastes or opinions rather than a generic answer. "
        + "The user's history must have been ingested for the task first. Returns JSON with answer, reasoning, the user's factors, "
        + "the past items used as examples (itemId, score), prompt versions and token usage.")]
    public async Task<string> PersonalizeAsync(
        [Description("The id of the user to answer for.")] string userId,
        [Description("The task: lamp2 (movie tag), lamp3 (review rating 1-5), lamp5 (paper title), goqa (survey opinion), or a task profile path.")] string task,
        [Description("The query to answer, in full (for goqa include the 'Options:' list).")] string query,
        Kernel? kernel = null,
        CancellationToken cancellationToken = default)
    {
        using var stages = StageKernels.UseInvokingKernel(kernel);
        var answer = await _pipeline.PersonalizeAsync(userId, task, query, cancellationToken).ConfigureAwait(false);
        return RpmJson.Serialize(answer, indented: false);
    }

    /// <summary>Learns a user's history for a task.</summary>
    [KernelFunction("IngestHistory")]
    [Description("Learns how a user reasons from their past (query, answer) pairs for one task, so that Personalize can answer like them. "
        + "Call it with the user's history; calling it again with new items processes only the new items and refreshes the user's factors. "
        + "Returns JSON with the number of items stored, any failed items (with stage and reason) and token usage.")]
    public async Task<string> IngestHistoryAsync(
        [Description("The id of the user the history belongs to.")] string userId,
        [Description("The task: lamp2, lamp3, lamp5, goqa, or a task profile path.")] string task,
        [Description("The history as a JSON array of objects {\"id\", \"query\", \"answer\"}.")] string history,
        [Description("True to redo every item from scratch instead of reusing what is already stored; normally false.")] bool rebuild = false,
        Kernel? kernel = null,
        CancellationToken cancellationToken = default)
    {
        using var stages = StageKernels.UseInvokingKernel(kernel);
        List<HistoryItem>? items;
        try
        {
            items = JsonSerializer.Deserialize<List<HistoryItem>>(history, RpmJson.Compact);
        }
        catch (JsonException ex)
        {
            throw new RpmInputException($"The history is not a JSON array of {{\"id\", \"query\", \"answer\"}} objects ({ex.Message}).", ex);
        }

        var result = await _pipeline.IngestAsync(userId, task, items ?? [], rebuild, cancellationToken: cancellationToken).ConfigureAwait(false);
        return RpmJson.Serialize(new { users = 1, items = result.Items, failed = result.Failed, usage = result.Usage }, indented: false);
    }

    /// <summary>Explains what was learned about a user.</summary>
    [KernelFunction("ExplainUser")]
    [Description("Explains what was learned about a user for a task: their factors (what drives their answers) with statistics and "
        + "evidence counts, how many history items they rest on, and which prompt versions and model built them. Use it to show a user "
        + "why answers are personalized the way they are.")]
    public async Task<string> ExplainUserAsync(
        [Description("The id of the user.")] string userId,
        [Description("The task: lamp2, lamp3, lamp5, goqa, or a task profile path.")] string task,
        CancellationToken cancellationToken = default)
    {
        var model = await _pipeline.ExplainAsync(userId, task, cancellationToken).ConfigureAwait(false);
        return RpmJson.Serialize(model, indented: false);
    }

    /// <summary>Deletes everything stored about a user.</summary>
    [KernelFunction("ForgetUser")]
    [Description("Deletes everything stored about a user: reasoning records and user models, for one task or for all tasks. "
        + "Use it only when the user asks to be forgotten. Returns JSON counts of what was deleted.")]
    public async Task<string> ForgetUserAsync(
        [Description("The id of the user to forget.")] string userId,
        [Description("Optional task to forget only that task's data; omit to forget the user entirely.")] string? task = null,
        CancellationToken cancellationToken = default)
    {
        var receipt = await _pipeline.ForgetAsync(userId, string.IsNullOrWhiteSpace(task) ? null : task, cancellationToken).ConfigureAwait(false);
        return RpmJson.Serialize(receipt, indented: false);
    }
}
