using System.Globalization;
using System.Text.Json.Nodes;
using LandMap.Api.Domain;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Analytics;

/// <summary>
/// The sample in a database of its own, served twice: with the overview on (held from 2013's end,
/// a quick refresher), and with it off, so every totals request of the second is computed live,
/// parcel by parcel: the answer the first must give.
/// </summary>
public sealed class TotalsOverviewSite(LandMapServer server) : IAsyncLifetime
{
    /// <summary>The API with the overview on: totals from the grid where it holds them.</summary>
    public HttpClient Overview { get; private set; } = null!;

    /// <summary>The API on the same database with the overview off: totals always computed live.</summary>
    public HttpClient Live { get; private set; } = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;
    private LandMapHostFactory? _overview;
    private LandMapHostFactory? _live;

    public async ValueTask InitializeAsync()
    {
        var cs = await server.CreateEmptyDatabaseAsync("landmap_totals_overview");
        _overview = new LandMapHostFactory(cs, new Dictionary<string, string>
        {
            ["LandMap:LoadSampleData"] = "true",
            ["LandMap:Overview:Enabled"] = "true",
            ["LandMap:Overview:FirstYear"] = "2013",
            ["LandMap:Overview:RefreshMilliseconds"] = "100",
        });
        Overview = _overview.CreateClient();
        _live = new LandMapHostFactory(cs, new Dictionary<string, string> { ["LandMap:Overview:Enabled"] = "false" });
        Live = _live.CreateClient();
        DataSource = NpgsqlDataSource.Create(cs);
    }

    public async ValueTask DisposeAsync()
    {
        Overview?.Dispose();
        Live?.Dispose();
        if (_overview is not null) await _overview.DisposeAsync();
        if (_live is not null) await _live.DisposeAsync();
        if (DataSource is not null) await DataSource.DisposeAsync();
    }
}

