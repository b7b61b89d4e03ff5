using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Analytics;

/// <summary>The analytics tests share one hand-made data set (see <see cref="HandMadeLand"/>).</summary>
[CollectionDefinition(AnalyticsSite.Name)]
public sealed class AnalyticsCollection : ICollectionFixture<AnalyticsSite>;

/// <summary>The hand-made land for the read-only analytics tests (landmap_analytics).</summary>
public sealed class AnalyticsSite(LandMapServer server) : HandMadeSite(server, "landmap_analytics")
{
    public const string Name = "analytics";
}
