namespace RpmKernel.Cli.Tests.Support;

/// <summary>A custom task profile (wine styles for a dish) and a three-item history of it, for the tests of profile files.</summary>
internal static class WineTask
{
    public const string Profile = """
        name: wine
        kind: classification
        description: Pick the wine style this user chooses for a dish.
        instruction: Which wine style would you pair with this dish? Answer with one of the styles only.
        labels: [red, white, sparkling]
        """;

    public const string History = """
        {"id": "w1", "query": "Grilled ribeye with rosemary butter.", "answer": "red"}
        {"id": "w2", "query": "Oysters on ice with lemon.", "answer": "sparkling"}
        {"id": "w3", "query": "Sole meunière with capers.", "answer": "white"}
        """;
}
