using LandMap.Tests.Analytics;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Planning;

/// <summary>A hand-made site (a database of its own: the tests write) with a surveyor's client (may
/// write parcels) and an admin's (may override the planning gate).</summary>
public abstract class SurveyorAdminSite(LandMapServer server, string database) : HandMadeSite(server, database)
{
    public HttpClient Surveyor { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Surveyor = await Factory.CreateClientAsync("surveyor", "parcels");
        Admin = await Factory.CreateClientAsync("admin");
    }

    public override async ValueTask DisposeAsync()
    {
        Surveyor?.Dispose();
        Admin?.Dispose();
        await base.DisposeAsync();
    }
}
