using RpmKernel.Core.Features;

namespace RpmKernel.Core.Tests.Features;

public class FeatureTextTests
{
    [Fact]
    public void Compose_joins_name_and_context_of_each_feature_with_semicolons()
    {
        var features = new[]
        {
            new Feature("time travel", "a scientist travels to 1885", "genre"),
            new Feature("humor", "slapstick scenes", "tone"),
        };

        Assert.Equal("time travel: a scientist travels to 1885; humor: slapstick scenes", FeatureText.Compose(features));
    }

    [Fact]
    public void Compose_trims_parts_and_skips_features_without_name_and_context()
    {
        var features = new[]
        {
            new Feature("  time travel ", "\ta scientist\n", "genre"),
            new Feature(" ", "", "tone"),
            new Feature("humor", "slapstick", "tone"),
        };

        Assert.Equal("time travel: a scientist; humor: slapstick", FeatureText.Compose(features));
    }

    [Fact]
    public void Compose_uses_the_present_part_alone_when_the_other_is_empty()
    {
        var features = new[] { new Feature("romance", " ", "genre"), new Feature("", "set in Paris", "place") };

        Assert.Equal("romance; set in Paris", FeatureText.Compose(features));
    }

    [Fact]
    public void Compose_of_no_features_is_empty()
    {
        Assert.Equal("", FeatureText.Compose([]));
        Assert.Equal("", FeatureText.Compose([new Feature("", " ", "x")]));
    }

    [Fact]
    public void Compose_rejects_a_null_list()
    {
        Assert.Throws<ArgumentNullException>(() => FeatureText.Compose(null!));
    }
}
