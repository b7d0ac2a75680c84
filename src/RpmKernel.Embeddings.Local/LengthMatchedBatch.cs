namespace RpmKernel.Embeddings.Local;

/// <summary>
/// Chooses which queued texts go into the next model call. The model runs every text of a call padded
/// to the call's longest one, so a call of mixed lengths spends part of its work on padding (about a
/// fifth of it for the feature texts of an ingest in arrival order). The oldest text always goes, so
/// the queue keeps moving; the rest of the call are the texts of the window closest to it in length.
/// </summary>
internal static class LengthMatchedBatch
{
    /// <summary>How many queued texts, as a multiple of the batch size, are looked at for each call.</summary>
    public const int WindowBatches = 4;

    /// <summary>
    /// Positions (into <paramref name="lengths"/>, the window in queue order) of at most
    /// <paramref name="batchSize"/> texts: position 0, then the ones whose length is closest to its
    /// length, the older first on a tie. Returned in ascending order.
    /// </summary>
    public static int[] Pick(IReadOnlyList<int> lengths, int batchSize)
    {
        if (lengths.Count <= batchSize)
        {
            return [.. Enumerable.Range(0, lengths.Count)];
        }

        var head = lengths[0];
        var chosen = Enumerable.Range(1, lengths.Count - 1)
            .OrderBy(i => Math.Abs(lengths[i] - head))
            .ThenBy(i => i)
            .Take(batchSize - 1)
            .Prepend(0)
            .Order()
            .ToArray();
        return chosen;
    }
}
