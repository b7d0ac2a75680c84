namespace Rpm.SemanticKernel.Stages;

/// <summary>
/// Short positional keys (<c>i1</c>, <c>i2</c>, ...) for the items of a batch: item ids can be long
/// or contain any character, and the keys become property names of the strict output schema.
/// </summary>
internal static class BatchKeys
{
    public static IReadOnlyList<string> For(int count) => Enumerable.Range(1, count).Select(i => $"i{i}").ToList();
}
