namespace RpmKernel.Cli.Settings;

/// <summary>One line of <c>rpmk config</c>: a setting's full key, its effective value (secrets masked) and where the value came from.</summary>
/// <param name="Key">The full key, such as <c>Rpm:Chat:Model</c>, or a derived fact such as <c>store</c>.</param>
/// <param name="Value">The effective value; <c>***</c> for a secret that is set; null when unset.</param>
/// <param name="Source"><c>default</c>, <c>file</c>, <c>environment</c>, or how a derived fact was decided.</param>
internal sealed record SettingRow(string Key, string? Value, string Source);
