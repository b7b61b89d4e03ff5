using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>The 2014 land indicators come out of geometry and events and match the work report.</summary>
public sealed class LandIndicatorTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    [Theory]
    [InlineData("industrial_land_sold", 776)]
    [InlineData("unsupplied_unused_cleared", 4494)]
    [InlineData("low_efficiency_redevelopment_started", 1601)]
    [InlineData("stock_land_revitalised", 620)]
    [InlineData("tidal_flat_reported", 2505)]
    public async Task The_2014_indicator_reproduces_the_work_report_within_one_percent(string key, double reportMu)
    {
        var report = await _client.GetJsonAsync("api/reports/land-indicators?year=2014");
        var indicator = report["indicators"]!.AsArray().Single(i => (string)i!["key"]! == key)!;
        var mu = (double)indicator["areaMu"]!;
        Assert.InRange(mu, reportMu * 0.99, reportMu * 1.01);
        Assert.Equal(reportMu, (double)indicator["reportedMu"]!);
        Assert.Equal((double)indicator["areaM2"]! * 15 / 10000, mu, 1);
        Assert.True((int)indicator["parcels"]! > 0);
    }

    [Fact]
    public async Task Indicator_areas_agree_with_a_Gauss_Kruger_plane_computation()
    {
        var report = await _client.GetJsonAsync("api/reports/land-indicators?year=2014");
        // Independent of the service's SQL: sum the plane area in EPSG:4549 (CGCS2000 GK CM 120E).
        await using var cmd = server.DataSource.CreateCommand("""
            select coalesce(sum(st_area(st_transform(p.geom, 4549))), 0) * 15 / 10000
            from parcels p
            where exists (select 1 from parcel_events e where e.parcel_id = p.id and e.kind = 'cleared'
                          and extract(year from e.occurred_on) = 2014)
            """);
        var planeMu = (double)(await cmd.ExecuteScalarAsync())!;
        var served = (double)report["indicators"]!.AsArray().Single(i => (string)i!["key"]! == "unsupplied_unused_cleared")!["areaMu"]!;
        Assert.True(planeMu > 0);
        Assert.InRange(served / planeMu, 0.999, 1.001);
    }

    [Fact]
    public async Task A_year_without_events_reports_zeros()
    {
        var report = await _client.GetJsonAsync("api/reports/land-indicators?year=1995");
        Assert.All(report["indicators"]!.AsArray(), i =>
        {
            Assert.Equal(0, (double)i!["areaMu"]!);
            Assert.Equal(0, (int)i["parcels"]!);
            Assert.Null(i["reportedMu"]);
        });
    }
}
