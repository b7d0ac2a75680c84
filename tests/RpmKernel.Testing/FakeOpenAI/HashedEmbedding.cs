namespace RpmKernel.Testing;

/// <summary>
/// A hashed bag of words (plus lighter character trigrams), L2-normalized: deterministic, and texts
/// that share words have a higher cosine, which is all retrieval tests need from an embedding.
/// </summary>
internal static class HashedEmbedding
{
    private const float WordWeight = 1f;
    private const float TrigramWeight = 0.25f;

    public static float[] Compute(string text, int dimensions)
    {
        var vector = new float[dimensions];
        foreach (var token in TextWords.Tokens(text))
        {
            Add(vector, StableHash.Of(token, "word"), WordWeight);
            var padded = $"#{token}#";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                Add(vector, StableHash.Of(padded.Substring(i, 3), "trigram"), TrigramWeight);
            }
        }

        double sum = 0;
        foreach (var x in vector)
        {
            sum += (double)x * x;
        }

        if (sum == 0)
        {
            // No tokens: still return a unit vector, as a real model would.
            vector[(int)(StableHash.Of(text, "empty") % (ulong)dimensions)] = 1f;
            return vector;
        }

        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }

    private static void Add(float[] vector, ulong hash, float weight)
    {
        var index = (int)(hash % (ulong)vector.Length);
        vector[index] += (hash >> 63) == 0 ? weight : -weight;
    }
}
