using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LandMap.Api.Domain;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Tiles;

/// <summary>
/// The sample in a database of its own, served with an overview threshold of no parcel a tile
/// (so the sample's 1,049 parcels show the grid up to zoom 14, as a million do with the default),
/// the overview held from 2013's end, and a quick refresher.
/// </summary>
public sealed class OverviewSite(LandMapServer server) : IAsyncLifetime
{
    public HttpClient Client { get; private set; } = null!;
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    private LandMapHostFactory? _factory;

    public async ValueTask InitializeAsync()
    {
        var cs = await server.CreateEmptyDatabaseAsync("landmap_overview");
        _factory = new LandMapHostFactory(cs, new Dictionary<string, string>
        {
            ["LandMap:LoadSampleData"] = "true",
            ["LandMap:Overview:Enabled"] = "true",
            ["LandMap:Overview:TileParcels"] = "0",
            ["LandMap:Overview:FirstYear"] = "2013",
            ["LandMap:Overview:RefreshMilliseconds"] = "100",
        });
        Client = _factory.CreateClient();
        DataSource = NpgsqlDataSource.Create(cs);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        if (DataSource is not null) await DataSource.DisposeAsync();
    }
}

/// <summary>
/// Issue 18 point 1: below the legible zoom the parcels' tiles carry a grid of state shares whose
/// sums are the parcels' own, kept current by the write path, with single parcels from zoom 15
/// and ETags that follow the overview's counter.
/// </summary>
public sealed class OverviewTileTests(OverviewSite site) : IClassFixture<OverviewSite>
{
    private static readonly string Today = ZoneClock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private const string YearEnd = "2014-12-31";
    private static readonly string YearSelection = $"approved_on <= DATE('{YearEnd}') OR approved_on IS NULL";

