using LandMap.Api.Domain;
using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>OGC API - Features Part 1 Core at /ogc, against the real service and PostGIS.</summary>
public sealed class OgcCoreTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    private static readonly string[] CollectionIds = [.. CollectionCatalog.All.Select(c => c.Id)];

    [Fact]
    public async Task Landing_page_links_api_definition_conformance_and_collections()
    {
        var landing = await _client.GetJsonAsync("ogc");
        var rels = landing["links"]!.AsArray().Select(l => (string)l!["rel"]!).ToList();
        Assert.Contains("service-desc", rels);
        Assert.Contains("conformance", rels);
        Assert.Contains("data", rels);
        Assert.StartsWith(server.BaseUrl, (string)landing["links"]![0]!["href"]!);
    }

    [Fact]
    public async Task Conformance_declares_core_and_geojson()
    {
        var conformance = await _client.GetJsonAsync("ogc/conformance");
        var classes = conformance["conformsTo"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson", classes);
    }

    [Fact]
    public async Task Collections_lists_the_six_with_extents_inside_the_zone()
    {
        var doc = await _client.GetJsonAsync("ogc/collections");
        var collections = doc["collections"]!.AsArray();
        Assert.Equal(CollectionIds.Order(), collections.Select(c => (string)c!["id"]!).Order());
        foreach (var c in collections)
        {
            var bbox = c!["extent"]!["spatial"]!["bbox"]![0]!.AsArray().Select(v => (double)v!).ToArray();
            Assert.InRange(bbox[0], 120.5, 121.2);
            Assert.InRange(bbox[1], 27.6, 28.1);
            Assert.Contains(c["links"]!.AsArray(), l => (string)l!["rel"]! == "items");
        }
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Collection_document_and_first_page_of_items(string id)
    {
        var collection = await _client.GetJsonAsync($"ogc/collections/{id}");
        Assert.Equal(id, (string)collection["id"]!);

        using var response = await _client.GetAsync($"ogc/collections/{id}/items?limit=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("CRS84", response.Headers.GetValues("Content-Crs").Single());
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("FeatureCollection", (string)page["type"]!);
        var features = page["features"]!.AsArray();
        Assert.InRange(features.Count, 1, 5);
        Assert.Equal(features.Count, (int)page["numberReturned"]!);
        Assert.NotNull(features[0]!["geometry"]!["coordinates"]);
        Assert.NotNull(features[0]!["properties"]!["code"]);
    }

    public static TheoryData<string> Collections() => new(CollectionIds);

    [Fact]
    public async Task Default_page_has_100_parcels_with_area_in_mu()
    {
        var page = await _client.GetJsonAsync("ogc/collections/parcels/items");
        var features = page["features"]!.AsArray();
        Assert.Equal(100, features.Count);
        var props = features[0]!["properties"]!;
        var m2 = (double)props["area_m2"]!;
        Assert.Equal(m2 * 15 / 10000, (double)props["area_mu"]!, 3);
    }

    [Fact]
    public async Task Item_by_id_is_the_same_feature_as_in_the_page()
    {
        var page = await _client.GetJsonAsync("ogc/collections/parcels/items?limit=1");
        var first = page["features"]![0]!;
        var id = (long)first["id"]!;
        var item = await _client.GetJsonAsync($"ogc/collections/parcels/items/{id}");
        Assert.Equal("Feature", (string)item["type"]!);
        Assert.Equal(id, (long)item["id"]!);
        Assert.Equal((string)first["properties"]!["code"]!, (string)item["properties"]!["code"]!);
    }

    [Fact]
    public async Task Bbox_returns_exactly_the_features_PostGIS_finds()
    {
        const string bbox = "120.80,27.83,120.84,27.87";
        var ids = await _client.AllIdsAsync($"ogc/collections/parcels/items?limit=1000&bbox={bbox}");
        var expected = await server.DataSource.IdsAsync(
            "select id from parcels where st_intersects(geom, st_makeenvelope(120.80, 27.83, 120.84, 27.87, 4490)) order by id");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_items_parameters()
    {
        var doc = await _client.GetJsonAsync("openapi/v1.json");
        Assert.StartsWith("3.0", (string)doc["openapi"]!);
        var parameters = doc["paths"]!["/ogc/collections/{collectionId}/items"]!["get"]!["parameters"]!.AsArray()
            .Select(p => (string)p!["name"]!).ToList();
        Assert.Contains("bbox", parameters);
        Assert.Contains("limit", parameters);
        Assert.Contains("cursor", parameters);
    }
}
