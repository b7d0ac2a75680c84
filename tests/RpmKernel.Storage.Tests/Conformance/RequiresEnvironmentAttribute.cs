namespace RpmKernel.Storage.Tests.Conformance;

/// <summary>
/// Marks a test class whose <see cref="StoreFactAttribute"/> tests need a live service: they are
/// reported as skipped, with the reason, when <see cref="Variable"/> is not set.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresEnvironmentAttribute(string variable, string purpose) : Attribute
{
    public string Variable { get; } = variable;

    public string Purpose { get; } = purpose;
}