    private async Task WaitForDatesAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            // Built, and no marked write waiting to be folded in (another test's large write).
            await using var cmd = site.DataSource.CreateCommand("""
                select count(*) from parcel_overview_dates
                where on_date = any($1) and not exists (select 1 from parcel_overview_dirty)
                """);
            cmd.Parameters.Add(new() { Value = new[] { DateOnly.Parse(Today, CultureInfo.InvariantCulture), new DateOnly(2014, 12, 31) } });
            if ((long)(await cmd.ExecuteScalarAsync())! == 2) return;
            Assert.True(DateTime.UtcNow < deadline, "the overview of today and 2014's end was not built within 90 s");
            await Task.Delay(200);
        }
    }

    /// <summary>The tiles of zoom z over every parcel.</summary>
    private async Task<List<(int X, int Y)>> ZoneTilesAsync(int z)
    {
        await using var cmd = site.DataSource.CreateCommand(
            "select st_xmin(e), st_ymin(e), st_xmax(e), st_ymax(e) from (select st_extent(geom) as e from parcels) as x");
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        var (west, south) = Slippy.TileAt(r.GetDouble(0), r.GetDouble(1), z);
        var (east, north) = Slippy.TileAt(r.GetDouble(2), r.GetDouble(3), z);
        return [.. from x in Enumerable.Range(west, east - west + 1) from y in Enumerable.Range(north, south - north + 1) select (x, y)];
    }

    private async Task<(HttpStatusCode Status, byte[] Body, string? ETag)> GetAsync(string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        using var response = await site.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Headers.ETag?.ToString());
    }

    private static string TileUrl(int z, int x, int y, string query = "") => $"ogc/collections/parcels/tiles/WebMercatorQuad/{z}/{y}/{x}{query}";

    /// <summary>The features of every zone tile of zoom z (with <paramref name="query"/>).</summary>
    private async Task<List<JsonObject>> ZoneFeaturesAsync(int z, string query = "")
    {
        var all = new List<JsonObject>();
        foreach (var (x, y) in await ZoneTilesAsync(z))
        {
            var (status, body, _) = await GetAsync(TileUrl(z, x, y, query));
            Assert.Equal(HttpStatusCode.OK, status);
            if (body.Length == 0) continue;
            if (await Mvt.ReadLayerAsync(body, z, x, y, "parcels") is { } features)
                all.AddRange(features.Select(f => f!["properties"]!.AsObject()));
        }
        return all;
    }

    /// <summary>mu by state summed over the overview features' mu_&lt;state&gt; attributes.</summary>
    private static Dictionary<string, double> MuByState(IEnumerable<JsonObject> features)
    {
        var sums = new Dictionary<string, double>();
        foreach (var f in features)
            foreach (var (name, value) in f)
                if (name.StartsWith("mu_", StringComparison.Ordinal))
                    sums[name[3..]] = sums.GetValueOrDefault(name[3..]) + (double)value!;
        return sums;
    }

    /// <summary>The server's own totals by shown state (/api/parcels/totals), mu.</summary>
    private async Task<Dictionary<string, double>> ServerTotalsAsync(string date, string? filter = null)
    {
        var url = $"api/parcels/totals?date={date}" + (filter is null ? "" : "&filter=" + Uri.EscapeDataString(filter));
        var body = JsonNode.Parse(await site.Client.GetStringAsync(url))!;
        return body["totals"]!.AsArray().ToDictionary(t => (string)t!["state"]!, t => (double)t!["areaMu"]!);
    }

    private static void AssertSameTotals(Dictionary<string, double> expected, Dictionary<string, double> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (state, mu) in expected)
            Assert.True(Math.Abs(mu - actual[state]) < 0.02, $"{state}: the parcels hold {mu} mu, the overview {actual[state]}");
    }

    [Fact]
    public async Task The_overview_tiles_hold_per_state_exactly_the_area_the_parcels_hold_today_and_for_a_year()
    {
        await WaitForDatesAsync();
        foreach (var z in new[] { 10, 12 })
        {
            // A tile no parcel's centre falls in (only edges of the neighbours' parcels) holds no
            // cell, so it draws those edges as single parcels; every other tile is the grid.
            var features = (await ZoneFeaturesAsync(z)).Where(f => f.ContainsKey("overview")).ToList();
            Assert.NotEmpty(features);
            Assert.All(features, f => Assert.Equal(1, (int)f["overview"]!));
            AssertSameTotals(await ServerTotalsAsync(Today), MuByState(features));
        }
        // The map's year selection: the state at the year's end of the parcels approved by then.
        var year = await ZoneFeaturesAsync(11, $"?date={YearEnd}&filter={Uri.EscapeDataString(YearSelection)}");
        AssertSameTotals(await ServerTotalsAsync(YearEnd, YearSelection), MuByState(year));
    }

    [Fact]
    public async Task Single_parcels_from_zoom_15_and_the_tileset_metadata_says_which_zooms_are_overview()
    {
        await WaitForDatesAsync();
        var detail = await ZoneFeaturesAsync(15);
        Assert.NotEmpty(detail);
        Assert.All(detail, f => Assert.NotNull(f["code"]));
        Assert.DoesNotContain(detail, f => f.ContainsKey("overview"));

        var tileJson = JsonNode.Parse(await site.Client.GetStringAsync("ogc/collections/parcels/tiles/WebMercatorQuad/tilejson.json"))!;
        var zooms = tileJson["overview"]!["zooms"]!.AsArray().Select(z => (int)z!).ToList();
        Assert.Contains(10, zooms);
        Assert.Contains(14, zooms);
        Assert.DoesNotContain(15, zooms);
        Assert.Contains("Overview", (string)tileJson["overview"]!["description"]!);
        var tileset = JsonNode.Parse(await site.Client.GetStringAsync("ogc/collections/parcels/tiles/WebMercatorQuad"))!;
        Assert.Equal(zooms, tileset["overview"]!["zooms"]!.AsArray().Select(z => (int)z!));
        var roads = JsonNode.Parse(await site.Client.GetStringAsync("ogc/collections/roads/tiles/WebMercatorQuad/tilejson.json"))!;
        Assert.Null(roads["overview"]);
    }

    [Fact]
    public async Task A_write_changes_the_overview_and_its_tiles_ETag_at_once_and_a_large_write_within_seconds()
    {
        await WaitForDatesAsync();
        var (x, y) = (await ZoneTilesAsync(10))[0];
        var (_, _, before) = await GetAsync(TileUrl(10, x, y));

        // One parcel recovered: refreshed in the write's own transaction.
        await Exec("""
            insert into parcel_events (parcel_id, kind, occurred_on, document_no)
            select id, 'recovered_with_compensation', current_date - 1, 'OV-1' from parcels
            where area_m2 > 0 order by code limit 1
            """);
        var (status, _, after) = await GetAsync(TileUrl(10, x, y), before);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(before, after);
        await AssertFollowsAsync(await ServerTotalsAsync(Today), "a one-parcel write");

        // Hundreds of parcels in one statement: marked, folded in by the refresher within seconds.
        await Exec("""
            insert into parcel_events (parcel_id, kind, occurred_on, document_no)
            select id, 'recovered_without_compensation', current_date - 1, 'OV-2' from parcels
            where id % 3 = 0 and not exists (select 1 from parcel_events e where e.parcel_id = parcels.id and e.kind like 'recovered%')
            """);
        await AssertFollowsAsync(await ServerTotalsAsync(Today), "a write of hundreds of parcels");
    }

    /// <summary>The zone's z10 overview reaches <paramref name="expected"/> within the refresh bound
    /// (a small write: in its own transaction; a large one: the refresher's next rounds).</summary>
    private async Task AssertFollowsAsync(Dictionary<string, double> expected, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var actual = MuByState((await ZoneFeaturesAsync(10)).Where(f => f.ContainsKey("overview")));
            if (Math.Abs(actual.GetValueOrDefault("recovered") - expected["recovered"]) < 0.02)
            {
                AssertSameTotals(expected, actual);
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the overview did not follow {what} within 5 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_tiles_ETag_follows_the_overview_counter()
    {
        await WaitForDatesAsync();
        var (x, y) = (await ZoneTilesAsync(12))[0];
        var (_, _, etag) = await GetAsync(TileUrl(12, x, y));
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(TileUrl(12, x, y), etag)).Status);
        await Exec("update collection_versions set version = version + 1 where collection = 'parcel_overview'");
        var (status, _, next) = await GetAsync(TileUrl(12, x, y), etag);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEqual(etag, next);
    }

    private async Task Exec(string sql)
    {
        await using var cmd = site.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
