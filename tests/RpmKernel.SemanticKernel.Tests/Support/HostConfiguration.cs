using Microsoft.Extensions.Configuration;

namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>The <c>Rpm</c> section a host would bind, pointing RPM at the test host's fake server and SQLite file.</summary>
internal static class HostConfiguration
{
    public static IConfiguration For(RpmTestHost host) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Rpm:Chat:Endpoint"] = host.Server.Endpoint.ToString(),
        ["Rpm:Chat:ApiKey"] = "test-key",
        ["Rpm:Embeddings:Provider"] = "OpenAI",
        ["Rpm:Embeddings:Dimensions"] = "32",
        ["Rpm:Store:Sqlite:Path"] = host.DatabasePath,
        ["Rpm:Retrieval:TopK"] = "2",
    }).Build();
}
