using Google.Protobuf;
using Grpc.Core;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// How many points to ask for per read so a response stays under the client's receive limit.
/// Points are sized as they arrive: the next page asks for as many of the largest point seen as
/// fit in half the limit (the other half is headroom for larger points to come). A page that still
/// overflows is asked for again at half the size, down to one point.
/// </summary>
internal sealed class QdrantPageBudget
{
    /// <summary>The most points asked for in one page whatever their size.</summary>
    internal const int MaxPoints = 1024;

    private readonly long _budgetBytes;
    private readonly int _ceiling;
    private long _largestPointBytes;

    /// <param name="receiveLimitBytes">The client's receive limit.</param>
    /// <param name="first">The size of the first page.</param>
    /// <param name="maxQueryLimit">The server's strict-mode limit on one request's points, if any.</param>
    internal QdrantPageBudget(int receiveLimitBytes, int first, int? maxQueryLimit)
    {
        _budgetBytes = receiveLimitBytes / 2;
        _ceiling = Math.Min(MaxPoints, maxQueryLimit ?? MaxPoints);
        Next = Math.Clamp(first, 1, _ceiling);
    }

    /// <summary>The number of points to ask for next.</summary>
    internal int Next { get; private set; }

    /// <summary>Whether <paramref name="ex"/> says a response exceeded the receive limit.</summary>
    internal static bool IsTooLarge(RpcException ex) => ex.StatusCode == StatusCode.ResourceExhausted;

    /// <summary>Sizes the next page by the points of the one that arrived.</summary>
    internal void Observe(IEnumerable<IMessage> points)
    {
        foreach (var point in points)
        {
            _largestPointBytes = Math.Max(_largestPointBytes, point.CalculateSize());
        }

        if (_largestPointBytes > 0)
        {
            Next = (int)Math.Clamp(_budgetBytes / _largestPointBytes, 1, _ceiling);
        }
    }

    /// <summary>Halves the page after it overflowed; false when it was already one point, which cannot be split.</summary>
    internal bool Shrink()
    {
        if (Next == 1)
        {
            return false;
        }

        Next = Math.Max(1, Next / 2);
        return true;
    }
}
