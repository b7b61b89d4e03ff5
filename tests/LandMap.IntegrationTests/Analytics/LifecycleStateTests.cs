using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Analytics;

/// <summary>
/// Each state transition of the lifecycle on the hand-made parcels, through
/// /api/parcels/{code}/state: the day before and the day of each event or threshold.
/// </summary>
[Collection(AnalyticsSite.Name)]
public sealed class LifecycleStateTests(AnalyticsSite site)
{
    private async Task<(string? State, string? Rule, string? IdleOn)> StateAsync(string code, string date)
    {
        var s = await site.Client.GetJsonAsync($"api/parcels/{code}/state?date={date}");
        Assert.Equal(code, (string)s["code"]!);
        Assert.Equal(date, (string)s["date"]!);
        return ((string?)s["state"], (string?)s["idleRule"], (string?)s["idleOn"]);
    }

    [Theory]
    // not yet approved -> approved_unsupplied (approved 2019-02-01)
    [InlineData("T1-H", "2019-01-31", null)]
    [InlineData("T1-H", "2019-02-01", "approved_unsupplied")]
    // approved_unsupplied -> supplied_unused (sold 2019-05-10)
    [InlineData("T1-B", "2019-05-09", "approved_unsupplied")]
    [InlineData("T1-B", "2019-05-10", "supplied_unused")]
    // supplied_unused -> in_use (started 2019-08-01)
    [InlineData("T1-A", "2019-07-31", "supplied_unused")]
    [InlineData("T1-A", "2019-08-01", "in_use")]
    // completed at full intensity: still in_use
    [InlineData("T1-A", "2020-06-30", "in_use")]
    // in_use -> under_used when completed below the agreed plot ratio (2012-01-01)
    [InlineData("T1-M", "2011-12-31", "in_use")]
    [InlineData("T1-M", "2012-01-01", "under_used")]
    // under_used -> low_efficiency (redevelopment started 2019-04-01)
    [InlineData("T1-I", "2019-03-31", "under_used")]
    [InlineData("T1-I", "2019-04-01", "low_efficiency")]
    // idle (never started) -> revitalised 2019-10-01: supplied_unused again -> started 2020-01-15: in_use
    [InlineData("T1-J", "2019-09-30", "suspected_idle")]
    [InlineData("T1-J", "2019-10-01", "supplied_unused")]
    [InlineData("T1-J", "2020-01-15", "in_use")]
    // unused_tidal_flat -> reclaimed (2019-12-01); a flat stays a flat when reported for approval
    [InlineData("T1-L", "2019-11-30", "unused_tidal_flat")]
    [InlineData("T1-L", "2019-12-01", "reclaimed")]
    [InlineData("T1-K", "2019-10-31", "unused_tidal_flat")]
    [InlineData("T1-K", "2019-11-01", "unused_tidal_flat")]
    // allocated land is supplied like sold land
    [InlineData("T2-O", "2019-07-31", "approved_unsupplied")]
    [InlineData("T2-O", "2019-08-01", "supplied_unused")]
    public async Task A_parcel_moves_between_states_on_the_day_of_its_event(string code, string date, string? expected)
    {
        var (state, _, _) = await StateAsync(code, date);
        Assert.Equal(expected, state);
    }

    [Fact]
    public async Task Not_started_is_idle_from_the_day_after_the_agreed_starts_anniversary()
    {
        // T1-B: agreed start 2019-06-30; the year (start day not counted) ends on 2020-06-30.
        Assert.Equal(("supplied_unused", "not_started", "2020-07-01"), await StateAsync("T1-B", "2020-06-30"));
        Assert.Equal(("suspected_idle", "not_started", "2020-07-01"), await StateAsync("T1-B", "2020-07-01"));
        // T1-C: agreed start 2019-06-29, so idle from D.
        Assert.Equal(("suspected_idle", "not_started", "2020-06-30"), await StateAsync("T1-C", "2020-06-30"));
        Assert.Equal("supplied_unused", (await StateAsync("T1-C", "2020-06-29")).State);
    }

    [Fact]
    public async Task Halted_is_idle_from_the_day_after_the_halts_anniversary()
    {
        // T1-D halted 2019-06-29: a full year on D, a cent under a third developed.
        Assert.Equal(("in_use", "halted", "2020-06-30"), await StateAsync("T1-D", "2020-06-29"));
        Assert.Equal(("suspected_idle", "halted", "2020-06-30"), await StateAsync("T1-D", "2020-06-30"));
        // T1-F halted 2019-06-30: the year ends on D.
        Assert.Equal(("in_use", "halted", "2020-07-01"), await StateAsync("T1-F", "2020-06-30"));
        Assert.Equal("suspected_idle", (await StateAsync("T1-F", "2020-07-01")).State);
        // Before the halt the rule does not apply at all.
        Assert.Equal(("in_use", null, null), await StateAsync("T1-D", "2019-06-28"));
    }

