using RpmKernel.Core.Features;
using RpmKernel.Core.Records;

namespace RpmKernel.AspNetCore.UserPage;

/// <summary>One personalize result the server answered, kept for the user page's provenance section.</summary>
/// <param name="At">When it was answered.</param>
/// <param name="Via">Which door it came through: <c>http</c> or <c>mcp</c>.</param>
/// <param name="Query">The query, when the door knows it (the MCP tool hook does not).</param>
/// <param name="QueryFeatures">The query's extracted features (stage 6), whose text retrieval compared.</param>
/// <param name="Answer">The answer.</param>
/// <param name="Examples">The retrieved records with their similarity, best first.</param>
internal sealed record RecentAnswer(
    DateTimeOffset At,
    string Via,
    string? Query,
    IReadOnlyList<Feature> QueryFeatures,
    string Answer,
    IReadOnlyList<ExampleReference> Examples);
