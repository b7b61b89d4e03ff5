namespace LandMap.Tests.Trust;

// Collection definitions live in the test assembly that uses them (xunit looks for them there);
// the sites themselves are shared (LandMap.Testing/Trust/TrustSites.cs).

[CollectionDefinition(Name)]
public sealed class ClosedSiteCollection : ICollectionFixture<ClosedSite>
{
    public const string Name = "trust-closed";
}

[CollectionDefinition(Name)]
public sealed class LimitedSiteCollection : ICollectionFixture<LimitedSite>
{
    public const string Name = "trust-limited";
}
