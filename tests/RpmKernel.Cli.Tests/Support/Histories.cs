namespace RpmKernel.Cli.Tests.Support;

/// <summary>Small LaMP-2 style histories written by hand for the tests.</summary>
internal static class Histories
{
    /// <summary>The 15 LaMP-2 tags (prompts/tasks/lamp2.yaml).</summary>
    public static readonly string[] Lamp2Labels =
    [
        "sci-fi", "based on a book", "comedy", "action", "twist ending", "dystopia", "dark comedy", "classic",
        "psychology", "fantasy", "romance", "thought-provoking", "social commentary", "violence", "true story",
    ];

    /// <summary>Six movies with ids m1..m6, one JSON object per line.</summary>
    public const string SixMovies =
        """
        {"id": "m1", "query": "In a bleak future a government watches every citizen and a clerk starts to rebel.", "answer": "dystopia"}
        {"id": "m2", "query": "Two estranged sisters inherit a bakery and have to run it together for a summer.", "answer": "comedy", "timestamp": "2024-03-01T10:00:00Z"}
        {"id": "m3", "query": "A crew travels through a wormhole to find a new home for humanity.", "answer": "sci-fi"}

        {"id": "m4", "query": "A detective hunts a serial killer whose crimes follow the seven deadly sins.", "answer": "violence"}
        {"id": "m5", "query": "After a plague, survivors live in walled cities ruled by an oppressive council.", "answer": "dystopia"}
        {"id": "m6", "query": "An android questions its purpose after being sold to a wealthy family.", "answer": "sci-fi"}
        """;

    public const string NewMovie = "A teenager discovers the town she lives in is a simulation run by a corporation.";

    /// <summary>
    /// <paramref name="count"/> movies with ids <c>m{first}</c>, <c>m{first+1}</c>, …, one JSON object per line;
    /// every id has its own query, and the answers cycle through the LaMP-2 tags.
    /// </summary>
    public static string Movies(int first, int count) => string.Join('\n', Enumerable.Range(first, count).Select(n =>
        $$"""{"id": "m{{n}}", "query": "Film number {{n}} follows a stranger who arrives in town {{n}} with a secret.", "answer": "{{Lamp2Labels[n % Lamp2Labels.Length]}}"}"""));
}
