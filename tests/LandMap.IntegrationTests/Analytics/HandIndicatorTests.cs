using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Analytics;

/// <summary>
/// The land indicators and the park evaluation on the hand-made parcels, each answer worked out
/// by hand in units of 100 m x 100 m (15 mu on the plane; the ellipsoid differs by k^2 ~ 0.016 %).
/// </summary>
[Collection(AnalyticsSite.Name)]
public sealed class HandIndicatorTests(AnalyticsSite site)
{
    /// <summary>Units to mu, with room for the Gauss-Kruger scale (0.02 %).</summary>
    private static void AssertUnits(int units, JsonNode mu) =>
        Assert.InRange((double)mu!, units * HandMadeLand.UnitMu * 0.9997, units * HandMadeLand.UnitMu * 1.0001 + 0.01);

    private static JsonNode Indicator(JsonNode list, string key) => list.AsArray().Single(i => (string)i!["key"]! == key)!;

    [Theory]
    // sold in 2019, industrial (06) only: A (2), B (1), Q (1) in T1 and N (2) in T2; C is logistics land (05).
    [InlineData("industrial_land_sold", 4, 6, 3, 4, 1, 2)]
    [InlineData("unsupplied_unused_cleared", 1, 2, 1, 2, 0, 0)]          // H
    [InlineData("low_efficiency_redevelopment_started", 1, 1, 1, 1, 0, 0)] // I
    [InlineData("stock_land_revitalised", 1, 1, 1, 1, 0, 0)]            // J
    [InlineData("tidal_flat_reported", 1, 4, 1, 4, 0, 0)]               // K (L was reported in 2018)
    [InlineData("land_reclaimed", 1, 2, 1, 2, 0, 0)]                    // L
    public async Task The_2019_indicators_count_each_parcel_once_per_park_and_in_total(
        string key, int parcels, int units, int t1Parcels, int t1Units, int t2Parcels, int t2Units)
    {
        var r = await site.Client.GetJsonAsync("api/reports/land-indicators?year=2019");
        var zone = Indicator(r["indicators"]!, key);
        Assert.Equal(parcels, (int)zone["parcels"]!);
        AssertUnits(units, zone["areaMu"]!);
        Assert.Null(zone["reportedMu"]);
        var parks = r["parks"]!.AsArray();
        Assert.Equal(["P-T1", "P-T2"], parks.Select(p => (string)p!["park"]!));
        var t1 = Indicator(parks[0]!["indicators"]!, key);
        var t2 = Indicator(parks[1]!["indicators"]!, key);
        Assert.Equal(t1Parcels, (int)t1["parcels"]!);
        AssertUnits(t1Units, t1["areaMu"]!);
        Assert.Equal(t2Parcels, (int)t2["parcels"]!);
        AssertUnits(t2Units, t2["areaMu"]!);

        var onePark = await site.Client.GetJsonAsync("api/reports/land-indicators?year=2019&park=P-T2");
        Assert.Equal("P-T2", (string)onePark["park"]!);
        Assert.Equal(t2Parcels, (int)Indicator(onePark["indicators"]!, key)["parcels"]!);
        Assert.Single(onePark["parks"]!.AsArray());
    }

    [Fact]
    public async Task The_series_gives_each_year_and_agrees_with_the_single_years()
    {
        var s = await site.Client.GetJsonAsync("api/reports/land-indicators/series?from=2015&to=2020");
        var sold = s["indicators"]!.AsArray().Single(i => (string)i!["key"]! == "industrial_land_sold")!["values"]!.AsArray();
        Assert.Equal([2015, 2016, 2017, 2018, 2019, 2020], sold.Select(v => (int)v!["year"]!));
        // 2015: D (3 units), E, F, G = 6 units; 2016: R; 2019: A, B, Q, N; the other years none.
        Assert.Equal([4, 1, 0, 0, 4, 0], sold.Select(v => (int)v!["parcels"]!));
        AssertUnits(6, sold[0]!["areaMu"]!);
        AssertUnits(1, sold[1]!["areaMu"]!);
        var reported = s["indicators"]!.AsArray().Single(i => (string)i!["key"]! == "tidal_flat_reported")!["values"]!.AsArray();
        Assert.Equal([0, 0, 0, 1, 1, 0], reported.Select(v => (int)v!["parcels"]!)); // L 2018, K 2019
        var year = await site.Client.GetJsonAsync("api/reports/land-indicators?year=2019");
        Assert.Equal((double)Indicator(year["indicators"]!, "industrial_land_sold")["areaM2"]!, (double)sold[4]!["areaM2"]!);
    }

