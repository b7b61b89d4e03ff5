using System.Diagnostics;
using System.Net;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Analytics;

/// <summary>
/// /api/parcels/states gives the page every parcel's state at a date and the totals by state in
/// one request, computed by parcel_state_at, so no rule runs in the page: compact, fast, cacheable.
/// </summary>
public sealed class ParcelStatesAtDateTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    [Theory]
    [InlineData("2012-12-31")]
    [InlineData("2016-12-31")]
    public async Task Compact_states_are_parcel_state_at_for_every_parcel_with_totals_by_state(string date)
    {
        var served = await _client.GetJsonAsync($"api/parcels/states?date={date}&compact=true");
        var states = served["states"]!.AsObject();
        Assert.Null(served["parcels"]);
        await using var cmd = server.DataSource.CreateCommand(
            $"select p.code, s.state, p.area_m2 from parcels p cross join lateral parcel_state_at(p, date '{date}') s");
        var expected = new Dictionary<string, (string? State, double AreaM2)>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) expected[r.GetString(0)] = (r.IsDBNull(1) ? null : r.GetString(1), r.GetDouble(2));
        Assert.Equal(1049, expected.Count);
        Assert.Equal(expected.Count, states.Count);
        foreach (var (code, (state, _)) in expected) Assert.Equal(state, (string?)states[code]);

        var totals = served["totals"]!.AsArray().ToDictionary(t => (string)t!["state"]!, t => t!);
        foreach (var g in expected.Values.GroupBy(v => v.State ?? "none"))
        {
            Assert.Equal(g.Count(), (int)totals[g.Key]["parcels"]!);
            // The route gives 2 decimals: within half a hundredth (a tolerance, not a rounding that
            // flips when a sum lands on .x5).
            Assert.Equal(g.Sum(v => v.AreaM2), (double)totals[g.Key]["areaM2"]!, 0.0051);
            Assert.Equal(g.Sum(v => v.AreaM2) * 15 / 10000, (double)totals[g.Key]["areaMu"]!, 0.0051);
        }
        Assert.Equal(expected.Count, totals.Values.Sum(t => (int)t["parcels"]!));
    }

    [Fact]
    public async Task The_full_answer_keeps_its_parcel_list_and_gains_the_totals()
    {
        var served = await _client.GetJsonAsync("api/parcels/states?date=2016-12-31");
        Assert.Equal(1049, served["parcels"]!.AsArray().Count);
        Assert.Equal(1049, served["totals"]!.AsArray().Sum(t => (int)t!["parcels"]!));
        Assert.Equal(1049, served["counts"]!.AsObject().Sum(c => (int)c.Value!));
    }

    [Fact]
    public async Task All_states_at_a_date_take_under_half_a_second_and_revalidate_with_a_304()
    {
        using (await _client.GetAsync("api/parcels/states?date=2015-06-30&compact=true")) { } // warm: plans, pool
        var times = new List<double>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last?.Dispose();
            var clock = Stopwatch.StartNew();
            last = await _client.GetAsync($"api/parcels/states?date=201{i}-12-31&compact=true");
            await last.Content.ReadAsByteArrayAsync();
            times.Add(clock.Elapsed.TotalSeconds);
            Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        }
        times.Sort();
        Assert.True(times[2] < 0.5, $"median {times[2]:F3} s over {string.Join(", ", times.Select(t => t.ToString("F3")))}");

        using var again = new HttpRequestMessage(HttpMethod.Get, "api/parcels/states?date=2014-12-31&compact=true");
        again.Headers.IfNoneMatch.Add(last!.Headers.ETag!);
        last.Dispose();
        using var notModified = await _client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }
}