/// <summary>
/// Issue 18 point 4: /api/parcels/totals (the legend's totals) comes from the overview grid for a
/// date the overview holds, and is exactly the live computation's answer (same parcels, count, m²
/// and mu per state, "bbox intersects"): for boxes inside the zone, across its edges, tiny ones,
/// the whole zone and none, in lon/lat and in a projected bbox-crs, on several dates, with and
/// without the map's year selection, before and after writes. The response header names the
/// source, so each comparison also shows the grid was taken (the live path is the other server).
/// </summary>
public sealed class ParcelTotalsOverviewTests(TotalsOverviewSite site, ITestOutputHelper output) : IClassFixture<TotalsOverviewSite>
{
    private const string Header = "LandMap-Totals-Source";
    private static readonly DateOnly Today = ZoneClock.Today;
    private static readonly DateOnly[] HeldDates = [Today, new(2014, 12, 31), new(2019, 12, 31)];

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string YearSelection(DateOnly d) => $"approved_on <= DATE('{Iso(d)}') OR approved_on IS NULL";
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Until every held date is built with its margins and no marked write waits.</summary>
    private async Task WaitForOverviewAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            await using var cmd = site.DataSource.CreateCommand("""
                select count(*) from parcel_overview_dates as d
                where d.on_date = any($1) and exists (select 1 from parcel_overview_margins as m where m.on_date = d.on_date)
                  and not exists (select 1 from parcel_overview_dirty)
                """);
            cmd.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = HeldDates });
            if ((long)(await cmd.ExecuteScalarAsync())! == HeldDates.Length) return;
            Assert.True(DateTime.UtcNow < deadline, "the overview of the test's dates was not built within 120 s");
            await Task.Delay(200);
        }
    }

    private async Task<(double W, double S, double E, double N)> ExtentAsync()
    {
        await using var cmd = site.DataSource.CreateCommand(
            "select st_xmin(e), st_ymin(e), st_xmax(e), st_ymax(e) from (select st_extent(geom) as e from parcels) as x");
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetDouble(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3));
    }

    /// <summary>The bbox parameters (with bbox-crs where not CRS84) the comparisons run over: none,
    /// the whole zone, its extent exactly, boxes inside it, across each edge, tiny ones at parcels'
    /// corners, a parcel's own envelope (its edges touch), one apart from every parcel, and one in
    /// EPSG:4549 (densified and transformed: not a lon/lat rectangle).</summary>
    private async Task<List<string?>> BoxesAsync()
    {
        var (w, s, e, n) = await ExtentAsync();
        var (dx, dy) = (e - w, n - s);
        var random = new Random(18);
        string Box(double x0, double y0, double x1, double y1) => $"{F(x0)},{F(y0)},{F(x1)},{F(y1)}";
        var boxes = new List<string?> { null, Box(w - 0.05, s - 0.05, e + 0.05, n + 0.05), Box(w, s, e, n), Box(w + 1, s, e + 1, n) };
        for (var i = 0; i < 16; i++)
        {
            var (sx, sy) = (dx * (0.01 + random.NextDouble() * 0.5), dy * (0.01 + random.NextDouble() * 0.5));
            var (x, y) = (w + random.NextDouble() * (dx - sx), s + random.NextDouble() * (dy - sy));
            boxes.Add(Box(x, y, x + sx, y + sy));
        }
        foreach (var t in new[] { 0.1, 0.5, 0.9 })
        {
            boxes.Add(Box(w - dx * 0.1, s + dy * t * 0.5, w + dx * t * 0.3, n - dy * 0.1)); // across the west edge
            boxes.Add(Box(e - dx * t * 0.3, s + dy * 0.1, e + dx * 0.1, s + dy * (0.3 + t * 0.5))); // east
            boxes.Add(Box(w + dx * t * 0.4, s - dy * 0.1, e - dx * 0.1, s + dy * t * 0.2)); // south
            boxes.Add(Box(w + dx * 0.1, n - dy * t * 0.2, w + dx * (0.2 + t * 0.7), n + dy * 0.1)); // north
        }
        await using (var cmd = site.DataSource.CreateCommand("""
            select st_xmin(geom), st_ymin(geom), st_xmax(geom), st_ymax(geom), st_x(st_pointn(st_exteriorring(st_geometryn(geom, 1)), 2)),
                   st_y(st_pointn(st_exteriorring(st_geometryn(geom, 1)), 2))
            from parcels order by md5(code) limit 6
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                boxes.Add(Box(r.GetDouble(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3)));
                var (vx, vy) = (r.GetDouble(4), r.GetDouble(5));
                boxes.Add(Box(vx - 1e-5, vy - 1e-5, vx + 1e-5, vy + 1e-5));
                boxes.Add(Box(vx, vy, vx + 2e-6, vy + 2e-6));
            }
        }
        // A projected box, northing first (EPSG:4549's axis order), densified and transformed by the API.
        await using (var cmd = site.DataSource.CreateCommand($"""
            select st_xmin(b), st_ymin(b), st_xmax(b), st_ymax(b)
            from (select st_transform(st_makeenvelope({F(w + dx * 0.2)}, {F(s + dy * 0.3)}, {F(w + dx * 0.7)}, {F(s + dy * 0.8)}, 4490), 4549) as b) as t
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            await r.ReadAsync();
            var crs = "&bbox-crs=" + Uri.EscapeDataString("http://www.opengis.net/def/crs/EPSG/0/4549");
            boxes.Add(Box(r.GetDouble(1), r.GetDouble(0), r.GetDouble(3), r.GetDouble(2)) + crs);
        }
        return boxes;
    }

    private static string Url(DateOnly date, string? bbox, string? filter) =>
        $"api/parcels/totals?date={Iso(date)}" + (bbox is null ? "" : "&bbox=" + bbox) + (filter is null ? "" : "&filter=" + Uri.EscapeDataString(filter));

    private static async Task<(string? Source, JsonNode Body)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {text}");
        return (response.Headers.TryGetValues(Header, out var v) ? v.Single() : null, JsonNode.Parse(text)!);
    }

    /// <summary>The overview server's answer equals the live server's, state by state; returns the
    /// overview server's source header and the number of parcels.</summary>
    private async Task<(string? Source, int Parcels)> CompareAsync(DateOnly date, string? bbox, string? filter)
    {
        var url = Url(date, bbox, filter);
        var (source, grid) = await GetAsync(site.Overview, url);
        var (liveSource, live) = await GetAsync(site.Live, url);
        Assert.Equal("live", liveSource);
        var expected = live["totals"]!.AsArray().ToDictionary(t => (string)t!["state"]!, t => t!);
        var actual = grid["totals"]!.AsArray().ToDictionary(t => (string)t!["state"]!, t => t!);
        Assert.True(expected.Keys.Order().SequenceEqual(actual.Keys.Order()),
            $"{url}: states live [{string.Join(",", expected.Keys)}], {source} [{string.Join(",", actual.Keys)}]");
        foreach (var (state, t) in expected)
        {
            Assert.True((int)t["parcels"]! == (int)actual[state]["parcels"]!, $"{url}: {state} live {t["parcels"]} parcels, {source} {actual[state]["parcels"]}");
            Assert.True(Math.Abs((double)t["areaM2"]! - (double)actual[state]["areaM2"]!) <= 0.0100001,
                $"{url}: {state} live {t["areaM2"]} m², {source} {actual[state]["areaM2"]}");
            Assert.True(Math.Abs((double)t["areaMu"]! - (double)actual[state]["areaMu"]!) <= 0.0100001, $"{url}: {state} mu");
        }
        Assert.Equal((int)live["parcels"]!, (int)grid["parcels"]!);
        Assert.True(Math.Abs((double)live["areaM2"]! - (double)grid["areaM2"]!) <= 0.0100001, $"{url}: total m²");
        return (source, (int)grid["parcels"]!);
    }

    /// <summary>Every box, on every held date, with no filter and with the year selection: the
    /// grid's answer is the live one, and the grid answered.</summary>
    private async Task AssertAllAgreeFromTheGridAsync(string when)
    {
        await WaitForOverviewAsync();
        var boxes = await BoxesAsync();
        var (counted, empty) = (0, 0);
        foreach (var date in HeldDates)
            foreach (var filter in new[] { null, YearSelection(date) })
                foreach (var bbox in boxes)
                {
                    var (source, parcels) = await CompareAsync(date, bbox, filter);
                    Assert.True(source == "overview", $"{when}: {Url(date, bbox, filter)} was answered {source ?? "without a source header"}, not from the overview");
                    if (parcels == 0) empty++; else counted++;
                }
        output.WriteLine($"{when}: {counted} non-empty and {empty} empty selections agree with the live computation");
        Assert.True(counted > boxes.Count * 4, $"{when}: too few selections hold parcels ({counted})");
    }

    [Fact]
    public async Task Totals_from_the_overview_equal_the_live_computation_for_every_box_date_and_the_year_selection()
    {
        await AssertAllAgreeFromTheGridAsync("as loaded");
    }

    [Fact]
    public async Task Totals_from_the_overview_stay_equal_to_the_live_computation_after_inserts_edits_deletes_and_events()
    {
        await WaitForOverviewAsync();
        // A parcel larger than any (its margin grows its cell's), one moved across cells, one
        // deleted, and an event that changes a parcel's state: each a small write, refreshed in its own transaction.
        await ExecAsync("""
            insert into parcels (code, park_code, land_use, status, approved_on, source, geom)
            select 'TOTALS-BIG', park_code, land_use, status, approved_on, 'test',
                   st_multi(st_buffer(st_centroid(geom), 0.004, 'quad_segs=2'))
            from parcels order by md5(code) limit 1
            """);
        await ExecAsync("update parcels set geom = st_translate(geom, 0.0021, -0.0013) where id = (select id from parcels order by md5(code) offset 1 limit 1)");
        await ExecAsync("""
            delete from parcel_events where parcel_id = (select id from parcels order by md5(code) offset 2 limit 1);
            delete from parcels where id = (select id from parcels order by md5(code) offset 2 limit 1)
            """);
        await ExecAsync("""
            insert into parcel_events (parcel_id, kind, occurred_on, document_no)
            select id, 'recovered_with_compensation', date '2014-06-30', 'TOTALS-1' from parcels
            where area_m2 > 0 order by md5(code) offset 3 limit 1
            """);
        await AssertAllAgreeFromTheGridAsync("after an insert, an edit, a delete and an event");
    }

    [Fact]
    public async Task While_writes_wait_to_be_folded_in_the_totals_are_computed_live_and_then_come_from_the_grid_again()
    {
        await WaitForOverviewAsync();
        var (w, s, e, n) = await ExtentAsync();
        var bbox = $"{F(w)},{F(s)},{F((w + e) / 2)},{F((s + n) / 2)}";
        // Holding the refresher's lock makes the write path mark its cells instead of refreshing
        // them (as during a build): the grid is stale until the refresher folds them in.
        await using var conn = await site.DataSource.OpenConnectionAsync();
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await using (var lockIt = new NpgsqlCommand("select pg_advisory_xact_lock(1280134998)", conn, tx))
                await lockIt.ExecuteNonQueryAsync();
            await ExecAsync("update parcels set geom = st_translate(geom, -0.0017, 0.0009) where id = (select id from parcels order by md5(code) offset 4 limit 1)");
            foreach (var date in HeldDates)
            {
                var (source, _) = await CompareAsync(date, bbox, null);
                Assert.Equal("live", source);
            }
            await tx.CommitAsync();
        }
        await WaitForOverviewAsync();
        foreach (var date in HeldDates)
            Assert.Equal("overview", (await CompareAsync(date, bbox, null)).Source);
    }

    [Fact]
    public async Task Dates_the_overview_does_not_hold_and_other_filters_are_computed_live()
    {
        await WaitForOverviewAsync();
        var (w, s, e, n) = await ExtentAsync();
        var bbox = $"{F(w)},{F(s)},{F((w + e) / 2)},{F(n)}";
        Assert.Equal("live", (await CompareAsync(new DateOnly(2014, 6, 30), bbox, null)).Source);
        Assert.Equal("live", (await CompareAsync(new DateOnly(2012, 12, 31), null, null)).Source);
        Assert.Equal("live", (await CompareAsync(Today, bbox, "area_m2 > 5000")).Source);
        Assert.Equal("live", (await CompareAsync(Today, null, "state = 'idle'")).Source);
        // The year selection of another date than the one asked for is not the grid's approved flag.
        Assert.Equal("live", (await CompareAsync(new DateOnly(2014, 12, 31), bbox, YearSelection(new DateOnly(2015, 12, 31)))).Source);
    }

    private async Task ExecAsync(string sql)
    {
        await using var cmd = site.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
