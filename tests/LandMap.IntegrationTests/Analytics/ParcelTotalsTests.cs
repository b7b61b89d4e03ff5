using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Analytics;

/// <summary>
/// /api/parcels/totals: the map's legend and filter totals are the server's sums by the state
/// shown on a date (parcel_state_at, the recorded status where none) over the parcels a CQL2
/// filter (the items' own parser, so <c>state</c> is the state on that date) and a bbox select.
/// </summary>
public sealed class ParcelTotalsTests(LandMapServer server, ITestOutputHelper output)
{
    private readonly HttpClient _client = server.CreateClient();

    /// <summary>The SQL the answer must equal: shown state on {date} of the parcels where {condition}
    /// (written over p and its state s).</summary>
    private async Task<Dictionary<string, (int N, double M2)>> ExpectedAsync(string date, string condition)
    {
        await using var cmd = server.DataSource.CreateCommand($"""
            select coalesce(s.state, p.status), count(*)::int, sum(p.area_m2)::float8
            from parcels p cross join lateral parcel_state_at(p, date '{date}') s
            where {condition} group by 1
            """);
        var expected = new Dictionary<string, (int, double)>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) expected[r.GetString(0)] = (r.GetInt32(1), r.GetDouble(2));
        return expected;
    }

    private static void AssertTotals(Dictionary<string, (int N, double M2)> expected, System.Text.Json.Nodes.JsonNode served)
    {
        var totals = served["totals"]!.AsArray().ToDictionary(t => (string)t!["state"]!, t => t!);
        Assert.Equal(expected.Keys.Order(), totals.Keys.Order());
        foreach (var (state, (n, m2)) in expected)
        {
            Assert.Equal(n, (int)totals[state]["parcels"]!);
            Assert.Equal(m2, (double)totals[state]["areaM2"]!, 0.01);
            Assert.Equal(m2 * 15 / 10000, (double)totals[state]["areaMu"]!, 0.006);
        }
        Assert.Equal(expected.Values.Sum(v => v.N), (int)served["parcels"]!);
    }

    [Theory]
    [InlineData("2012-12-31")]
    [InlineData("2016-12-31")]
    public async Task Totals_equal_sql_over_parcel_state_at_with_the_same_filter(string date)
    {
        // The state term is the state on the asked date, not today's: the map's year.
        var filter = "park_code IN ('P-BH','P-DS') AND state IN ('idle','in_use','supplied_unused')";
        var served = await _client.GetJsonAsync($"api/parcels/totals?date={date}&filter={Uri.EscapeDataString(filter)}");
        var expected = await ExpectedAsync(date, "p.park_code in ('P-BH','P-DS') and s.state in ('idle','in_use','supplied_unused')");
        Assert.NotEmpty(expected);
        AssertTotals(expected, served);
        Assert.Equal(date, (string)served["date"]!);
    }

    [Fact]
    public async Task Without_a_filter_every_parcel_counts_once_and_a_bbox_narrows_by_the_index()
    {
        AssertTotals(await ExpectedAsync("2016-12-31", "true"), await _client.GetJsonAsync("api/parcels/totals?date=2016-12-31"));
        var box = await server.DataSource.ScalarAsync<string>(
            "select concat_ws(',', st_xmin(e), st_ymin(e), (st_xmin(e) + st_xmax(e)) / 2, (st_ymin(e) + st_ymax(e)) / 2) from (select st_extent(geom) e from parcels) x");
        var served = await _client.GetJsonAsync($"api/parcels/totals?date=2016-12-31&bbox={box}");
        var expected = await ExpectedAsync("2016-12-31",
            $"st_intersects(p.geom, st_makeenvelope({box}, 4490))");
        Assert.InRange(expected.Values.Sum(v => v.N), 1, 1048);
        AssertTotals(expected, served);
    }

    [Fact]
    public async Task Totals_with_a_state_filter_take_under_100_ms()
    {
        var url = "api/parcels/totals?date=2015-12-31&filter=" + Uri.EscapeDataString("state IN ('idle','in_use') AND land_use LIKE '1%'");
        var times = await _client.TimesMsAsync(url);
        output.WriteLine("parcels/totals " + ResponseTimes.Describe(times));
        Assert.True(times[2] < 100, $"median {times[2]:0.0} ms");
    }
}
