using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Analytics;

/// <summary>
/// The idle rule's legal boundaries (《闲置土地处置办法》 Article 2; periods counted as 民法典 Articles
/// 201-202: the start day is not counted, a year ends on the corresponding day or, lacking one, the
/// month's last day; the parcel is idle from the day after), run by parcel_state_at() in PostGIS on
/// parcel rows made in the query (never stored), so each case is one row and one date.
/// The oracle is .NET's DateOnly.AddYears, which takes 29 February to 28 February as Article 202 does.
/// </summary>
[Collection(AnalyticsSite.Name)]
public sealed class IdleCalendarTests(AnalyticsSite site)
{
    // A parcel row from JSON (jsonb_populate_record: the table's row type, nothing inserted); its
    // id is null, so it has no events. area_m2 is given: the trigger that computes it never runs.
    private const string StateSql = """
        select s.state, s.idle_on, s.idle_rule
        from parcel_state_at(jsonb_populate_record(null::parcels, $1::jsonb), $2) as s
        """;

    private async Task<(string? State, DateOnly? IdleOn, string? Rule)> StateAsync(JsonObject parcel, DateOnly date)
    {
        await using var cmd = site.DataSource.CreateCommand(StateSql);
        cmd.Parameters.Add(new() { Value = parcel.ToJsonString() });
        cmd.Parameters.Add(new() { Value = date });
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        return (r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetFieldValue<DateOnly>(1),
            r.IsDBNull(2) ? null : r.GetString(2));
    }

    private static JsonObject NotStarted(string agreedStart) => new()
    {
        ["status"] = "supplied_unused", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["area_m2"] = 10000,
        ["supplied_on"] = "2010-01-01", ["agreed_start_on"] = agreedStart,
    };

    private static JsonObject Halted(string haltedOn, decimal developed = 0, decimal? toDevelop = null,
        decimal invested = 0, decimal agreed = 1000) => new()
    {
        ["status"] = "in_use", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["area_m2"] = 10000, ["supplied_on"] = "2008-01-01",
        ["agreed_start_on"] = "2008-06-01", ["actual_start_on"] = "2008-07-01", ["halted_on"] = haltedOn,
        ["developed_area_m2"] = developed, ["development_area_m2"] = toDevelop,
        ["investment_actual_wan"] = invested, ["investment_agreed_wan"] = agreed,
    };

    [Theory]
    // Agreed start 2011-05-07 (the year spans 29 February 2012).
    [InlineData("not_started", "2011-05-07", "2012-05-07", "supplied_unused")]
    [InlineData("not_started", "2011-05-07", "2012-05-08", "suspected_idle")]
    // Started on 29 February: the year ends on 28 February, no corresponding day.
    [InlineData("not_started", "2012-02-29", "2013-02-28", "supplied_unused")]
    [InlineData("not_started", "2012-02-29", "2013-03-01", "suspected_idle")]
    // Ending on 29 February: the corresponding day exists.
    [InlineData("not_started", "2015-02-28", "2016-02-28", "supplied_unused")]
    [InlineData("not_started", "2015-02-28", "2016-02-29", "suspected_idle")]
    [InlineData("not_started", "2015-03-01", "2016-03-01", "supplied_unused")]
    [InlineData("not_started", "2015-03-01", "2016-03-02", "suspected_idle")]
    // Halted: the same count from halted_on.
    [InlineData("halted", "2012-02-29", "2013-02-28", "in_use")]
    [InlineData("halted", "2012-02-29", "2013-03-01", "suspected_idle")]
    [InlineData("halted", "2011-05-07", "2012-05-07", "in_use")]
    [InlineData("halted", "2011-05-07", "2012-05-08", "suspected_idle")]
    public async Task Idle_from_the_day_after_a_full_calendar_year(string clock, string start, string date, string expected)
    {
        var parcel = clock == "halted" ? Halted(start) : NotStarted(start);
        var (state, idleOn, rule) = await StateAsync(parcel, DateOnly.Parse(date));
        Assert.Equal((expected, clock), (state, rule));
        Assert.Equal(DateOnly.Parse(start).AddYears(1).AddDays(1), idleOn);
    }

    [Fact]
    public async Task Both_clocks_and_the_two_year_mark_count_the_same_way_for_every_start_day_of_three_years()
    {
        // One query for 1,096 start days (2011-2013, one leap day), each as a not-started and as a halted parcel.
        await using var cmd = site.DataSource.CreateCommand("""
            select s::date, n.idle_on, h.idle_on, n.recoverable_on
            from generate_series(date '2011-01-01', date '2013-12-31', interval '1 day') as s
            cross join lateral parcel_state_at(jsonb_populate_record(null::parcels, jsonb_build_object(
                'status', 'supplied_unused', 'area_m2', 10000, 'supplied_on', '2010-01-01', 'agreed_start_on', s::date)),
                date '2020-01-01') as n
            cross join lateral parcel_state_at(jsonb_populate_record(null::parcels, jsonb_build_object(
                'status', 'in_use', 'area_m2', 10000, 'supplied_on', '2008-01-01', 'actual_start_on', '2008-07-01',
                'halted_on', s::date, 'developed_area_m2', 0)), date '2020-01-01') as h
            """);
        var days = 0;
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            var start = r.GetFieldValue<DateOnly>(0);
            var expected = start.AddYears(1).AddDays(1);
            Assert.True(expected == r.GetFieldValue<DateOnly>(1), $"not started from {start}: idle on {r.GetFieldValue<DateOnly>(1)}, in law {expected}");
            Assert.True(expected == r.GetFieldValue<DateOnly>(2), $"halted on {start}: idle on {r.GetFieldValue<DateOnly>(2)}, in law {expected}");
            // Two full years (Article 14(2), 满两年), counted the same way: 2012-02-29 -> 2014-03-01.
            var twoYears = start.AddYears(2).AddDays(1);
            Assert.True(twoYears == r.GetFieldValue<DateOnly>(3), $"not started from {start}: recoverable on {r.GetFieldValue<DateOnly>(3)}, in law {twoYears}");
            days++;
        }
        Assert.Equal(1096, days);
    }

    [Theory]
    // Developed area against the area to develop (the parcel's area_m2 10000 unless one is recorded).
    [InlineData(3333.33, null, "suspected_idle")]        // 9999.99 < 10000: under a third
    [InlineData(3333.34, null, "in_use")]
    [InlineData(3333.0, 9999.0, "in_use")]         // exactly a third is not "不足三分之一"
    [InlineData(3332.99, 9999.0, "suspected_idle")]
    [InlineData(0.01, 0.03, "in_use")]
    public async Task Under_a_third_developed_is_compared_exactly(double developed, double? toDevelop, string expected)
    {
        var parcel = Halted("2015-01-01", (decimal)developed, toDevelop is { } t ? (decimal)t : null, invested: 1000);
        Assert.Equal(expected, (await StateAsync(parcel, new DateOnly(2016, 6, 1))).State);
    }

    [Theory]
    [InlineData(250, 1000, "in_use")]          // exactly a quarter is not "不足百分之二十五"
    [InlineData(249.99, 1000, "suspected_idle")]
    [InlineData(1, 4, "in_use")]
    [InlineData(0.99, 4, "suspected_idle")]
    public async Task Under_a_quarter_invested_is_compared_exactly(double invested, double agreed, string expected)
    {
        var parcel = Halted("2015-01-01", developed: 10000, invested: (decimal)invested, agreed: (decimal)agreed);
        Assert.Equal(expected, (await StateAsync(parcel, new DateOnly(2016, 6, 1))).State);
    }
}
