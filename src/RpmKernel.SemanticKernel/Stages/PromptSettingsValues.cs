using System.Text.Json;
using System.Text.Json.Nodes;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// A prompt's execution settings (everything but its <c>response_format</c>) as the values of
/// <see cref="Microsoft.SemanticKernel.PromptExecutionSettings.ExtensionData"/>: each a
/// <see cref="JsonElement"/>, or null for a JSON null, exactly what
/// <c>JsonSerializer.Deserialize&lt;Dictionary&lt;string, object&gt;&gt;</c> gives. They are read with
/// <see cref="JsonDocument"/> instead, because the serializer's first use builds its reflection metadata
/// for the dictionary and its object values, which held up the first request of a one-shot personalize.
/// </summary>
internal static class PromptSettingsValues
{
    /// <summary>The settings of <paramref name="settings"/>, one entry per property, in the file's order.</summary>
    public static Dictionary<string, object> Read(JsonObject settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var document = JsonDocument.Parse(settings.ToJsonString());
        var values = new Dictionary<string, object>(settings.Count);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind == JsonValueKind.Null ? null! : property.Value.Clone();
        }

        return values;
    }
}
