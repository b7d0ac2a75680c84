using System.Linq.Expressions;
using Microsoft.Extensions.VectorData.ProviderServices;
using Qdrant.Client.Grpc;
using RpmKernel.Storage.Qdrant;
using RpmKernel.Storage.Records;

namespace RpmKernel.Storage.Tests.Qdrant;

public sealed class QdrantFilterTranslatorTests
{
    private static readonly CollectionModel Usage = new QdrantModelBuilder().Build(typeof(UsageRowEntity), typeof(Guid), null, null);

    private static Filter Translate(Expression<Func<UsageRowEntity, bool>> filter) => QdrantFilterTranslator.Translate(filter, Usage);

    [Fact]
    public void The_user_and_task_scope_becomes_two_keyword_matches_with_captured_values()
    {
        var (user, task) = ("alice", "lamp2");

        QdrantRequestTests.AssertUserAndTask(Translate(e => e.UserId == user && e.Task == task), "alice", "lamp2");
    }

    [Fact]
    public void True_matches_everything_with_an_empty_filter()
    {
        var filter = Translate(e => true);

        Assert.Empty(filter.Must);
        Assert.Empty(filter.Should);
        Assert.Empty(filter.MustNot);
    }

    [Fact]
    public void Scalars_match_by_their_stored_type()
    {
        var key = Guid.NewGuid();
        var filter = Translate(e => e.InputTokens == 5 && e.CacheHit == true && e.LatencyMs == 1.5 && e.Key == key && e.Model == null);

        Assert.Equal(5, filter.Must[0].Field.Match.Integer);
        Assert.True(filter.Must[1].Field.Match.Boolean);
        Assert.Equal((1.5, 1.5), (filter.Must[2].Field.Range.Gte, filter.Must[2].Field.Range.Lte));
        Assert.Equal(key.ToString("D"), Assert.Single(filter.Must[3].HasId.HasId).Uuid);
        Assert.Equal("Model", filter.Must[4].IsNull.Key);
    }

    [Fact]
    public void Contains_over_a_list_matches_any_of_its_values()
    {
        string[] tasks = ["lamp2", "lamp3"];
        var filter = Translate(e => tasks.Contains(e.Task));

        var condition = Assert.Single(filter.Must).Field;
        Assert.Equal("Task", condition.Key);
        Assert.Equal(tasks, condition.Match.Keywords.Strings);
    }

    [Fact]
    public void Anything_else_is_refused_rather_than_filtered_less_than_asked()
    {
        Expression<Func<UsageRowEntity, bool>>[] unsupported =
        [
            e => e.UserId == "a" || e.UserId == "b",
            e => e.UserId != "a",
            e => !(e.Task == "t"),
            e => e.UserId.StartsWith('a'),
            e => e.InputTokens > 3,
            e => false,
        ];

        Assert.All(unsupported, filter =>
        {
            var ex = Assert.Throws<NotSupportedException>(() => Translate(filter));
            Assert.Contains("cannot be translated to a Qdrant filter", ex.Message);
        });
    }
}
