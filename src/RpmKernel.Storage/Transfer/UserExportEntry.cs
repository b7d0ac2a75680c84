using System.Text.Json.Serialization;
using RpmKernel.Core.Records;

namespace RpmKernel.Storage.Transfer;

/// <summary>Every line after the header: <c>type</c> says which one of the other members is set.</summary>
internal sealed record UserExportEntry
{
    public const string RecordType = "record";
    public const string UserModelType = "userModel";
    public const string UsageType = "usage";

    public string Type { get; init; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReasoningRecord? Record { get; init; }

    /// <summary>The record's feature-text embedding, as stored.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public float[]? Embedding { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UserModel? UserModel { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UsageRow? Usage { get; init; }
}
