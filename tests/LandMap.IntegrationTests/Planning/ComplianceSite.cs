using LandMap.Tests.Analytics;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Planning;

/// <summary>The compliance tests share the hand-made land and the hand-made plan (<see cref="CompliancePlan"/>).</summary>
[CollectionDefinition(ComplianceSite.Name)]
public sealed class ComplianceCollection : ICollectionFixture<ComplianceSite>;

/// <summary>The hand-made land plus the hand-made plan (landmap_compliance).</summary>
public sealed class ComplianceSite(LandMapServer server) : HandMadeSite(server, "landmap_compliance")
{
    public const string Name = "compliance";

    /// <summary>A client with a token of <paramref name="role"/>.</summary>
    public Task<HttpClient> CreateClientAsync(string role) => Factory.CreateClientAsync(role);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await CompliancePlan.InsertAsync(DataSource);
    }
}
