using Google.Protobuf;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Qdrant;

namespace RpmKernel.Storage.Tests.Qdrant;

/// <summary>Page sizes from point sizes: half the receive limit over the largest point seen, within the ceilings, halved on overflow.</summary>
public sealed class QdrantPageBudgetTests
{
    private const int FourMb = 4 * 1024 * 1024;

    [Fact]
    public void The_next_page_holds_as_many_of_the_largest_point_seen_as_fit_in_half_the_limit()
    {
        var budget = new QdrantPageBudget(FourMb, first: 64, maxQueryLimit: null);
        var small = Point(1_000);
        var large = Point(100_000);

        budget.Observe([small, large, small]);

        Assert.Equal(FourMb / 2 / large.CalculateSize(), budget.Next);
        budget.Observe([small]);
        Assert.Equal(FourMb / 2 / large.CalculateSize(), budget.Next);
    }

    [Fact]
    public void Pages_stay_within_the_strict_mode_limit_and_the_point_ceiling()
    {
        var strict = new QdrantPageBudget(FourMb, first: 64, maxQueryLimit: 10);
        var open = new QdrantPageBudget(FourMb, first: 64, maxQueryLimit: null);

        strict.Observe([Point(10)]);
        open.Observe([Point(10)]);

        Assert.Equal(10, strict.Next);
        Assert.Equal(QdrantPageBudget.MaxPoints, open.Next);
    }

    [Fact]
    public void An_overflowing_page_is_halved_down_to_one_point_and_no_further()
    {
        var budget = new QdrantPageBudget(FourMb, first: 5, maxQueryLimit: null);

        Assert.Equal([true, true, false], new[] { budget.Shrink(), budget.Shrink(), budget.Shrink() });
        Assert.Equal(1, budget.Next);
    }

    private static RetrievedPoint Point(int payloadBytes)
        => new() { Id = new PointId { Uuid = Guid.NewGuid().ToString("D") }, Payload = { ["Answer"] = new string('x', payloadBytes) } };
}
