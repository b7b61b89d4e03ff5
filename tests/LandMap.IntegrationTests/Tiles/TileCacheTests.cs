using System.Net;
using LandMap.Tests.Analytics;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Tiles;

/// <summary>The hand-made land in a database of its own, whose tables the tile cache tests may take away.</summary>
public sealed class TileCacheSite(LandMapServer server) : HandMadeSite(server, "landmap_tile_cache");

/// <summary>
/// Issue 18 point 2: a tile's ETag comes from the data's change counters before anything is rendered,
/// and a tile asked for again comes from memory. Proved without timing: with the parcels table
/// renamed away, a render would fail, so a 304 or a 200 then can only come from the counters and
/// the cache; a write (to the parcels, or to their events, on which the state depends) is a new tile.
/// </summary>
public sealed class TileCacheTests(TileCacheSite site) : IClassFixture<TileCacheSite>
{
    private async Task<string> TileUrlAsync()
    {
        // The z14 tile over park P-T1 (its south-west corner, EPSG:4549 580000 3080000, plus 500 m).
        await using var cmd = site.DataSource.CreateCommand("""
            select st_x(p), st_y(p) from st_transform(st_setsrid(st_makepoint(580500, 3080500), 4549), 4326) as p
            """);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        var (lon, lat) = (r.GetDouble(0), r.GetDouble(1));
        var n = 1 << 14;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(lat * Math.PI / 180) + 1 / Math.Cos(lat * Math.PI / 180)) / Math.PI) / 2 * n);
        return $"ogc/collections/parcels/tiles/WebMercatorQuad/14/{y}/{x}";
    }

    private async Task<(HttpStatusCode Status, byte[] Body, string? ETag)> GetAsync(string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        using var response = await site.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Headers.ETag?.ToString());
    }

    private Task Sql(string sql) => site.DataSource.ScalarAsync<int>(sql + "; select 1");

    [Fact]
    public async Task A_repeated_tile_is_answered_from_the_counters_and_memory_and_a_write_makes_a_new_one()
    {
        var url = await TileUrlAsync();
        var (status, first, etag) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(first.Length > 0, "the tile over park P-T1 holds no parcel");
        Assert.StartsWith("W/\"", etag);

        await Sql("alter table parcels rename to parcels_away");
        try
        {
            Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(url, etag)).Status);
            var (again, cached, sameTag) = await GetAsync(url);
            Assert.Equal((HttpStatusCode.OK, etag), (again, sameTag));
            Assert.Equal(first, cached);
        }
        finally
        {
            await Sql("alter table parcels_away rename to parcels");
        }

        // An event changes a parcel's computed state: its counter makes the tile new.
        await Sql("insert into parcel_events (parcel_id, kind, occurred_on, document_no) select id, 'idle_investigation', date '2020-07-05', 'T' from parcels where code = 'T1-C'");
        var (afterEvent, _, eventTag) = await GetAsync(url, etag);
        Assert.Equal(HttpStatusCode.OK, afterEvent);
        Assert.NotEqual(etag, eventTag);

        // So does an edit of a parcel, and its bytes follow it (rendered, not the kept tile).
        await Sql("update parcels set status = 'reclaimed' where code = 'T1-A'");
        var (afterEdit, edited, editTag) = await GetAsync(url, eventTag);
        Assert.Equal(HttpStatusCode.OK, afterEdit);
        Assert.NotEqual(eventTag, editTag);
        Assert.NotEqual(first, edited);
    }

    [Fact]
    public async Task A_selection_is_a_tile_of_its_own()
    {
        var url = await TileUrlAsync();
        var (_, _, whole) = await GetAsync(url);
        var (_, _, filtered) = await GetAsync(url + "?filter=" + Uri.EscapeDataString("park_code = 'P-T1'"));
        var (_, _, dated) = await GetAsync(url + "?date=2019-01-01");
        Assert.Equal(3, new[] { whole, filtered, dated }.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(url + "?date=2019-01-01", whole)).Status);
    }
}
