using RpmKernel.Core.History;

namespace RpmKernel.Benchmarks;

/// <summary>Deterministic LaMP-2-shaped movie descriptions and tags, for histories and queries of any size.</summary>
internal static class SyntheticHistory
{
    public static readonly string[] Tags =
    [
        "sci-fi", "based on a book", "comedy", "action", "twist ending", "dystopia", "dark comedy", "classic",
        "psychology", "fantasy", "romance", "thought-provoking", "social commentary", "violence", "true story",
    ];

    private static readonly string[] s_who = ["A retired detective", "Two estranged sisters", "A young wizard", "An android", "A small-town chef", "A crew of miners", "A hitman", "A shy accountant", "A teenage hacker", "An exiled queen"];
    private static readonly string[] s_what = ["uncovers a conspiracy", "falls in love", "fights for survival", "returns home", "plans one last heist", "questions reality", "builds a new life", "hunts a killer", "escapes a prison", "joins a rebellion"];
    private static readonly string[] s_where = ["in a walled city", "on a frozen moon", "during a blackout", "in 1920s Paris", "aboard a starship", "in a dying village", "inside a simulation", "after a plague", "at a boarding school", "on a desert island"];
    private static readonly string[] s_how = ["while a storm closes in.", "and nothing is what it seems.", "with the help of an unlikely friend.", "before the council finds out.", "as old secrets surface.", "in this adaptation of a bestselling novel."];

    public static IReadOnlyList<HistoryItem> Items(int count, int seed, string idPrefix = "m")
    {
        var random = new Random(seed);
        return Enumerable.Range(1, count)
            .Select(i => new HistoryItem($"{idPrefix}{i}", Description(random), Tags[random.Next(Tags.Length)]))
            .ToList();
    }

    public static IReadOnlyList<string> Queries(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => Description(random)).ToList();
    }

    public static string Description(Random random) =>
        $"{Pick(random, s_who)} {Pick(random, s_what)} {Pick(random, s_where)} {Pick(random, s_how)}";

    private static string Pick(Random random, string[] words) => words[random.Next(words.Length)];
}
