using System.Net;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Tiles;

/// <summary>
/// Parcel tiles take the items' CQL2 <c>filter</c> and a <c>date</c> for the computed state, so the
/// map draws what the server selected: a filtered tile holds only the matching parcels (state on the
/// date, as parcel_state_at gives it), carries that state, and has its own ETag; a bad filter is a 400.
/// </summary>
public sealed class FilteredTileTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    /// <summary>A point in 沙城/滨海 over many parcels.</summary>
    private const double ZoneLon = 120.81, ZoneLat = 27.84;
    private const int Z = 14;

    private static string TileUrl(int x, int y, string query) =>
        $"ogc/collections/parcels/tiles/WebMercatorQuad/{Z}/{y}/{x}?{query}";

    [Theory]
    [InlineData("2013-12-31")]
    [InlineData("2016-12-31")]
    public async Task A_filtered_tile_holds_only_the_parcels_whose_state_on_the_date_matches(string date)
    {
        var (x, y) = Slippy.TileAt(ZoneLon, ZoneLat, Z);
        var filter = "state IN ('in_use','idle') AND land_use IS NOT NULL";
        using var response = await _client.GetAsync(TileUrl(x, y, $"date={date}&filter={Uri.EscapeDataString(filter)}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tile = await response.Content.ReadAsByteArrayAsync();
        var features = (await Mvt.ReadLayerAsync(tile, Z, x, y, "parcels"))!;

        await using var cmd = server.DataSource.CreateCommand($"""
            select p.id, s.state from parcels p cross join lateral parcel_state_at(p, date '{date}') s
            where st_intersects(st_transform(p.geom, 3857), st_tileenvelope($1, $2, $3, margin => 64.0 / 4096))
              and s.state in ('in_use','idle') and p.land_use is not null
            """);
        cmd.Parameters.Add(new() { Value = Z });
        cmd.Parameters.Add(new() { Value = x });
        cmd.Parameters.Add(new() { Value = y });
        var expected = new Dictionary<long, string>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) expected[r.GetInt64(0)] = r.GetString(1);
        Assert.NotEmpty(expected);
        var served = features.ToDictionary(f => (long)f!["properties"]!["id"]!, f => (string?)f!["properties"]!["state"]);
        Assert.Equal(expected.Keys.Order(), served.Keys.Order());
        // The tile is coloured by the state on the date, not today's.
        foreach (var (id, state) in expected) Assert.Equal(state, served[id]);
    }

    [Fact]
    public async Task A_filtered_tile_has_another_etag_than_the_whole_tile()
    {
        var (x, y) = Slippy.TileAt(ZoneLon, ZoneLat, Z);
        using var whole = await _client.GetAsync(TileUrl(x, y, ""));
        // A filter that keeps every parcel: the same features, still not the unfiltered tile's tag.
        using var filtered = await _client.GetAsync(TileUrl(x, y, "filter=" + Uri.EscapeDataString("area_m2 >= 0")));
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
        var (a, b) = (await IdsAsync(whole, x, y), await IdsAsync(filtered, x, y));
        Assert.True(a.SequenceEqual(b), $"{a.Count} {b.Count} {string.Join(",", a.Except(b).Take(5))} {string.Join(",", b.Except(a).Take(5))}");
        Assert.NotEqual(whole.Headers.ETag, filtered.Headers.ETag);
        // Revalidating the filtered tile with the whole tile's tag fetches it again.
        using var again = new HttpRequestMessage(HttpMethod.Get, TileUrl(x, y, "filter=" + Uri.EscapeDataString("area_m2 >= 0")));
        again.Headers.IfNoneMatch.Add(whole.Headers.ETag!);
        using var refetched = await _client.SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, refetched.StatusCode);
    }

    private static async Task<List<long>> IdsAsync(HttpResponseMessage response, int x, int y)
    {
        var features = (await Mvt.ReadLayerAsync(await response.Content.ReadAsByteArrayAsync(), Z, x, y, "parcels"))!;
        return [.. features.Select(f => (long)f!["properties"]!["id"]!).Order()];
    }

    [Theory]
    [InlineData("filter=state%20%3D", "filter")]
    [InlineData("filter=nope%20%3D%201", "filter")]
    [InlineData("filter=1%3D1&filter-lang=cql3", "filter-lang")]
    [InlineData("date=2016-02-30", "date")]
    public async Task Bad_selection_is_a_400_naming_the_parameter(string query, string parameter)
    {
        var (x, y) = Slippy.TileAt(ZoneLon, ZoneLat, Z);
        using var response = await _client.GetAsync(TileUrl(x, y, query));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"\"{parameter}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Date_is_for_parcels_only()
    {
        using var response = await _client.GetAsync("ogc/collections/roads/tiles/WebMercatorQuad/14/6500/13700?date=2016-12-31");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"date\"", await response.Content.ReadAsStringAsync());
    }
}