    [Fact]
    public async Task The_park_evaluation_on_D_matches_the_hand_count()
    {
        var r = await site.Client.GetJsonAsync("api/reports/parks?date=2020-06-30");
        var t1 = r["parks"]!.AsArray().Single(p => (string)p!["park"]! == "P-T1")!;
        // Supplied by D: A B C D E F G I J M Q R = 15 units; approved also H (2): 17; park 100 units.
        AssertUnits(100, t1["parkAreaMu"]!);
        AssertUnits(17, t1["approvedMu"]!);
        AssertUnits(15, t1["suppliedMu"]!);
        AssertUnits(4, t1["builtMu"]!);                 // completed: A (2), I, M
        AssertUnits(4, t1["awaitingConstructionMu"]!);  // not started: B, C, Q, R
        AssertUnits(6, t1["idleMu"]!);                  // C, D (3), G, R
        AssertUnits(2, t1["approvedUnsuppliedMu"]!);    // H
        Assert.Equal(0.17, (double)t1["developmentRate"]!, 4);
        Assert.Equal(Math.Round(15.0 / 17, 4), (double)t1["supplyRate"]!, 4);
        Assert.Equal(Math.Round(4.0 / 15, 4), (double)t1["builtUpRate"]!, 4);
        // Completed industrial: A 2 units at 2.0, I at 0.6, M at 0.8 -> (4 + 0.6 + 0.8) / 4.
        Assert.Equal(1.35, (double)t1["industrialPlotRatio"]!, 2);
        // Their investment 1200 + 300 + 400 万元 over 4 units (60 mu).
        Assert.Equal(1900.0 / 60, (double)t1["investmentPerMuWan"]!, 0.02);

        var zone = r["zone"]!;
        Assert.Null(zone["park"]);
        AssertUnits(125, zone["parkAreaMu"]!);
        Assert.Equal(Math.Round(20.0 / 125, 4), (double)zone["developmentRate"]!, 4);  // + N (2), O (1)
        Assert.Equal(Math.Round(18.0 / 20, 4), (double)zone["supplyRate"]!, 4);
        Assert.Equal(Math.Round(4.0 / 18, 4), (double)zone["builtUpRate"]!, 4);
    }

    [Fact]
    public async Task The_evaluation_series_takes_each_year_end()
    {
        var s = await site.Client.GetJsonAsync("api/reports/parks/series?from=2018&to=2019&park=P-T1");
        var years = s["years"]!.AsArray();
        Assert.Equal([2018, 2019], years.Select(y => (int)y!["year"]!));
        // 2018-12-31: supplied D (3) E F G I J M R = 10 units; approved before supply: A (2, 2018-10-01) and C (2018-12-01).
        var e2018 = years[0]!["evaluation"]!;
        AssertUnits(10, e2018["suppliedMu"]!);
        AssertUnits(13, e2018["approvedMu"]!);
        AssertUnits(2, e2018["builtMu"]!); // I, M
        // Idle at 2018-12-31: J (never started, before its revitalisation) and R.
        AssertUnits(2, e2018["idleMu"]!);
    }

    [Fact]
    public async Task Land_use_statistics_group_by_the_code_class_and_state()
    {
        var r = await site.Client.GetJsonAsync("api/reports/land-use?date=2020-06-30&park=P-T1");
        var classes = r["classes"]!.AsArray();
        Assert.Equal(["05", "06", "07", "11", "12"], classes.Select(c => (string)c!["classCode"]!));
        var industrial = classes.Single(c => (string)c!["classCode"]! == "06")!;
        Assert.Equal("工矿仓储用地", (string)industrial["nameZh"]!);
        Assert.Equal(11, (int)industrial["parcels"]!); // A B D E F G I J M Q R
        AssertUnits(14, industrial["areaMu"]!);
        var states = industrial["states"]!.AsArray().ToDictionary(s => (string?)s!["state"] ?? "", s => (int)s!["parcels"]!);
        Assert.Equal(new Dictionary<string, int>
        {
            ["supplied_unused"] = 2, ["suspected_idle"] = 2, ["idle"] = 1, ["in_use"] = 4, ["under_used"] = 1, ["low_efficiency"] = 1,
        }, states);
    }
}
