namespace RpmKernel.Packaging.Tests.Support;

/// <summary>The tests that share one <see cref="PackedFeed"/>; they run one after another (each builds or installs).</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedGroup : ICollectionFixture<PackedFeed>
{
    public const string Name = "Packed feed";
}
