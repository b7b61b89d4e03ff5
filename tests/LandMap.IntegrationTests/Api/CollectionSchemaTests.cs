using LandMap.Api.Domain;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>The collection schema (Part 5) and the queryables (Part 3) are made from one catalog and
/// one vocabulary: they must say the same of every property they share, and link where clients look.</summary>
public sealed class CollectionSchemaTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    public static TheoryData<string> Collections => new(CollectionCatalog.All.Select(c => c.Id));

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Queryables_and_schema_agree_on_every_property(string collection)
    {
        var schema = (await _client.GetJsonAsync($"ogc/collections/{collection}/schema"))["properties"]!.AsObject();
        var queryables = (await _client.GetJsonAsync($"ogc/collections/{collection}/queryables"))["properties"]!.AsObject();
        foreach (var (name, queryable) in queryables)
        {
            Assert.True(schema.ContainsKey(name), $"{collection}: queryable '{name}' is not in the schema");
            foreach (var keyword in new[] { "type", "format", "enum", "maxLength", "pattern", "readOnly", "x-ogc-role" })
                Assert.True(JsonNode.DeepEquals(queryable![keyword], schema[name]![keyword]),
                    $"{collection}.{name}.{keyword}: queryables {queryable[keyword]?.ToJsonString()}, schema {schema[name]![keyword]?.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Dates_are_dates_and_coded_values_are_the_vocabulary_tables_rows()
    {
        var parcels = (await _client.GetJsonAsync("ogc/collections/parcels/schema"))["properties"]!;
        Assert.Equal(("string", "date"), ((string?)parcels["halted_on"]!["type"], (string?)parcels["halted_on"]!["format"]));
        Assert.Equal(("string", "date"), ((string?)parcels["approved_on"]!["type"], (string?)parcels["approved_on"]!["format"]));
        Assert.Equal(("string", "date-time"), ((string?)parcels["updated_at"]!["type"], (string?)parcels["updated_at"]!["format"]));
        var states = await server.DataSource.ScalarAsync<string[]>("select array_agg(state order by sort) from lifecycle_states");
        Assert.Equal(states, parcels["status"]!["enum"]!.AsArray().Select(v => (string)v!));
        var landUse = await server.DataSource.ScalarAsync<string[]>("select array_agg(distinct code order by code) from land_use_codes");
        Assert.Equal(landUse, parcels["land_use"]!["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(("mu", "LandMap"), ((string?)parcels["area_mu"]!["x-ogc-unit"], (string?)parcels["area_mu"]!["x-ogc-unitLang"]));
        Assert.Equal("批准日期 / Approved on", (string?)parcels["approved_on"]!["title"]);
    }

    [Theory]
    [MemberData(nameof(Collections))]
    public async Task Collection_and_items_link_their_schemas(string collection)
    {
        var links = (await _client.GetJsonAsync($"ogc/collections/{collection}"))["links"]!.AsArray();
        // GDAL's OAPIF driver reads the GeoJSON feature schema from "describedBy" (3.6 compares that spelling exactly).
        var gdal = links.Single(l => (string?)l!["rel"] == "describedBy")!;
        Assert.Equal(("application/schema+json", $"{server.BaseUrl}/ogc/collections/{collection}/schema/feature"), ((string?)gdal["type"], (string?)gdal["href"]));
        var feature = await _client.GetJsonAsync((string)gdal["href"]!);
        Assert.Equal("object", (string?)feature["properties"]!["properties"]!["type"]);
        var part5 = await _client.GetJsonAsync($"ogc/collections/{collection}/schema");
        foreach (var (name, property) in feature["properties"]!["properties"]!["properties"]!.AsObject())
            Assert.True(JsonNode.DeepEquals(property, WithoutSeq(part5["properties"]![name]!)), $"{collection}.{name}");

        var page = await _client.GetJsonAsync($"ogc/collections/{collection}/items?limit=1");
        var describedBy = page["links"]!.AsArray().Single(l => (string?)l!["rel"] == "describedby")!;
        Assert.Equal(($"{server.BaseUrl}/ogc/collections/{collection}/schema", "application/schema+json"), ((string?)describedBy["href"], (string?)describedBy["type"]));
    }

    [Fact]
    public async Task Both_openapi_documents_describe_the_schema_routes_as_schema_json()
    {
        foreach (var (document, prefix) in new[] { ("openapi/v1.json", "/ogc"), ("openapi/ogc.json", "") })
        {
            var paths = (await _client.GetJsonAsync(document))["paths"]!;
            foreach (var path in new[] { "/collections/{collectionId}/schema", "/collections/{collectionId}/schema/feature" })
            {
                var ok = paths[prefix + path]?["get"]?["responses"]?["200"]?["content"]?.AsObject();
                Assert.True(ok?.ContainsKey("application/schema+json") == true, $"{document} {prefix}{path}: {paths[prefix + path]?.ToJsonString()}");
            }
        }
    }

    private static JsonNode WithoutSeq(JsonNode property)
    {
        var copy = property.DeepClone().AsObject();
        copy.Remove("x-ogc-propertySeq");
        return copy;
    }
}
