using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Conformance.Tiles1.TilesConformance;

namespace LandMap.Tests.Conformance.Tiles1;

/// <summary>OGC API - Tiles 1.0, requirements class Tilesets list (/req/tilesets-list).</summary>
public sealed class TilesetsListTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    [Theory]
    [Trait("Requirement", "/req/tilesets-list/tileset-path")]
    [MemberData(nameof(CollectionData), MemberType = typeof(TilesConformance))]
    public async Task Req_tilesets_list_tileset_path_GET_tiles_lists_the_tilesets(string collection)
    {
        using var response = await _client.GetAsync($"ogc/collections/{collection}/tiles");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var doc = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotEmpty(doc["tilesets"]!.AsArray());
    }

    [Theory]
    [Trait("Requirement", "/req/tilesets-list/tileset-links")]
    [MemberData(nameof(CollectionData), MemberType = typeof(TilesConformance))]
    public async Task Req_tilesets_list_tileset_links_each_tileset_has_its_summary_self_and_tiling_scheme(string collection)
    {
        var collectionUrl = $"{server.BaseUrl}/ogc/collections/{collection}";
        var doc = await _client.GetJsonAsync($"ogc/collections/{collection}/tiles");
        foreach (var tileset in doc["tilesets"]!.AsArray().Select(t => t!))
        {
            // The list's JSON schema: dataType, crs and links required; tileMatrixSetURI for a registered TMS.
            Assert.Contains((string?)tileset["dataType"], new[] { "map", "vector", "coverage" });
            Assert.False(string.IsNullOrEmpty((string?)tileset["crs"]));
            Assert.Equal(WebMercatorQuadUri, (string?)tileset["tileMatrixSetURI"]);
            var scheme = Links(tileset, TilingSchemeRel).Single();
            Assert.Equal("WebMercatorQuad", (string?)(await _client.GetJsonAsync((string)scheme["href"]!))["id"]);

            // self: the full tileset metadata, at the resource's URL + /tiles/ + the tile matrix set's id.
            var self = (string)Links(tileset, "self").Single()["href"]!;
            Assert.Equal($"{collectionUrl}/tiles/WebMercatorQuad", self);
            var full = await _client.GetJsonAsync(self);
            Assert.Equal((string?)tileset["dataType"], (string?)full["dataType"]);
            Assert.NotEmpty(Links(full, "item"));
        }
    }
}
