using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace RpmKernel.Storage.Records;

/// <summary>
/// The one JSON shape of everything the stores keep as JSON (features, prompt versions, user
/// models): web defaults (camelCase, case-insensitive reads), so stored JSON matches the
/// <c>--json</c> output of the CLI and any backend reads it the same way. The user model resolves
/// through the generated <see cref="StorageJsonContext"/>, everything else by reflection.
/// </summary>
internal static class StorageJson
{
    internal static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine(StorageJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        };
        options.MakeReadOnly();
        return options;
    }
}
