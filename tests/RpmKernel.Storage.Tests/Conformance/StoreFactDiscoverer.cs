using Xunit.Abstractions;
using Xunit.Sdk;

namespace RpmKernel.Storage.Tests.Conformance;

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests as <see cref="EnvironmentTestCase"/>s.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
        => [new EnvironmentTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod)];
}
