using System.Text.Json;
using System.Text.Json.Nodes;
using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Records;

/// <summary>Maps <see cref="UserModel"/> to and from <see cref="UserModelEntity"/>.</summary>
internal static class UserModelMapping
{
    /// <summary>The property of the stored JSON that holds the model's statistics as counts, beside the model's own properties.</summary>
    internal const string TallyProperty = "tally";

    internal static UserModelEntity ToEntity(UserModel model, string? tallyJson = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var json = JsonSerializer.Serialize(model, StorageJson.Options);
        if (tallyJson is not null)
        {
            var node = JsonNode.Parse(json)!.AsObject();
            node[TallyProperty] = JsonNode.Parse(tallyJson);
            json = node.ToJsonString(StorageJson.Options);
        }

        return new UserModelEntity
        {
            Key = RecordKeys.ForUserModel(model.UserId, model.Task),
            UserId = model.UserId,
            Task = model.Task,
            ModelJson = json,
        };
    }

    /// <summary>The counts stored with the model as raw JSON, or null when it has none (a model written by a version before them, or by a writer that does not keep them).</summary>
    internal static string? TallyJson(UserModelEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        try
        {
            using var document = JsonDocument.Parse(entity.ModelJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(TallyProperty, out var tally)
                && tally.ValueKind == JsonValueKind.Object
                ? tally.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <exception cref="InvalidDataException">The stored JSON is not a valid user model.</exception>
    internal static UserModel ToModel(UserModelEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        try
        {
            var model = JsonSerializer.Deserialize<UserModel>(entity.ModelJson, StorageJson.Options)
                ?? throw new JsonException("The JSON is null.");
            return WithDefaults(model);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(
                $"The stored model of user '{entity.UserId}' for task '{entity.Task}' is not valid JSON of a user model: {ex.Message} Re-ingest the user to rebuild it.",
                ex);
        }
    }

    /// <summary>
    /// The generated reader sets every init-only property it does not find to null instead of leaving
    /// its initializer's value (as the reflection reader did); a model stored without them reads with
    /// those values again.
    /// </summary>
    private static UserModel WithDefaults(UserModel model)
    {
        var factors = model.Factors;
        if (factors is not null && factors.Any(f => f.Description is null || f.Members is null))
        {
            factors = factors.Select(f => f.Description is null || f.Members is null ? f with { Description = f.Description ?? "", Members = f.Members ?? [] } : f).ToList();
        }

        return model.PromptVersions is null || model.Model is null || model.Models is null || !ReferenceEquals(factors, model.Factors)
            ? model with
            {
                Factors = factors!,
                PromptVersions = model.PromptVersions ?? new Dictionary<string, string>(),
                Model = model.Model ?? "",
                Models = model.Models ?? new Dictionary<string, string>(),
            }
            : model;
    }
}
