using Xunit.Abstractions;
using Xunit.Sdk;

namespace RpmKernel.Storage.Tests.Conformance;

/// <summary>
/// A test case whose skip reason is decided when it is initialized, in discovery and again in the
/// runner after deserialization: set when the test class requires an environment variable that is
/// missing. Conformance tests are inherited, so the same method runs for SQLite and InMemory and is
/// skipped for live Qdrant only.
/// </summary>
public sealed class EnvironmentTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public EnvironmentTestCase()
    {
    }

    public EnvironmentTestCase(IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions, ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    /// <summary>The reason a class marked <see cref="RequiresEnvironmentAttribute"/> is skipped, or null when it can run.</summary>
    public static string? MissingEnvironment(ITypeInfo testClass)
    {
        foreach (var requirement in testClass.GetCustomAttributes(typeof(RequiresEnvironmentAttribute).AssemblyQualifiedName!))
        {
            var arguments = requirement.GetConstructorArguments().Cast<string>().ToList();
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(arguments[0])))
            {
                return $"{arguments[0]} is not set: {arguments[1]}";
            }
        }

        return null;
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
        => MissingEnvironment(TestMethod.TestClass.Class) ?? base.GetSkipReason(factAttribute);
}
