using System.Collections.Concurrent;
using RpmKernel.Core.Records;

namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>
/// The opt-in check (<c>Rpm:Chat:WarnOnModelFamilyChange</c>) that a user's memory was built by a
/// model of the same family as the one serving it. Reusing a memory across models is the point of
/// per-stage models, so this only warns, and once per user and task.
/// </summary>
internal sealed class ModelFamilyCheck
{
    private readonly ConcurrentDictionary<(string UserId, string Task), bool> _warned = new();

    /// <summary>
    /// The family of a model id: its name without an owner prefix, up to the first character that is
    /// not a letter (<c>gpt-4o-mini</c> and <c>gpt-4.1</c> are <c>gpt</c>; <c>meta-llama/Llama-3-8B</c>
    /// and <c>llama3.1:8b</c> are <c>llama</c>); empty when the id starts with no letter.
    /// </summary>
    public static string Family(string model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var name = model[(model.LastIndexOf('/') + 1)..];
        var end = 0;
        while (end < name.Length && char.IsLetter(name[end]))
        {
            end++;
        }

        return name[..end].ToLowerInvariant();
    }

    /// <summary>
    /// The warning for <paramref name="built"/> served by <paramref name="servingModel"/>, or null when
    /// every model that built it is of the serving model's family (or a family is unknown).
    /// </summary>
    public static string? Warning(UserModel built, string servingModel)
    {
        ArgumentNullException.ThrowIfNull(built);
        var serving = Family(servingModel);
        var builders = built.Models.Count > 0 ? built.Models.Values.Distinct(StringComparer.Ordinal).ToList() : [built.Model];
        var others = builders.Where(m => Family(m) is { Length: > 0 } family && serving.Length > 0 && family != serving).ToList();
        return others.Count == 0
            ? null
            : $"The memory of user '{built.UserId}' for task {built.Task} was built by {string.Join(", ", others)} but is served by {servingModel}, a model of another family; set Rpm:Chat:WarnOnModelFamilyChange=false to stop this warning.";
    }

    /// <summary>The warning for this user and task the first time it applies, null after that or when it does not apply.</summary>
    public string? WarnOnce(UserModel built, string servingModel) =>
        Warning(built, servingModel) is { } warning && _warned.TryAdd((built.UserId, built.Task), true) ? warning : null;
}
