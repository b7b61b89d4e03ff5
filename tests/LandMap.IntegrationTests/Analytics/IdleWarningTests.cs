using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Analytics;

/// <summary>Idle-land early warnings on the hand-made parcels on D = 2020-06-30.</summary>
[Collection(AnalyticsSite.Name)]
public sealed class IdleWarningTests(AnalyticsSite site)
{
    private static List<string> Codes(JsonNode list) => [.. list.AsArray().Select(w => (string)w!["code"]!)];

    [Fact]
    public async Task Within_30_days_lists_the_parcels_idle_from_tomorrow_and_the_idle_ones_with_how_long()
    {
        var r = await site.Client.GetJsonAsync("api/supervision/idle-warnings?date=2020-06-30&within=30");
        // T1-B (agreed start 2019-06-30) and T1-F (halted 2019-06-30) are idle from 2020-07-01.
        Assert.Equal(["T1-B", "T1-F"], Codes(r["becomingIdle"]!));
        Assert.All(r["becomingIdle"]!.AsArray(), w =>
        {
            Assert.Equal("2020-07-01", (string)w!["idleOn"]!);
            Assert.Equal(1, (int)w["days"]!);
            Assert.Equal(30, (int)w["within"]!);
        });
        Assert.Equal(["not_started", "halted"], r["becomingIdle"]!.AsArray().Select(w => (string)w!["rule"]!));
        // Idle: T1-R since 2017-06-02, then T1-C (agreed start 2019-06-29), T1-D and T1-G (halted 2019-06-29) since D itself.
        Assert.Equal(["T1-R", "T1-C", "T1-D", "T1-G"], Codes(r["idle"]!));
        var days = r["idle"]!.AsArray().Select(w => (int)w!["days"]!).ToList();
        Assert.Equal([HandMadeLand.D.DayNumber - new DateOnly(2017, 6, 2).DayNumber, 0, 0, 0], days);
        // Not listed: T1-E (exactly 1/3 built and 25 % invested), T1-Q (idle only in 46 days).
        Assert.DoesNotContain("T1-E", Codes(r["idle"]!).Concat(Codes(r["becomingIdle"]!)));
        Assert.Equal(2, (int)r["totals"]!["within30"]!["parcels"]!);
        Assert.Equal(4, (int)r["totals"]!["idle"]!["parcels"]!);
        var idleMu = (double)r["totals"]!["idle"]!["areaMu"]!;
        Assert.Equal(HandMadeLand.Units("T1-R", "T1-C", "T1-D", "T1-G") * HandMadeLand.UnitMu, idleMu, 0.05);
    }

    [Fact]
    public async Task Within_60_and_90_days_add_the_parcel_idle_in_46_days()
    {
        foreach (var within in new[] { 60, 90 })
        {
            var r = await site.Client.GetJsonAsync($"api/supervision/idle-warnings?date=2020-06-30&within={within}");
            Assert.Equal(["T1-B", "T1-F", "T1-Q"], Codes(r["becomingIdle"]!));
            var q = r["becomingIdle"]![2]!;
            Assert.Equal("2020-08-15", (string)q["idleOn"]!);
            Assert.Equal(46, (int)q["days"]!);
            Assert.Equal(60, (int)q["within"]!);
            Assert.Equal(2, (int)r["totals"]!["within30"]!["parcels"]!);
            Assert.Equal(3, (int)r["totals"]!["within60"]!["parcels"]!);
        }
        var d90 = await site.Client.GetJsonAsync("api/supervision/idle-warnings?date=2020-06-30&within=90");
        Assert.Equal(3, (int)d90["totals"]!["within90"]!["parcels"]!);
    }

    [Fact]
    public async Task The_rules_in_force_are_the_default_settings_and_park_narrows_the_list()
    {
        var r = await site.Client.GetJsonAsync("api/supervision/idle-warnings?date=2020-06-30&park=P-T2");
        Assert.Equal(1, (int)r["rules"]!["notStartedYears"]!);
        Assert.Equal(1, (int)r["rules"]!["haltedYears"]!);
        Assert.Equal("1/3", (string)r["rules"]!["builtAreaShare"]!);
        Assert.Equal("1/4", (string)r["rules"]!["investmentShare"]!);
        Assert.Empty(r["idle"]!.AsArray());
        Assert.Empty(r["becomingIdle"]!.AsArray());
    }

    [Theory]
    [InlineData("within=45", "within")]
    [InlineData("park=P-NONE", "park")]
    [InlineData("date=30.06.2020", "date")]
    [InlineData("f=pdf", "f")]
    public async Task Bad_parameters_are_400_problems_naming_them(string query, string parameter)
    {
        using var response = await site.Client.GetAsync("api/supervision/idle-warnings?" + query);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(parameter, (string)problem["parameter"]!);
    }
}
