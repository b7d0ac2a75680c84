using System.Text.Json.Serialization;

namespace RpmKernel.Agents.Context;

/// <summary>The scope as stored in an agent session's state bag, so it travels with a serialized session.</summary>
internal sealed class RpmSessionScope
{
    public required string UserId { get; init; }

    public required string Task { get; init; }
}

/// <summary>Source-generated JSON for the session state (no reflection).</summary>
[JsonSerializable(typeof(RpmSessionScope))]
internal sealed partial class RpmAgentsJsonContext : JsonSerializerContext;
