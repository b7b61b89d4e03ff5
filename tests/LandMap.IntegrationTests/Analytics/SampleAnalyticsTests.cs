using System.Text;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Analytics;

/// <summary>The analytics over the sample data: the 2014 report table, areas checked independently, the lifecycle rule.</summary>
public sealed class SampleAnalyticsTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact]
    public async Task Every_sample_parcels_state_on_the_datas_reference_date_is_its_recorded_status()
    {
        // The sample describes the zone as of 2016-12-31 (gis-data/README.md); the computed state must agree.
        var mismatches = await server.DataSource.ScalarAsync<long>("""
            select count(*) from parcels p cross join lateral parcel_state_at(p, date '2016-12-31') s
            where s.state is distinct from p.status
            """);
        Assert.Equal(0, mismatches);
        // The halted kind of idle land: 14 parcels, most determined, some disposed of since.
        Assert.Equal(14, await server.DataSource.ScalarAsync<long>(
            "select count(*) from parcels where halted_on is not null and status in ('idle', 'suspected_idle', 'recovered', 'in_use') and actual_completion_on is null"));
    }

    [Theory]
    [InlineData("industrial_land_sold", "sold", "06", 776)]
    [InlineData("unsupplied_unused_cleared", "cleared", null, 4494)]
    [InlineData("low_efficiency_redevelopment_started", "redevelopment_started", null, 1601)]
    [InlineData("stock_land_revitalised", "revitalised", null, 620)]
    [InlineData("tidal_flat_reported", "reported_for_approval", null, 2505)]
    public async Task The_2014_areas_agree_with_geography_with_a_Gauss_Kruger_plane_and_with_the_report(
        string key, string kind, string? landUseClass, double reportMu)
    {
        var report = await _client.GetJsonAsync("api/reports/land-indicators?year=2014");
        var served = report["indicators"]!.AsArray().Single(i => (string)i!["key"]! == key)!;
        // Independent of the service's SQL: geography area and the EPSG:4549 plane area of the same parcels.
        await using var cmd = server.DataSource.CreateCommand("""
            select sum(st_area(p.geom::geography)), sum(st_area(st_transform(p.geom, 4549))), sum(p.area_m2), count(*)
            from parcels p
            where exists (select 1 from parcel_events e where e.parcel_id = p.id and e.kind = $1
                          and e.occurred_on between '2014-01-01' and '2014-12-31')
              and ($2::text is null or p.land_use like $2 || '%')
            """);
        cmd.Parameters.Add(new() { Value = kind });
        cmd.Parameters.Add(new() { Value = (object?)landUseClass ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        double geographyM2 = r.GetDouble(0), planeM2 = r.GetDouble(1), storedM2 = r.GetDouble(2);
        Assert.Equal(r.GetInt64(3), (long)(int)served["parcels"]!);
        Assert.Equal(geographyM2, storedM2, 0.01);
        Assert.Equal(Math.Round(geographyM2, 2), (double)served["areaM2"]!, 0.01);
        // Gauss-Kruger areas are scaled by k^2 (~1.00016 here): well under 0.1 % apart.
        Assert.InRange(planeM2 / geographyM2, 1.0, 1.001);
        var mu = (double)served["areaMu"]!;
        Assert.Equal(geographyM2 / (10000.0 / 15), mu, 0.01);
        Assert.InRange(mu, reportMu * 0.99, reportMu * 1.01);
    }

    [Fact]
    public async Task The_2014_report_table_comes_out_of_the_map_as_csv()
    {
        var bytes = await _client.GetByteArrayAsync("api/reports/land-indicators?year=2014&f=csv");
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("年度,园区,指标,事件,宗数,面积（平方米）,面积（亩）,报告数（亩）", lines[0]);
        foreach (var (name, figure) in new[] { ("出让工业用地", 776), ("清理批而未供、供而未用土地", 4494), ("启动城镇低效用地再开发", 1601),
                                               ("盘活存量建设用地", 620), ("报批荒滩未利用地", 2505) })
        {
            var cells = lines.Single(l => l.StartsWith($"2014,全区,{name},", StringComparison.Ordinal)).Split(',');
            Assert.Equal(figure.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[7]);
            Assert.InRange(double.Parse(cells[6], System.Globalization.CultureInfo.InvariantCulture), figure * 0.99, figure * 1.01);
        }
        // Per park rows follow the zone's (8 parks x 6 indicators).
        Assert.Equal(1 + 6 + 8 * 6, lines.Length);
    }

    [Fact]
    public async Task The_per_park_indicators_add_up_to_the_zone()
    {
        var report = await _client.GetJsonAsync("api/reports/land-indicators?year=2014");
        foreach (var zone in report["indicators"]!.AsArray())
        {
            var key = (string)zone!["key"]!;
            var parks = report["parks"]!.AsArray().Select(p => p!["indicators"]!.AsArray().Single(i => (string)i!["key"]! == key)!).ToList();
            Assert.Equal((int)zone["parcels"]!, parks.Sum(p => (int)p["parcels"]!));
            Assert.Equal((double)zone["areaM2"]!, parks.Sum(p => (double)p["areaM2"]!), 0.1);
        }
    }

    [Fact]
    public async Task Land_use_codes_are_grouped_by_class_with_both_standards()
    {
        var all = await _client.GetJsonAsync("api/land-use-codes");
        var classes = all["classes"]!.AsArray();
        // GB/T 21010's twelve first-level classes, and SEA for the 2023 guide's sea use (0034).
        Assert.Equal(13, classes.Count);
        var industrial = classes.Single(c => (string)c!["classCode"]! == "06")!;
        Assert.Equal("工矿仓储用地", (string)industrial["nameZh"]!);
        var codes = industrial["codes"]!.AsArray().Select(c => (string)c!["code"]!).ToList();
        Assert.Contains("0601", codes);
        Assert.Contains("061", codes);
        var only2007 = await _client.GetJsonAsync("api/land-use-codes?standard=2007");
        Assert.All(only2007["classes"]!.AsArray().SelectMany(c => c!["codes"]!.AsArray()),
            c => Assert.Equal("GB/T 21010-2007", (string)c!["standard"]!));
        using var bad = await _client.GetAsync("api/land-use-codes?standard=1984");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task The_lifecycle_lists_ten_states_and_eighteen_events_with_chinese_names()
    {
        // Eight states of the lifecycle, suspected idle and recovered (the procedure, migration 0029);
        // the seven lifecycle events and the eleven of the supply contract and the idle-land procedure.
        var terms = await _client.GetJsonAsync("api/lifecycle");
        Assert.Equal(10, terms["states"]!.AsArray().Count);
        Assert.Equal(18, terms["events"]!.AsArray().Count);
        Assert.Equal("批而未供", (string)terms["states"]![0]!["nameZh"]!);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_analytics_routes()
    {
        var doc = await _client.GetJsonAsync("openapi/v1.json");
        foreach (var path in new[] { "/api/reports/land-indicators", "/api/reports/land-indicators/series", "/api/reports/parks",
                     "/api/reports/parks/series", "/api/reports/land-use", "/api/supervision/idle-warnings",
                     "/api/parcels/{code}/state", "/api/parcels/states", "/api/land-use-codes", "/api/lifecycle", "/api/vocabulary" })
            Assert.False(string.IsNullOrEmpty((string?)doc["paths"]![path]?["get"]?["summary"]), path);
    }
}
