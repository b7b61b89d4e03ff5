using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Conformance.Tiles1.TilesConformance;

namespace LandMap.Tests.Conformance.Tiles1;

/// <summary>OGC API - Tiles 1.0, requirements class Geodata tilesets (/req/geodata-tilesets).</summary>
public sealed class GeodataTilesetsTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact]
    [Trait("Requirement", "/req/geodata-tilesets/desc-links")]
    public async Task Req_geodata_tilesets_desc_links_every_collection_links_its_tilesets_list()
    {
        var collections = (await _client.GetJsonAsync("ogc/collections"))["collections"]!.AsArray().Select(c => c!).ToList();
        Assert.Equal(Collections.Order(), collections.Select(c => (string)c["id"]!).Order());
        foreach (var listed in collections)
        {
            var id = (string)listed["id"]!;
            var single = await _client.GetJsonAsync($"ogc/collections/{id}");
            foreach (var description in new[] { listed, single })
            {
                var href = (string)Links(description, TilesetsVectorRel).Single()["href"]!;
                Assert.Equal($"{server.BaseUrl}/ogc/collections/{id}/tiles", href);
            }
        }
    }

    [Theory]
    [Trait("Requirement", "/req/geodata-tilesets/operation")]
    [MemberData(nameof(CollectionData), MemberType = typeof(TilesConformance))]
    public async Task Req_geodata_tilesets_operation_the_resource_URL_plus_tiles_lists_at_least_one_tileset(string collection)
    {
        var resource = (string)Links(await _client.GetJsonAsync($"ogc/collections/{collection}"), "self").First()["href"]!;
        using var response = await _client.GetAsync(resource.Split('?')[0] + "/tiles");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["tilesets"]!.AsArray());
    }
}
