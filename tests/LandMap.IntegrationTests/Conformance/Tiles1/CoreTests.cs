using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using LandMap.Tests.Tiles;
using static LandMap.Tests.Conformance.Tiles1.TilesConformance;

namespace LandMap.Tests.Conformance.Tiles1;

/// <summary>OGC API - Tiles 1.0, requirements class Core (/req/core), one test per requirement.</summary>
public sealed class CoreTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    private async Task<JsonNode> TileOperationAsync(string documentPath)
    {
        var doc = await _client.GetJsonAsync(documentPath);
        var path = doc["paths"]!.AsObject().Single(kv => kv.Key.EndsWith("/{tileMatrix}/{tileRow}/{tileCol}", StringComparison.Ordinal));
        return path.Value!["get"]!;
    }

    private static JsonNode Parameter(JsonNode operation, string name) =>
        operation["parameters"]!.AsArray().Single(p => (string?)p!["name"] == name)!;

    [Fact]
    [Trait("Requirement", "/req/core/conformance-success")]
    public async Task Req_core_conformance_success_declares_the_tiles_classes()
    {
        using var response = await _client.GetAsync("ogc/conformance");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        // confClasses.yaml: an object whose conformsTo is an array of strings.
        var conformsTo = doc["conformsTo"]!.AsArray().Select(c => (string)c!).ToList();
        foreach (var c in new[] { "core", "tileset", "tilesets-list", "geodata-tilesets", "mvt" })
            Assert.Contains(ConfBase + c, conformsTo);
    }

    [Fact]
    [Trait("Requirement", "/req/core/tc-op")]
    public async Task Req_core_tc_op_tiles_are_got_from_a_three_variable_template_the_API_gives()
    {
        // The mechanism: the tileset's templated item link, whose variables are the tile matrix, row and column.
        var tileset = await _client.GetJsonAsync("ogc/collections/parcels/tiles/WebMercatorQuad");
        var template = TileTemplate(tileset);
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(template, @"\{[^}]+\}").Count);
        // The variables are WebMercatorQuad's (2D TMS): the tile holding the zone's point, computed here.
        const int z = 15;
        var (col, row) = Slippy.TileAt(ZoneLon, ZoneLat, z);
        using var response = await _client.GetAsync(Fill(template, z, row, col));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tile = await response.Content.ReadAsByteArrayAsync();
        var features = await Mvt.ReadLayerAsync(tile, z, col, row, "parcels");
        Assert.Equal(await IdsInTileAsync(server, "parcels", z, col, row), features!.Select(f => (long)f!["properties"]!["id"]!).Order());
        // And the API definition states the template too.
        Assert.NotNull(await TileOperationAsync("openapi/ogc.json"));
    }

    [Theory]
    [Trait("Requirement", "/req/core/tc-tilematrix-definition")]
    [InlineData("openapi/ogc.json")]
    [InlineData("openapi/v1.json")]
    public async Task Req_core_tc_tilematrix_definition_a_required_string_path_parameter(string document)
    {
        var p = Parameter(await TileOperationAsync(document), "tileMatrix");
        Assert.Equal("path", (string?)p["in"]);
        Assert.True((bool)p["required"]!);
        Assert.Equal("string", (string?)p["schema"]!["type"]);
    }

    [Theory]
    [Trait("Requirement", "/req/core/tc-tilerow-definition")]
    [InlineData("openapi/ogc.json")]
    [InlineData("openapi/v1.json")]
    public Task Req_core_tc_tilerow_definition_a_required_integer_path_parameter_from_0(string document) =>
        AssertRequiredIntegerFromZeroAsync(document, "tileRow");

    [Theory]
    [Trait("Requirement", "/req/core/tc-tilecol-definition")]
    [InlineData("openapi/ogc.json")]
    [InlineData("openapi/v1.json")]
    public Task Req_core_tc_tilecol_definition_a_required_integer_path_parameter_from_0(string document) =>
        AssertRequiredIntegerFromZeroAsync(document, "tileCol");

    /// <summary>The fragment both tileRow and tileCol follow: in path, required, integer, minimum 0.</summary>
    private async Task AssertRequiredIntegerFromZeroAsync(string document, string name)
    {
        var p = Parameter(await TileOperationAsync(document), name);
        Assert.Equal("path", (string?)p["in"]);
        Assert.True((bool)p["required"]!);
        Assert.Equal("integer", (string?)p["schema"]!["type"]);
        Assert.Equal(0, (int)p["schema"]!["minimum"]!);
    }

    [Theory]
    [Trait("Requirement", "/req/core/tc-success")]
    [MemberData(nameof(CollectionData), MemberType = typeof(TilesConformance))]
    public async Task Req_core_tc_success_a_tile_with_content_is_a_200_of_the_negotiated_format_holding_what_meets_it(string collection)
    {
        const int z = 13;
        // A tile on the collection's widest feature (protected areas lie outside the parks, where no fixed point would do).
        var lon = await server.DataSource.ScalarAsync<double>(WidestPoint("st_x", collection));
        var lat = await server.DataSource.ScalarAsync<double>(WidestPoint("st_y", collection));
        var (col, row) = Slippy.TileAt(lon, lat, z);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"ogc/collections/{collection}/tiles/WebMercatorQuad/{z}/{row}/{col}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MvtType));
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MvtType, response.Content.Headers.ContentType!.MediaType);
        var features = await Mvt.ReadLayerAsync(await response.Content.ReadAsByteArrayAsync(), z, col, row, collection);
        // Below z14 sub-pixel features are skipped (README "Tiles"): those served are among those meeting the tile.
        var meeting = await IdsInTileAsync(server, collection, z, col, row);
        Assert.NotEmpty(meeting);
        Assert.NotNull(features);
        Assert.NotEmpty(features);
        Assert.Subset(meeting.ToHashSet(), features.Select(f => (long)f!["properties"]!["id"]!).ToHashSet());
    }

    [Theory]
    [Trait("Requirement", "/req/core/tc-error")]
    [InlineData("23/0/0")]          // past the tile matrix set's last tile matrix (zooms 0..22)
    [InlineData("0/1/0")]           // row past MatrixHeight-1
    [InlineData("0/0/1")]           // column past MatrixWidth-1
    [InlineData("14/16384/0")]
    [InlineData("14/0/16384.mvt")]
    public async Task Req_core_tc_error_out_of_range_tiles_are_400_or_404(string tile)
    {
        using var response = await _client.GetAsync($"ogc/collections/parcels/tiles/WebMercatorQuad/{tile}");
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.NotFound });
    }

    [Fact]
    [Trait("Requirement", "/req/core/tc-error")]
    public async Task Req_core_tc_error_a_tile_without_data_in_range_is_204_or_a_blank_200()
    {
        // Over the Pacific at z14: within WebMercatorQuad, no data.
        const int z = 14;
        var (col, row) = Slippy.TileAt(-150, 10, z);
        Assert.Empty(await IdsInTileAsync(server, "parcels", z, col, row));
        using var response = await _client.GetAsync($"ogc/collections/parcels/tiles/WebMercatorQuad/{z}/{row}/{col}");
        if (response.StatusCode == HttpStatusCode.NoContent) return;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MvtType, response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (body.Length > 0) Assert.Null(await Mvt.ReadLayerAsync(body, z, col, row, "parcels"));
    }

    private static string WidestPoint(string axis, string table) =>
        $"select {axis}(st_pointonsurface(geom)) from {table} " +
        "order by st_xmax(geom) - st_xmin(geom) + st_ymax(geom) - st_ymin(geom) desc, id limit 1";
}
