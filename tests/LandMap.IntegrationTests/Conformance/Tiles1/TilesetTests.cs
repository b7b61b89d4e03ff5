using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Conformance.Tiles1.TilesConformance;

namespace LandMap.Tests.Conformance.Tiles1;

/// <summary>OGC API - Tiles 1.0, requirements class Tileset (/req/tileset).</summary>
public sealed class TilesetTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    [Theory]
    [Trait("Requirement", "/req/tileset/description")]
    [MemberData(nameof(CollectionData), MemberType = typeof(TilesConformance))]
    public async Task Req_tileset_description_json_metadata_with_tms_uri_tiling_scheme_and_templated_item_links(string collection)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"ogc/collections/{collection}/tiles/WebMercatorQuad");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var tileset = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        // 2D TMS 2.0 tileset.json: dataType, crs and links are required.
        Assert.Contains((string?)tileset["dataType"], new[] { "map", "vector", "coverage" });
        Assert.False(string.IsNullOrEmpty((string?)tileset["crs"]));
        // A registered TileMatrixSet: tileMatrixSetURI is its register URI.
        Assert.Equal(WebMercatorQuadUri, (string?)tileset["tileMatrixSetURI"]);

        // The tiling-scheme link resolves to a TileMatrixSet definition (tileMatrixSet.json: crs and tileMatrices required).
        var scheme = Links(tileset, TilingSchemeRel).Single();
        var tms = await _client.GetJsonAsync((string)scheme["href"]!);
        Assert.Equal("WebMercatorQuad", (string?)tms["id"]);
        Assert.NotNull(tms["crs"]);
        Assert.NotEmpty(tms["tileMatrices"]!.AsArray());

        // At least one templated item link with {tileMatrix}, {tileRow}, {tileCol}; a format-specific one states its type.
        var items = Links(tileset, "item");
        Assert.Contains(items, l => ((string)l["href"]!).Contains("{tileMatrix}") && ((string)l["href"]!).Contains("{tileRow}") && ((string)l["href"]!).Contains("{tileCol}"));
        Assert.All(items, l => Assert.True((bool)l["templated"]!));
        Assert.All(items, l => Assert.Equal(MvtType, (string?)l["type"]));
        // Substituted, each template is a tile of that type.
        foreach (var item in items)
        {
            using var tile = await _client.GetAsync(Fill((string)item["href"]!, 0, 0, 0));
            Assert.Equal(HttpStatusCode.OK, tile.StatusCode);
            Assert.Equal(MvtType, tile.Content.Headers.ContentType!.MediaType);
        }
    }
}
