using RpmKernel.AspNetCore.UserPage;
using RpmKernel.Core.Records;
using RpmKernel.Core.Scopes;

namespace RpmKernel.AspNetCore.Tests.UserPage;

public sealed class RecentAnswersTests
{
    [Fact]
    public void Keeps_the_newest_answers_per_user_first_and_forgets_a_user_on_request()
    {
        var recent = new RecentAnswers(TimeProvider.System);
        var alice = new RpmScope("acme:alice", "lamp2");
        var bob = new RpmScope("acme:bob", "lamp2");
        for (var i = 0; i < RecentAnswers.PerUser + 3; i++)
        {
            recent.Add(alice, "http", $"q{i}", Answer($"a{i}"));
        }

        recent.Add(bob, "mcp", query: null, Answer("b"));

        var kept = recent.Of(alice);
        Assert.Equal(RecentAnswers.PerUser, kept.Count);
        Assert.Equal($"a{RecentAnswers.PerUser + 2}", kept[0].Answer);
        Assert.Equal("a3", kept[^1].Answer);
        Assert.Equal("b", Assert.Single(recent.Of(bob)).Answer);
        Assert.Empty(recent.Of(new RpmScope("globex:alice", "lamp2")));

        recent.Forget("acme:alice");
        Assert.Empty(recent.Of(alice));
        Assert.Single(recent.Of(bob));
    }

    [Fact]
    public void Drops_the_least_recently_answered_user_past_the_bound()
    {
        var recent = new RecentAnswers(TimeProvider.System);
        for (var i = 0; i <= RecentAnswers.MaxUsers; i++)
        {
            recent.Add(new RpmScope($"t:u{i}", "lamp2"), "http", null, Answer("x"));
        }

        Assert.Empty(recent.Of(new RpmScope("t:u0", "lamp2")));
        Assert.Single(recent.Of(new RpmScope("t:u1", "lamp2")));
        Assert.Single(recent.Of(new RpmScope($"t:u{RecentAnswers.MaxUsers}", "lamp2")));
    }

    private static PersonalizedAnswer Answer(string answer) => new()
    {
        Answer = answer,
        Reasoning = "r",
        Factors = [],
        Examples = [new ExampleReference("i1", 0.5)],
        PromptVersions = new Dictionary<string, string>(),
        Usage = TokenUsage.None,
    };
}
