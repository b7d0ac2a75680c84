using RpmKernel.Core.Features;
using RpmKernel.Core.History;
using RpmKernel.Core.Tasks;

namespace RpmKernel.Core.Tests.Factors;

internal static class FactorTestData
{
    public const int Precision = 10;

    public static readonly TaskProfile Tagging = new()
    {
        Name = "tags",
        Kind = TaskKind.Classification,
        Instruction = "Tag it.",
        Labels = ["sci-fi", "comedy", "romance"],
    };

    public static readonly TaskProfile Rating = new()
    {
        Name = "stars",
        Kind = TaskKind.Rating,
        Instruction = "Rate it.",
        MinScore = 1,
        MaxScore = 5,
    };

    public static readonly TaskProfile Titles = new() { Name = "titles", Kind = TaskKind.Generation, Instruction = "Title it." };

    public static readonly TaskProfile Survey = new() { Name = "survey", Kind = TaskKind.Opinion, Instruction = "Answer it." };

    public static HistoryItem Item(string id, string answer) => new(id, $"query {id}", answer);

    public static Feature F(string name, string factor) => new(name, $"{name} in the query", factor);

    public static Dictionary<string, IReadOnlyList<Feature>> AllIn(string factor, IEnumerable<HistoryItem> items, string name = "x") =>
        items.ToDictionary(i => i.Id, IReadOnlyList<Feature> (_) => [new Feature(name, "", factor)]);
}
