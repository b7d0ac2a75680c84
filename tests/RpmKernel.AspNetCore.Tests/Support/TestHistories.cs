using RpmKernel.Core.History;

namespace RpmKernel.AspNetCore.Tests.Support;

/// <summary>Two small LaMP-2 style users with nothing in common, so a leak of one into the other shows.</summary>
internal static class TestHistories
{
    public static IReadOnlyList<HistoryItem> Alice { get; } =
    [
        new("alice-1", "In a bleak future a government watches every citizen and a clerk starts to rebel.", "dystopia"),
        new("alice-2", "After a plague, survivors live in walled cities ruled by an oppressive council.", "dystopia"),
        new("alice-3", "A crew travels through a wormhole to find a new home for humanity.", "sci-fi"),
        new("alice-4", "An android questions its purpose after being sold to a wealthy family.", "sci-fi"),
    ];

    public static IReadOnlyList<HistoryItem> Bob { get; } =
    [
        new("bob-1", "Two estranged sisters inherit a bakery and have to run it together for a summer.", "comedy"),
        new("bob-2", "A shy accountant falls in love with his neighbour during a city-wide blackout.", "romance"),
        new("bob-3", "A chef loses her sense of taste and rebuilds her restaurant from scratch.", "comedy"),
    ];
}
