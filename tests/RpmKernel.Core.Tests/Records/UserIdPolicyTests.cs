using RpmKernel.Core.Errors;
using RpmKernel.Core.Records;

namespace RpmKernel.Core.Tests.Records;

/// <summary>One spelling per user (issue 12, finding 9): trim + NFC, compatibility forms refused.</summary>
public sealed class UserIdPolicyTests
{
    [Theory]
    [InlineData(" alice ", "alice")]
    [InlineData("\talice", "alice")]
    [InlineData("Jos\u0065\u0301", "Jos\u00e9")]
    [InlineData("Jos\u00e9", "Jos\u00e9")]
    [InlineData("Alice", "Alice")]
    public void Spellings_of_one_id_reach_the_same_user(string given, string canonical) =>
        Assert.Equal(canonical, UserIdPolicy.Canonical(given, 512));

    [Theory]
    [InlineData("\uFF41lice", "compatibility characters")]
    [InlineData("\uFB01sh", "compatibility characters")]
    [InlineData("ali\nce", "control character")]
    [InlineData("   ", "is empty")]
    public void Ids_that_would_silently_be_another_spelling_are_refused(string given, string problem)
    {
        var error = Assert.Throws<RpmInputException>(() => UserIdPolicy.Canonical(given, 512));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_id_over_the_limit_is_refused_without_echoing_it()
    {
        var id = new string('u', 513);

        var error = Assert.Throws<RpmInputException>(() => UserIdPolicy.Canonical(id, 512));

        Assert.Contains("513 characters; the limit is 512 (Rpm:Limits:MaxIdCharacters)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(id, error.Message, StringComparison.Ordinal);
    }
}
