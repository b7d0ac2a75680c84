using RpmKernel.Evaluation.Datasets;

namespace RpmKernel.Evaluation.Running;

/// <summary>A seeded reservoir sample of users: one pass, memory for the sample only, and the same users for the same seed and file.</summary>
internal static class UserSample
{
    public static async Task<List<(long Index, EvalUser User)>> TakeAsync(
        IAsyncEnumerable<(long Index, EvalUser User)> users, int size, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var reservoir = new List<(long Index, EvalUser User)>(Math.Min(size, 1024));
        long seen = 0;
        await foreach (var user in users.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            seen++;
            if (reservoir.Count < size)
            {
                reservoir.Add(user);
            }
            else if (random.NextInt64(seen) is var slot && slot < size)
            {
                reservoir[(int)slot] = user;
            }
        }

        return reservoir.OrderBy(u => u.Index).ToList();
    }
}
