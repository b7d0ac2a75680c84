using Xunit.Sdk;

namespace Rpm.Storage.Tests.Conformance;

/// <summary>A fact that is skipped, with a reason, when its class is marked <see cref="RequiresEnvironmentAttribute"/> and the variable is not set.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Rpm.Storage.Tests.Conformance.StoreFactDiscoverer", "Rpm.Storage.Tests")]
public sealed class StoreFactAttribute : FactAttribute;
