using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Planning;

/// <summary>
/// "As planned on date D" (issue 16): a plan zone's temporal geometry is the interval
/// [approved_on, repealed_on), so OGC API - Features <c>datetime</c> (Part 1 /req/core/fc-time-response:
/// an instant inside the interval, an interval intersecting it) answers which edition was in force.
/// Two editions of the same area, the older repealed on the day the newer was approved, written by SQL
/// on the write server's database in an empty corner of the zone (120.56E, 28.10N), which also shows a
/// plan zone written without its edition getting the planning classification that has its code.
/// </summary>
public sealed class PlanZoneEditionsTests(LandMapServer server)
{
    private static readonly string Tag = Guid.NewGuid().ToString("N")[..6];
    private static readonly string Old = $"ED-{Tag}-2012", New = $"ED-{Tag}-2016";

    private async Task<HttpClient> ClientAsync()
    {
        var ws = await server.WriteServerAsync();
        // Both editions over the same 100 m square; no land_use_edition given (the trigger supplies it).
        await using var insert = ws.DataSource.CreateCommand($"""
            insert into plan_zones (code, plan_name, edition, approved_on, repealed_on, land_use, plot_ratio_max, geom)
            select v.code, '测试控规', v.edition, v.approved::date, v.repealed::date, v.land_use, 2.0,
                   st_multi(st_makeenvelope(120.56, 28.10, 120.561, 28.101, 4490))
            from (values ('{Old}', '2012版', '2012-05-18', '2016-09-30', 'M2'),
                         ('{New}', '2016修编', '2016-09-30', null, '0902')) as v (code, edition, approved, repealed, land_use)
            on conflict (code) do nothing
            """);
        await insert.ExecuteNonQueryAsync();
        return ws.CreateClient();
    }

    private async Task<string[]> CodesAsync(HttpClient client, string datetime)
    {
        var page = await client.GetJsonAsync(
            $"ogc/collections/plan_zones/items?datetime={Uri.EscapeDataString(datetime)}&filter={Uri.EscapeDataString($"code LIKE 'ED-{Tag}-%'")}&limit=10");
        return page["features"]!.AsArray().Select(f => (string)f!["properties"]!["code"]!).Order(StringComparer.Ordinal).ToArray();
    }

    [Theory]
    [InlineData("2012-05-17", "")]                          // before the first edition
    [InlineData("2012-05-18", "2012")]                      // its first day
    [InlineData("2016-09-29", "2012")]                      // its last day
    [InlineData("2016-09-30", "2016")]                      // the revision's first day: the older is repealed
    [InlineData("2016-09-29T16:00:00Z", "2016")]            // midnight of 2016-09-30 in the zone (UTC+8)
    [InlineData("2016-09-29T15:59:59Z", "2012")]            // a second earlier
    [InlineData("2030-01-01", "2016")]                      // still in force
    [InlineData("2016-01-01/2016-12-31", "2012,2016")]      // an interval meeting both
    [InlineData("../2016-09-29", "2012")]
    [InlineData("2016-09-30/..", "2016")]
    [InlineData("2000-01-01/2012-05-17", "")]
    public async Task Datetime_selects_the_editions_in_force_on_the_day_or_during_the_interval(string datetime, string expected)
    {
        var client = await ClientAsync();
        var want = expected.Length == 0 ? [] : expected.Split(',').Select(y => $"ED-{Tag}-{y}").ToArray();
        Assert.Equal(want, await CodesAsync(client, datetime));
    }

    [Fact]
    public async Task A_zone_written_without_its_edition_gets_the_planning_classification_that_has_the_code()
    {
        await ClientAsync();
        var ws = await server.WriteServerAsync();
        // M2 is only GB 50137's; 0902 (商务金融用地) is the 2023 guide's, never GB/T 21010's 0902 of another meaning.
        Assert.Equal("GB 50137-2011", await ws.DataSource.ScalarAsync<string>($"select land_use_edition from plan_zones where code = '{Old}'"));
        Assert.Equal("用地用海分类指南-2023", await ws.DataSource.ScalarAsync<string>($"select land_use_edition from plan_zones where code = '{New}'"));
    }

    [Fact]
    public async Task The_collection_declares_its_temporal_extent_as_the_editions_intervals()
    {
        var doc = await server.CreateClient().GetJsonAsync("ogc/collections/plan_zones");
        var temporal = doc["extent"]!["temporal"]!;
        var interval = temporal["interval"]![0]!.AsArray();
        var first = await server.DataSource.ScalarAsync<DateOnly>("select min(approved_on) from plan_zones");
        Assert.Equal($"{first:yyyy-MM-dd}T00:00:00+08:00", (string?)interval[0]);
        // Zones still in force: the interval is open at its end (Part 1: null).
        Assert.Null(interval[1]);
        Assert.Equal("approved_on", (string?)temporal["property"]);
        Assert.Equal("repealed_on", (string?)temporal["endProperty"]);
        Assert.Equal("http://www.opengis.net/def/uom/ISO-8601/0/Gregorian", (string?)temporal["trs"]);
    }
}
