using RpmKernel.Testing;

namespace RpmKernel.Evaluation.Tests.Support;

/// <summary>Reads which prompt a recorded chat request came from (its response schema name).</summary>
internal static class Requests
{
    public static int CountOf(this FakeOpenAIServer server, string schemaName) =>
        server.ChatRequests.Count(r => r.SchemaName() == schemaName);
}
