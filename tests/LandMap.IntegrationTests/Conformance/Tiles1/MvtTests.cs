using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using LandMap.Tests.Tiles;
using static LandMap.Tests.Conformance.Tiles1.TilesConformance;

namespace LandMap.Tests.Conformance.Tiles1;

/// <summary>OGC API - Tiles 1.0, requirements class Mapbox Vector Tiles (/req/mvt).</summary>
public sealed class MvtTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact]
    [Trait("Requirement", "/req/mvt/content")]
    public async Task Req_mvt_content_one_tile_whose_features_have_geometry_and_type_on_a_grid_mapped_to_the_tile_extent()
    {
        const int z = 14;
        var (col, row) = Slippy.TileAt(ZoneLon, ZoneLat, z);
        using var response = await _client.GetAsync($"ogc/collections/parcels/tiles/WebMercatorQuad/{z}/{row}/{col}.mvt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MvtType, response.Content.Headers.ContentType!.MediaType);
        var tile = await response.Content.ReadAsByteArrayAsync();

        // One tile (GDAL's MVT driver reads it as one tile's layers) whose features each have a typed geometry.
        Assert.Matches(@"^1: parcels \(", await Mvt.LayersAsync(tile, z, col, row));
        var features = (await Mvt.ReadLayerAsync(tile, z, col, row, "parcels"))!;
        Assert.NotEmpty(features);
        Assert.All(features, f => Assert.Contains((string?)f!["geometry"]?["type"], new[] { "Polygon", "MultiPolygon" }));

        // The grid maps linearly onto the tile's extent in the tileset CRS (EPSG:3857), (0,0) its top-left:
        // GDAL, told only z/x/y, puts each parcel wholly inside the tile where PostGIS puts it, to a grid unit.
        await using var cmd = server.DataSource.CreateCommand($"""
            select id, st_xmin(g), st_ymin(g), st_xmax(g), st_ymax(g)
            from (select id, st_transform(geom, 3857) as g from parcels) s
            where st_coveredby(g, st_tileenvelope({z}, {col}, {row}))
            """);
        var expected = new Dictionary<long, double[]>();
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) expected[r.GetInt64(0)] = [r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4)];
        Assert.NotEmpty(expected);
        var unit = 2 * Math.PI * 6378137 / (1 << z) / 4096; // metres of one MVT grid unit at this zoom
        var inside = features.Where(f => expected.ContainsKey((long)f!["properties"]!["id"]!)).ToList();
        Assert.Equal(expected.Count, inside.Count);
        foreach (var f in inside)
        {
            var box = Envelope(f!["geometry"]!);
            var want = expected[(long)f["properties"]!["id"]!];
            for (var i = 0; i < 4; i++) Assert.InRange(box[i], want[i] - 1.5 * unit, want[i] + 1.5 * unit);
        }
    }

    private static double[] Envelope(JsonNode geometry)
    {
        var points = new List<(double X, double Y)>();
        void Walk(JsonNode n)
        {
            var a = n.AsArray();
            if (a.Count > 0 && a[0] is JsonValue) points.Add(((double)a[0]!, (double)a[1]!));
            else foreach (var c in a) Walk(c!);
        }
        Walk(geometry["coordinates"]!);
        return [points.Min(p => p.X), points.Min(p => p.Y), points.Max(p => p.X), points.Max(p => p.Y)];
    }
}
