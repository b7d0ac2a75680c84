using Xunit.Sdk;

namespace RpmKernel.Storage.Tests.Conformance;

/// <summary>A fact that is skipped, with a reason, when its class is marked <see cref="RequiresEnvironmentAttribute"/> and the variable is not set.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("RpmKernel.Storage.Tests.Conformance.StoreFactDiscoverer", "RpmKernel.Storage.Tests")]
public sealed class StoreFactAttribute : FactAttribute;
