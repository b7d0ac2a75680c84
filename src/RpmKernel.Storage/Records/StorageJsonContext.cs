using System.Text.Json;
using System.Text.Json.Serialization;
using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Records;

/// <summary>
/// Compile-time JSON metadata for what every command reads at start (the stored user model), so
/// reading it builds no reflection metadata: that was a quarter of <c>rpmk explain</c>. The options
/// are the web defaults of <see cref="StorageJson"/>; other types still resolve by reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(UserModel))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
