using LandMap.Api.Domain;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Tiles;

/// <summary>Vector tiles (MVT) against the real service and PostGIS, read back with GDAL's MVT driver.</summary>
public sealed class TileTests(LandMapServer server)
{
    private const string MvtType = "application/vnd.mapbox-vector-tile";
    private static readonly string[] CollectionIds = [.. CollectionCatalog.All.Select(c => c.Id)];

    private readonly HttpClient _client = server.CreateClient();

    /// <summary>A point in 沙城/滨海 over many parcels.</summary>
    private const double ZoneLon = 120.81, ZoneLat = 27.84;

    private static string TileUrl(string collection, int z, int x, int y) =>
        $"ogc/collections/{collection}/tiles/WebMercatorQuad/{z}/{y}/{x}";

    private async Task<byte[]> GetTileAsync(string collection, int z, int x, int y)
    {
        using var response = await _client.GetAsync(TileUrl(collection, z, x, y));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MvtType, response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var cmd = server.DataSource.CreateCommand(sql);
        foreach (var v in values) cmd.Parameters.Add(new() { Value = v });
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_z14_tile_over_the_zone_holds_every_parcel_it_touches_with_their_attributes()
    {
        const int z = 14;
        var (x, y) = Slippy.TileAt(ZoneLon, ZoneLat, z);
        var tile = await GetTileAsync("parcels", z, x, y);
        Assert.NotEmpty(tile);

        Assert.Matches(@"^1: parcels \(", await Mvt.LayersAsync(tile, z, x, y));
        var features = (await Mvt.ReadLayerAsync(tile, z, x, y, "parcels"))!;

        // The tile carries what meets the tile envelope widened by the 64/4096 buffer.
        var expected = await ScalarAsync<long>("""
            select count(*) from parcels
            where st_intersects(st_transform(geom, 3857), st_tileenvelope($1, $2, $3, margin => 64.0 / 4096))
            """, z, x, y);
        Assert.True(expected > 20, $"the test tile should be busy; it has {expected} parcels");
        Assert.Equal(expected, features.Count);

        // Attributes arrive with the database's values.
        await using var cmd = server.DataSource.CreateCommand(
            "select id, code, status, land_use, park_code, round(area_mu::numeric, 2)::float8 from parcels where id = any($1)");
        var ids = features.Select(f => (long)f!["properties"]!["id"]!).ToArray();
        cmd.Parameters.Add(new() { Value = ids });
        var db = new Dictionary<long, (string Code, string Status, string LandUse, string Park, double Mu)>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                db[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetDouble(5));
        Assert.Equal(ids.Length, db.Count);
        foreach (var f in features)
        {
            var p = f!["properties"]!;
            var row = db[(long)p["id"]!];
            Assert.Equal(row.Code, (string)p["code"]!);
            Assert.Equal(row.Status, (string)p["status"]!);
            Assert.Equal(row.LandUse, (string)p["land_use"]!);
            Assert.Equal(row.Park, (string)p["park_code"]!);
            Assert.Equal(row.Mu, (double)p["area_mu"]!, 6);
            Assert.Equal((long)p["id"]!, (long)p["mvt_id"]!); // GDAL's name for the MVT feature id
            Assert.Contains((string)f["geometry"]!["type"]!, new[] { "Polygon", "MultiPolygon" });
        }
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Every_collection_has_tiles_over_the_zone_with_its_layer(string collection)
    {
        const int z = 12;
        var (x, y) = Slippy.TileAt(120.86, 27.85, z);
        var tile = await GetTileAsync(collection, z, x, y);
        var features = await Mvt.ReadLayerAsync(tile, z, x, y, collection);
        Assert.NotNull(features);
        Assert.NotEmpty(features);
        Assert.All(features, f => Assert.NotNull(f!["properties"]!["code"]));
    }

    public static TheoryData<string> Collections() => new(CollectionIds);

    [Fact]
    public async Task Overview_tiles_skip_polygons_smaller_than_a_pixel()
    {
        const int z = 10;
        var (x, y) = Slippy.TileAt(ZoneLon, ZoneLat, z);
        var features = (await Mvt.ReadLayerAsync(await GetTileAsync("parcels", z, x, y), z, x, y, "parcels"))!;
        var pixel = Slippy.PixelGroundMetres(z, y);

        var all = await ScalarAsync<long>("""
            select count(*) from parcels
            where st_intersects(st_transform(geom, 3857), st_tileenvelope($1, $2, $3, margin => 64.0 / 4096))
            """, z, x, y);
        var visible = await ScalarAsync<long>("""
            select count(*) from parcels
            where st_intersects(st_transform(geom, 3857), st_tileenvelope($1, $2, $3, margin => 64.0 / 4096))
              and area_m2 >= $4
            """, z, x, y, pixel * pixel);
        Assert.InRange(visible, 1, all - 1); // the sample has parcels on both sides of a z10 pixel (~135 m)
        Assert.Equal(visible, features.Count);
    }

    [Fact]
    public async Task Low_zoom_tiles_near_the_antimeridian_edge_still_find_the_zone()
    {
        // At z1 the buffered envelope of tile x=1 reaches past 180°; it must not wrap to the west.
        // (Projects are points: no size filter hides them at a low zoom.)
        var features = await Mvt.ReadLayerAsync(await GetTileAsync("projects", 1, 1, 0), 1, 1, 0, "projects");
        Assert.NotNull(features);
        Assert.NotEmpty(features);
    }

    [Fact]
    public async Task A_tile_with_no_feature_is_a_200_with_an_empty_body()
    {
        var tile = await GetTileAsync("parcels", 14, 0, 0); // the Bering Sea corner of the world
        Assert.Empty(tile);
    }

    [Fact]
    public async Task Tiles_carry_a_weak_etag_and_answer_a_matching_if_none_match_with_304()
    {
        var (x, y) = Slippy.TileAt(ZoneLon, ZoneLat, 14);
        var url = TileUrl("parcels", 14, x, y);
        using var first = await _client.GetAsync(url);
        var etag = first.Headers.ETag!;
        Assert.True(etag.IsWeak); // the same tile may travel compressed or not
        Assert.True(first.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(60), first.Headers.CacheControl.MaxAge);
        var body = await first.Content.ReadAsByteArrayAsync();

        using var again = await _client.GetAsync(url);
        Assert.Equal(etag, again.Headers.ETag);
        Assert.Equal(body, await again.Content.ReadAsByteArrayAsync());

        foreach (var candidate in new[] { etag.Tag, $"W/{etag.Tag}", $"\"nope\", {etag.Tag}", "*" })
        {
            using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
            conditional.Headers.TryAddWithoutValidation("If-None-Match", candidate);
            using var notModified = await _client.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal(etag, notModified.Headers.ETag);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }

        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0123\""));
        using var modified = await _client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        Assert.Equal(body, await modified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Different_tiles_have_different_etags()
    {
        var (x, y) = Slippy.TileAt(ZoneLon, ZoneLat, 14);
        using var a = await _client.GetAsync(TileUrl("parcels", 14, x, y));
        using var b = await _client.GetAsync(TileUrl("parcels", 14, x + 1, y));
        Assert.NotEqual(a.Headers.ETag, b.Headers.ETag);
    }

    [Theory]
    [InlineData("23/0/0", "tileMatrix")]
    [InlineData("-1/0/0", "tileMatrix")]
    [InlineData("ten/0/0", "tileMatrix")]
    [InlineData("99999999999/0/0", "tileMatrix")]
    [InlineData("0/1/0", "tileRow")]
    [InlineData("0/0/1", "tileCol")]
    [InlineData("14/16384/0", "tileRow")]
    [InlineData("14/0/16384", "tileCol")]
    [InlineData("14/-3/0", "tileRow")]
    [InlineData("14/1.5/0", "tileRow")]
    [InlineData("14/0/1e3", "tileCol")]
    [InlineData("14/0/1;select 1", "tileCol")]
    public async Task Bad_tile_coordinates_are_a_400_problem_naming_the_parameter(string zyx, string parameter)
    {
        using var response = await _client.GetAsync($"ogc/collections/parcels/tiles/WebMercatorQuad/{zyx}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(parameter, (string)problem["parameter"]!);
        Assert.Contains(parameter, (string)problem["detail"]!);
    }

    [Theory]
    [InlineData("ogc/collections/nope/tiles/WebMercatorQuad/0/0/0")]
    [InlineData("ogc/collections/pg_catalog.pg_user/tiles/WebMercatorQuad/0/0/0")]
    [InlineData("ogc/collections/nope/tiles")]
    [InlineData("ogc/collections/nope/tiles/WebMercatorQuad")]
    [InlineData("ogc/collections/nope/tiles/WebMercatorQuad/tilejson.json")]
    [InlineData("ogc/collections/parcels/tiles/WorldCRS84Quad/0/0/0")]
    [InlineData("ogc/collections/parcels/tiles/WorldCRS84Quad")]
    [InlineData("ogc/tileMatrixSets/WorldCRS84Quad")]
    public async Task Unknown_collection_or_tile_matrix_set_is_a_404_problem(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
