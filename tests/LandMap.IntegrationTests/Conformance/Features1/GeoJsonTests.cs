using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Conformance.OgcClient;

namespace LandMap.Tests.Conformance.Features1;

/// <summary>OGC API - Features Part 1, requirements class GeoJSON (/req/geojson/*), from /conf/geojson/*.</summary>
public sealed class GeoJsonTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    private static readonly string[] GeometryTypes = ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"];

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/geojson/definition")]
    public async Task Req_geojson_definition_features_are_geo_json_and_other_resources_json(string collectionId)
    {
        var id = (await server.DataSource.IdsAsync($"select id from {collectionId} order by id limit 1")).Single();
        foreach (var accept in new[] { "application/geo+json", "*/*" })
        {
            await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=2", "application/geo+json", accept);
            await _client.GetOkAsync($"ogc/collections/{collectionId}/items/{id}", "application/geo+json", accept);
        }
        foreach (var url in new[] { "ogc", "ogc/conformance", "ogc/collections", $"ogc/collections/{collectionId}" })
            await _client.GetOkAsync(url, "application/json", "application/json");
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/geojson/content")]
    public async Task Req_geojson_content_items_are_a_GeoJSON_FeatureCollection_with_links_and_an_item_has_its_path_id(string collectionId)
    {
        var (_, page) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=25", "application/geo+json");
        Assert.Equal("FeatureCollection", (string?)page["type"]);
        Assert.NotEmpty(page["features"]!.AsArray());
        foreach (var feature in page["features"]!.AsArray())
            AssertGeoJsonFeature(feature!);
        // C: the fc-links are the foreign member "links" (self and next among them).
        Assert.NotEmpty(page.LinksOf("self"));

        // B: a feature's id is its featureId path parameter.
        var id = (long)page["features"]![0]!["id"]!;
        var (_, one) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items/{id}", "application/geo+json");
        AssertGeoJsonFeature(one);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), one["id"]!.ToJsonString().Trim('"'));
    }

    /// <summary>RFC 7946 3.2: type Feature, a geometry object (or null) and a properties object (or null).</summary>
    private static void AssertGeoJsonFeature(JsonNode feature)
    {
        Assert.Equal("Feature", (string?)feature["type"]);
        Assert.True(feature.AsObject().ContainsKey("geometry"), "no geometry member");
        Assert.True(feature.AsObject().ContainsKey("properties"), "no properties member");
        if (feature["properties"] is { } properties) Assert.IsType<JsonObject>(properties);
        if (feature["geometry"] is not { } geometry) return;
        Assert.Contains((string?)geometry["type"], GeometryTypes);
        Assert.IsType<JsonArray>(geometry["coordinates"]);
        // RFC 7946 3.1.6: a linear ring is closed and has four or more positions.
        if ((string?)geometry["type"] is "Polygon" or "MultiPolygon")
        {
            var polygons = (string?)geometry["type"] == "Polygon" ? [geometry["coordinates"]!.AsArray()] : geometry["coordinates"]!.AsArray().Select(p => p!.AsArray());
            foreach (var ring in polygons.SelectMany(p => p).Select(r => r!.AsArray()))
            {
                Assert.True(ring.Count >= 4, "a ring of fewer than 4 positions");
                Assert.True(JsonNode.DeepEquals(ring[0], ring[^1]), "an open ring");
            }
        }
    }
}
