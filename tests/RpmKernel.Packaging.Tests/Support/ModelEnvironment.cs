using RpmKernel.Testing;

namespace RpmKernel.Packaging.Tests.Support;

/// <summary>The <c>Rpm__*</c> variables that point a packaged RpmKernel at the in-process fake model server.</summary>
internal static class ModelEnvironment
{
    public static Dictionary<string, string?> For(FakeOpenAIServer server) => new(StringComparer.Ordinal)
    {
        ["Rpm__Chat__Endpoint"] = server.Endpoint.ToString(),
        ["Rpm__Chat__ApiKey"] = "sk-test-packaging",
        ["Rpm__Chat__MaxRetries"] = "1",
    };
}
