namespace RpmKernel.Core.Text;

/// <summary>
/// The fixed English stop-word list of <see cref="ContentTokens"/>. It is part of the statistics'
/// definition: changing it changes every generation-task statistic, so it is never configurable.
/// Only words of three letters or more are listed, because shorter tokens are dropped anyway.
/// </summary>
internal static class StopWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "that", "this", "from", "are", "was", "were", "has", "have", "had",
        "having", "not", "but", "you", "your", "yours", "yourself", "yourselves", "its", "itself", "our",
        "ours", "ourselves", "their", "theirs", "they", "them", "themselves", "his", "her", "hers",
        "herself", "she", "him", "himself", "myself", "who", "whom", "whose", "what", "which", "when",
        "where", "why", "how", "all", "any", "can", "will", "would", "should", "could", "shall", "may",
        "might", "must", "into", "onto", "upon", "about", "above", "below", "between", "through",
        "during", "before", "after", "until", "against", "among", "than", "then", "there", "been",
        "being", "also", "more", "most", "some", "such", "only", "other", "over", "very", "just", "own",
        "same", "too", "each", "few", "does", "did", "doing", "because", "while", "these", "those",
        "off", "out", "under", "again", "further", "once", "here", "both", "nor", "yet", "per", "via",
        "etc", "now", "don", "doesn", "didn", "isn", "aren", "wasn", "weren", "hasn", "haven", "hadn",
        "wouldn", "shouldn", "couldn", "cannot",
    };

    /// <summary>True when <paramref name="token"/> (lower-case) is a stop word.</summary>
    public static bool Contains(string token) => Words.Contains(token);
}
