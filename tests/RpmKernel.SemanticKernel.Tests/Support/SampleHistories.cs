using RpmKernel.Core.History;

namespace RpmKernel.SemanticKernel.Tests.Support;

/// <summary>Small hand-written histories in the shape of the LaMP tasks.</summary>
internal static class SampleHistories
{
    public static IReadOnlyList<HistoryItem> MovieTags(int count = 10)
    {
        string[] descriptions =
        [
            "In a bleak future a government watches every citizen and a clerk starts to rebel.",
            "Two estranged sisters inherit a bakery and have to run it together for a summer.",
            "A crew travels through a wormhole to find a new home for humanity.",
            "A detective hunts a serial killer whose crimes follow the seven deadly sins.",
            "After a plague, survivors live in walled cities ruled by an oppressive council.",
            "A shy accountant falls in love with his neighbour during a city-wide blackout.",
            "An android questions its purpose after being sold to a wealthy family.",
            "Based on the novel, a young wizard learns that his parents were murdered.",
            "A hitman takes one last job and is betrayed by the agency that trained him.",
            "A teenager discovers the town she lives in is a simulation run by a corporation.",
            "A soldier relives the same day of battle until he learns how to win it.",
            "A chef loses her sense of taste and rebuilds her restaurant from scratch.",
        ];
        string[] tags = ["dystopia", "comedy", "sci-fi", "violence", "dystopia", "romance", "sci-fi", "based on a book", "action", "dystopia", "sci-fi", "comedy"];
        return Enumerable.Range(0, count)
            .Select(i => new HistoryItem($"m{i + 1}", descriptions[i % descriptions.Length], tags[i % tags.Length]))
            .ToList();
    }
}
