using LandMap.Tests.Trust;

namespace LandMap.Tests.Web;

/// <summary>The sign-in tests' site (anonymous read off), defined in this assembly as xunit requires.</summary>
[CollectionDefinition(Name)]
public sealed class ClosedSiteCollection : ICollectionFixture<ClosedSite>
{
    public const string Name = "trust-closed";
}
