using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Tiles;

/// <summary>The documents around the tiles: OGC API - Tiles tilesets, tileset metadata, the
/// WebMercatorQuad definition, TileJSON, conformance and the collections' links.</summary>
public sealed class TileMetadataTests(LandMapServer server)
{
    private const string MvtType = "application/vnd.mapbox-vector-tile";
    private const string TilingScheme = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
    private const string WebMercatorQuadUri = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    private const string Epsg3857 = "http://www.opengis.net/def/crs/EPSG/0/3857";

    private readonly HttpClient _client = server.CreateClient();

    private static JsonNode Link(JsonNode doc, string rel) =>
        doc["links"]!.AsArray().Single(l => (string)l!["rel"]! == rel)!;

    [Fact]
    public async Task Conformance_declares_the_tiles_classes()
    {
        var classes = (await _client.GetJsonAsync("ogc/conformance"))["conformsTo"]!.AsArray().Select(c => (string)c!).ToList();
        foreach (var c in new[] { "core", "tileset", "tilesets-list", "geodata-tilesets", "mvt" })
            Assert.Contains($"http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/{c}", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", classes);
    }

    [Fact]
    public async Task Every_collection_links_its_vector_tilesets()
    {
        var collections = (await _client.GetJsonAsync("ogc/collections"))["collections"]!.AsArray();
        foreach (var c in collections)
        {
            var href = (string)Link(c!, "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector")["href"]!;
            Assert.Equal($"{server.BaseUrl}/ogc/collections/{c!["id"]}/tiles", href);
            var tilesets = await _client.GetJsonAsync(href);
            Assert.Single(tilesets["tilesets"]!.AsArray());
        }
    }

    [Fact]
    public async Task Tilesets_list_gives_the_tileset_its_tiling_scheme_and_tile_template()
    {
        var doc = await _client.GetJsonAsync("ogc/collections/parcels/tiles");
        var tileset = doc["tilesets"]!.AsArray().Single()!;
        Assert.Equal("vector", (string)tileset["dataType"]!);
        Assert.Equal(Epsg3857, (string)tileset["crs"]!);
        Assert.Equal(WebMercatorQuadUri, (string)tileset["tileMatrixSetURI"]!);

        Assert.Equal($"{server.BaseUrl}/ogc/collections/parcels/tiles/WebMercatorQuad", (string)Link(tileset, "self")["href"]!);
        // Two templates of the same tiles: without and with the .mvt extension (issue 14 point 9).
        var items = tileset["links"]!.AsArray().Where(l => (string)l!["rel"]! == "item").ToList();
        Assert.All(items, item => Assert.Equal(MvtType, (string)item!["type"]!));
        Assert.All(items, item => Assert.True((bool)item!["templated"]!));
        var templates = items.Select(i => (string)i!["href"]!).ToList();
        var plain = $"{server.BaseUrl}/ogc/collections/parcels/tiles/WebMercatorQuad/{{tileMatrix}}/{{tileRow}}/{{tileCol}}";
        Assert.Equal([plain, plain + ".mvt"], templates);

        // Each template, filled in, is the same tile; the tiling scheme link is the definition.
        var (x, y) = Slippy.TileAt(120.81, 27.84, 14);
        var bodies = new List<byte[]>();
        foreach (var template in templates)
        {
            using var tile = await _client.GetAsync(template.Replace("{tileMatrix}", "14").Replace("{tileRow}", $"{y}").Replace("{tileCol}", $"{x}"));
            Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
            Assert.Equal(MvtType, tile.Content.Headers.ContentType!.MediaType);
            bodies.Add(await tile.Content.ReadAsByteArrayAsync());
        }
        Assert.NotEmpty(bodies[0]);
        Assert.Equal(bodies[0], bodies[1]);
        var tms = await _client.GetJsonAsync((string)Link(tileset, TilingScheme)["href"]!);
        Assert.Equal("WebMercatorQuad", (string)tms["id"]!);
    }

    [Theory]
    [InlineData("parks", 2)]
    [InlineData("parcels", 2)]
    [InlineData("projects", 0)]
    [InlineData("roads", 1)]
    [InlineData("rivers", 1)]
    [InlineData("reservoirs", 2)]
    [InlineData("plan_zones", 2)]
    [InlineData("control_lines", 2)]
    [InlineData("protected_areas", 2)]
    public async Task Tileset_metadata_describes_the_layer(string collection, int geometryDimension)
    {
        var doc = await _client.GetJsonAsync($"ogc/collections/{collection}/tiles/WebMercatorQuad");
        Assert.Equal("vector", (string)doc["dataType"]!);
        Assert.Equal(Epsg3857, (string)doc["crs"]!);
        Assert.Equal(WebMercatorQuadUri, (string)doc["tileMatrixSetURI"]!);
        Assert.EndsWith("/ogc/tileMatrixSets/WebMercatorQuad", (string)Link(doc, TilingScheme)["href"]!);
        Assert.All(doc["links"]!.AsArray().Where(l => (string)l!["rel"]! == "item"), l => Assert.True((bool)l!["templated"]!));

        var layer = doc["layers"]!.AsArray().Single()!;
        Assert.Equal(collection, (string)layer["id"]!);
        Assert.Equal(geometryDimension, (int)layer["geometryDimension"]!);
        Assert.Equal("integer", (string)layer["propertiesSchema"]!["properties"]!["id"]!["type"]!);
        Assert.Equal("string", (string)layer["propertiesSchema"]!["properties"]!["code"]!["type"]!);

        var lowerLeft = doc["boundingBox"]!["lowerLeft"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.InRange(lowerLeft[0], 120.5, 121.2);
        Assert.InRange(lowerLeft[1], 27.6, 28.1);
    }

    [Fact]
    public async Task TileJson_gives_an_absolute_template_zooms_bounds_and_fields()
    {
        var doc = await _client.GetJsonAsync("ogc/collections/parcels/tiles/WebMercatorQuad/tilejson.json");
        Assert.Equal("3.0.0", (string)doc["tilejson"]!);
        var templates = doc["tiles"]!.AsArray().Select(t => (string)t!).ToList();
        var plain = $"{server.BaseUrl}/ogc/collections/parcels/tiles/WebMercatorQuad/{{z}}/{{y}}/{{x}}";
        Assert.Equal([plain + ".mvt", plain], templates);
        var template = templates[0];
        Assert.Equal(0, (int)doc["minzoom"]!);
        Assert.Equal(22, (int)doc["maxzoom"]!);

        await using var cmd = server.DataSource.CreateCommand(
            "select array[st_xmin(e), st_ymin(e), st_xmax(e), st_ymax(e)] from (select st_extent(geom) as e from parcels) s");
        var extent = (double[])(await cmd.ExecuteScalarAsync())!;
        var bounds = doc["bounds"]!.AsArray().Select(v => (double)v!).ToArray();
        Assert.Equal(extent, bounds);

        var layer = doc["vector_layers"]!.AsArray().Single()!;
        Assert.Equal("parcels", (string)layer["id"]!);
        var fields = layer["fields"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
        Assert.Equal("Number", fields["id"]);
        Assert.Equal("String", fields["code"]);
        Assert.Equal("String", fields["status"]);
        Assert.Equal("Number", fields["area_mu"]);
        Assert.Equal("String", fields["state"]);
        Assert.Equal(["id", "code", "name", "status", "state", "compliance", "noncompliant_rules", "land_use", "land_use_edition", "park_code", "area_mu"], fields.Keys);

        // The template filled in the way TileJSON clients do is a tile.
        var (x, y) = Slippy.TileAt(120.81, 27.84, 14);
        using var tile = await _client.GetAsync(template.Replace("{z}", "14").Replace("{x}", $"{x}").Replace("{y}", $"{y}"));
        Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
        Assert.NotEmpty(await tile.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("parks", "kind")]
    [InlineData("projects", "stage")]
    [InlineData("roads", "grade")]
    [InlineData("rivers", "rectification")]
    [InlineData("reservoirs", "kind")]
    [InlineData("plan_zones", "land_use")]
    [InlineData("control_lines", "kind")]
    [InlineData("protected_areas", "kind")]
    public async Task TileJson_of_each_collection_names_its_layer_and_styling_field(string collection, string field)
    {
        var doc = await _client.GetJsonAsync($"ogc/collections/{collection}/tiles/WebMercatorQuad/tilejson.json");
        var layer = doc["vector_layers"]!.AsArray().Single()!;
        Assert.Equal(collection, (string)layer["id"]!);
        Assert.Equal("String", (string)layer["fields"]![field]!);
    }

    [Fact]
    public async Task TileMatrixSets_lists_WebMercatorQuad_with_its_standard_definition()
    {
        var list = await _client.GetJsonAsync("ogc/tileMatrixSets");
        var entry = list["tileMatrixSets"]!.AsArray().Single()!;
        Assert.Equal("WebMercatorQuad", (string)entry["id"]!);
        Assert.Equal(WebMercatorQuadUri, (string)entry["uri"]!);

        var tms = await _client.GetJsonAsync((string)Link(entry, "self")["href"]!);
        Assert.Equal("WebMercatorQuad", (string)tms["id"]!);
        Assert.Equal(WebMercatorQuadUri, (string)tms["uri"]!);
        Assert.Equal(Epsg3857, (string)tms["crs"]!);
        var matrices = tms["tileMatrices"]!.AsArray();
        Assert.Equal(23, matrices.Count); // zooms 0..22
        // Values of the OGC 2D TMS 2.0 registry (registry/json/WebMercatorQuad.json).
        (int Z, double Scale, double Cell)[] registry =
            [(0, 559082264.028717, 156543.033928041), (14, 34123.6733415964, 9.55462853564703), (22, 133.295598990611, 0.0373227677173712)];
        foreach (var (z, scale, cell) in registry)
        {
            var m = matrices[z]!;
            Assert.Equal($"{z}", (string)m["id"]!);
            Assert.Equal(scale, (double)m["scaleDenominator"]!, scale * 1e-12);
            Assert.Equal(cell, (double)m["cellSize"]!, cell * 1e-12);
            Assert.Equal(1 << z, (int)m["matrixWidth"]!);
            Assert.Equal(1 << z, (int)m["matrixHeight"]!);
            Assert.Equal(256, (int)m["tileWidth"]!);
            Assert.Equal("topLeft", (string)m["cornerOfOrigin"]!);
            var origin = m["pointOfOrigin"]!.AsArray().Select(v => (double)v!).ToArray();
            Assert.Equal(-20037508.3427892, origin[0], 1e-6);
            Assert.Equal(20037508.3427892, origin[1], 1e-6);
        }
    }

    [Fact]
    public async Task Gdal_uses_the_served_definition_as_its_own_GoogleMapsCompatible()
    {
        // GDAL 3.6 (Debian 12) reads TMS definitions by their 1.0 member names, which the document carries too.
        var dir = Directory.CreateTempSubdirectory("landmap-tms-");
        try
        {
            var source = Path.Combine(dir.FullName, "zone.tif");
            await GdalTools.RunAsync("gdal_create", "-of", "GTiff", "-outsize", "16", "16", "-bands", "1",
                "-a_srs", "EPSG:4326", "-a_ullr", "120.70", "27.98", "120.95", "27.78", source);
            async Task<string> Grid(string tilingScheme, string name)
            {
                var cog = Path.Combine(dir.FullName, name);
                await GdalTools.RunAsync("gdal_translate", "-q", "-of", "COG", "-co", $"TILING_SCHEME={tilingScheme}", source, cog);
                var info = await GdalTools.RunAsync("gdalinfo", cog);
                return string.Join('\n', info.Split('\n').Where(l => l.StartsWith("Size is") || l.StartsWith("Origin") || l.StartsWith("Pixel Size")));
            }
            var url = $"{server.BaseUrl}/ogc/tileMatrixSets/WebMercatorQuad";
            var builtIn = await Grid("GoogleMapsCompatible", "builtin.tif");
            Assert.Contains("Origin", builtIn);
            // By URL, and as the JSON text itself (the way GDAL's OGCAPI driver hands it over).
            Assert.Equal(builtIn, await Grid(url, "by-url.tif"));
            Assert.Equal(builtIn, await Grid(await _client.GetStringAsync(url), "by-text.tif"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task OpenApi_documents_the_tile_route()
    {
        var openapi = await _client.GetJsonAsync("openapi/v1.json");
        var paths = openapi["paths"]!.AsObject().Select(kv => kv.Key).ToList();
        // OGC API - Tiles' parameter names (/req/core/tc-tilematrix-definition), with and without .mvt.
        Assert.Contains("/ogc/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}", paths);
        Assert.Contains("/ogc/collections/{collectionId}/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}.mvt", paths);
        Assert.Contains("/ogc/tileMatrixSets/{tileMatrixSetId}", paths);
    }
}