    [Fact]
    public async Task Exactly_a_third_built_and_exactly_a_quarter_invested_is_not_idle_less_is()
    {
        // T1-E: 3333 of 9999 m2 developed (exactly a third) and 250 of 1000 invested, halted a full year.
        Assert.Equal(("in_use", null, null), await StateAsync("T1-E", "2020-06-30"));
        // T1-D: 9999.99 of 30000 m2 -> idle; T1-G: half built but 200 of 1000 invested -> idle.
        Assert.Equal("suspected_idle", (await StateAsync("T1-D", "2020-06-30")).State);
        Assert.Equal(("suspected_idle", "halted", "2020-06-30"), await StateAsync("T1-G", "2020-06-30"));
    }

    [Fact]
    public async Task The_state_route_gives_the_recorded_status_the_events_and_how_long_idle()
    {
        var s = await site.Client.GetJsonAsync("api/parcels/T1-R/state?date=2020-06-30");
        Assert.Equal("idle", (string)s["state"]!);
        Assert.Equal("idle", (string)s["recordedStatus"]!);
        Assert.Equal("2017-06-02", (string)s["idleOn"]!); // agreed 2016-06-01: the year ends 2017-06-01
        Assert.Equal(HandMadeLand.D.DayNumber - new DateOnly(2017, 6, 2).DayNumber, (int)s["daysIdle"]!);
        Assert.Null(s["daysUntilIdle"]);
        Assert.Equal("sold", (string)s["events"]![0]!["kind"]!);
        var b = await site.Client.GetJsonAsync("api/parcels/T1-B/state?date=2020-06-30");
        Assert.Equal(1, (int)b["daysUntilIdle"]!);
    }

    [Fact]
    public async Task All_states_on_a_date_come_by_code_for_the_map()
    {
        var r = await site.Client.GetJsonAsync("api/parcels/states?date=2020-06-30&park=P-T1");
        var states = r["parcels"]!.AsArray().ToDictionary(p => (string)p!["code"]!, p => (string?)p!["state"]);
        Assert.Equal(15, states.Count);
        Assert.Equal("suspected_idle", states["T1-C"]);
        Assert.Equal("supplied_unused", states["T1-B"]);
        Assert.Equal("reclaimed", states["T1-L"]);
        // By hand on D: idle R (determined 2017), suspected_idle C D G; supplied_unused B Q; in_use A E F J; under_used M; low_efficiency I;
        // approved_unsupplied H; unused_tidal_flat K; reclaimed L.
        var counts = r["counts"]!.AsObject().ToDictionary(c => c.Key, c => (int)c.Value!);
        Assert.Equal(new Dictionary<string, int>
        {
            ["approved_unsupplied"] = 1, ["idle"] = 1, ["suspected_idle"] = 3, ["in_use"] = 4, ["low_efficiency"] = 1, ["reclaimed"] = 1,
            ["supplied_unused"] = 2, ["under_used"] = 1, ["unused_tidal_flat"] = 1,
        }, counts);
        // On 2018-01-01: A B C H Q not yet approved; D E F G started, not yet halted; I and M under their plot
        // ratio; J (before its revitalisation, never determined) suspected idle and R idle (determined
        // 2017-09-01); K a flat, and L still a flat (reclaimed in 2019).
        var before = await site.Client.GetJsonAsync("api/parcels/states?date=2018-01-01&park=P-T1");
        Assert.Equal(new Dictionary<string, int>
        {
            ["idle"] = 1, ["suspected_idle"] = 1, ["in_use"] = 4, ["none"] = 5, ["under_used"] = 2, ["unused_tidal_flat"] = 2,
        }, before["counts"]!.AsObject().ToDictionary(c => c.Key, c => (int)c.Value!));
    }

    [Fact]
    public async Task Unknown_parcels_and_bad_dates_are_problems()
    {
        using var missing = await site.Client.GetAsync("api/parcels/NOPE/state");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        using var bad = await site.Client.GetAsync("api/parcels/T1-A/state?date=2020-13-01");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"parameter\":\"date\"", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_thresholds_are_parameters_of_the_state_function()
    {
        // With two years instead of one, T1-B (agreed start 2019-06-30) is idle from 2021-07-01.
        await using var cmd = site.DataSource.CreateCommand("""
            select s.state, s.idle_on from parcels p, parcel_state_at(p, date '2021-07-01', 2, 1, 3, 1, 4, 1) s where p.code = 'T1-B'
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal("suspected_idle", r.GetString(0));
        Assert.Equal(new DateOnly(2021, 7, 1), r.GetFieldValue<DateOnly>(1));
    }
}
