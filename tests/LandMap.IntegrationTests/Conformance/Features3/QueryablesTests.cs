using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Conformance.OgcClient;

namespace LandMap.Tests.Conformance.Features3;

/// <summary>
/// OGC API - Features Part 3, requirements class Queryables (/req/queryables/*) and the queryables
/// requirements of Features Filter (/req/features-filter/get-queryables-op, queryables-link), for
/// every collection; the schema checked against the table's own column types.
/// </summary>
public sealed class QueryablesTests(LandMapServer server)
{
    private const string SchemaJson = "application/schema+json";
    private readonly HttpClient _client = server.CreateClient();

    private Task<(HttpResponseMessage Response, JsonNode Body)> QueryablesAsync(string collectionId) =>
        _client.GetOkAsync($"ogc/collections/{collectionId}/queryables", SchemaJson, SchemaJson);

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/queryables/get-queryables-op")]
    public async Task Req_queryables_get_queryables_op_GET_answers_application_schema_json(string collectionId)
    {
        var (_, schema) = await QueryablesAsync(collectionId);
        Assert.Equal("object", (string?)schema["type"]);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/features-filter/get-queryables-op")]
    public async Task Req_features_filter_get_queryables_op_every_collection_has_its_queryables(string collectionId)
    {
        var (_, all) = await _client.GetOkAsync("ogc/collections", "application/json");
        Assert.Contains(all["collections"]!.AsArray(), c => (string?)c!["id"] == collectionId);
        var (response, _) = await QueryablesAsync(collectionId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/queryables/get-queryables-response")]
    public async Task Req_queryables_get_queryables_response_a_2020_12_schema_typed_as_the_columns(string collectionId)
    {
        var (_, schema) = await QueryablesAsync(collectionId);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        Assert.Equal($"{server.BaseUrl}/ogc/collections/{collectionId}/queryables", (string?)schema["$id"]);
        Assert.Equal("object", (string?)schema["type"]);
        var properties = schema["properties"]!.AsObject();
        Assert.NotEmpty(properties);
        var columns = await ColumnTypesAsync(collectionId);
        foreach (var (name, property) in properties)
        {
            var format = (string?)property!["format"];
            if (format?.StartsWith("geometry-", StringComparison.Ordinal) == true)
            {
                // D, E: a spatial property has a geometry format and neither type nor $ref.
                Assert.Null(property["type"]);
                Assert.Null(property["$ref"]);
                Assert.Matches("^geometry-(point|multipoint|linestring|multilinestring|polygon|multipolygon|geometrycollection|any|point-or-multipoint|linestring-or-multilinestring|polygon-or-multipolygon)$", format);
                continue;
            }
            Assert.False(property["type"] is null, $"{name} has no type");  // C
            if (!columns.TryGetValue(name, out var column)) continue;      // computed (e.g. a parcel's state)
            // F: temporal properties are strings with a date or date-time format.
            if (column == "date") Assert.Equal(("string", "date"), ((string?)property["type"], format));
            if (column.StartsWith("timestamp", StringComparison.Ordinal)) Assert.Equal(("string", "date-time"), ((string?)property["type"], format));
            if (column is "integer" or "bigint" or "smallint") Assert.Contains((string?)property["type"], new[] { "integer", "number" });
            if (column is "numeric" or "double precision" or "real") Assert.Equal("number", (string?)property["type"]);
            if (column is "text" or "character varying") Assert.Equal("string", (string?)property["type"]);
        }
        // G: additionalProperties false means any other name in a filter is refused.
        if (schema["additionalProperties"] is JsonValue v && !(bool)v)
        {
            var (status, _, _) = await _client.GetStatusAsync($"ogc/collections/{collectionId}/items?filter={Uri.EscapeDataString("no_such_property = 1")}");
            Assert.Equal(HttpStatusCode.BadRequest, status);
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/queryables/queryables-link")]
    public async Task Req_queryables_queryables_link_the_collection_links_its_queryables(string collectionId) =>
        await AssertQueryablesLinkAsync(collectionId);

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/features-filter/queryables-link")]
    public async Task Req_features_filter_queryables_link_each_collection_resource_links_its_queryables(string collectionId) =>
        await AssertQueryablesLinkAsync(collectionId);

    private async Task AssertQueryablesLinkAsync(string collectionId)
    {
        var (_, collection) = await _client.GetOkAsync($"ogc/collections/{collectionId}", "application/json");
        var link = collection.Links().First(l => (string?)l["rel"] is QueryablesRel or "[ogc-rel:queryables]");
        var (_, schema) = await _client.GetOkAsync((string)link["href"]!, SchemaJson, SchemaJson);
        Assert.Equal("object", (string?)schema["type"]);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/queryables/expression-construction")]
    public async Task Req_queryables_expression_construction_every_queryable_builds_a_filter_and_nothing_else_does(string collectionId)
    {
        var (_, schema) = await QueryablesAsync(collectionId);
        var columns = await ColumnTypesAsync(collectionId);
        foreach (var (name, property) in schema["properties"]!.AsObject())
        {
            var spatial = ((string?)property!["format"])?.StartsWith("geometry-", StringComparison.Ordinal) == true;
            var filter = spatial ? $"S_INTERSECTS({name}, BBOX(120.5, 27.6, 121.2, 28.2))" : $"{name} IS NULL";
            var (status, _, body) = await _client.GetStatusAsync($"ogc/collections/{collectionId}/items?limit=10000&filter={Uri.EscapeDataString(filter)}");
            Assert.True(status == HttpStatusCode.OK, $"{collectionId}: {filter}: {(int)status} {body?.ToJsonString()}");
            if (!spatial && columns.ContainsKey(name))
            {
                var nulls = await server.DataSource.ScalarAsync<long>($"select count(*) from {collectionId} where {name} is null");
                Assert.Equal(nulls, body!["features"]!.AsArray().Count);
            }
        }
        var (refused, _, _) = await _client.GetStatusAsync($"ogc/collections/{collectionId}/items?filter={Uri.EscapeDataString("not_a_queryable IS NULL")}");
        Assert.Equal(HttpStatusCode.BadRequest, refused);
    }

    /// <summary>The table's columns and their SQL types (information_schema's data_type).</summary>
    private async Task<Dictionary<string, string>> ColumnTypesAsync(string table)
    {
        await using var cmd = server.DataSource.CreateCommand(
            "select column_name, data_type from information_schema.columns where table_schema = 'public' and table_name = $1");
        cmd.Parameters.Add(new() { Value = table });
        var columns = new Dictionary<string, string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) columns[r.GetString(0)] = r.GetString(1);
        return columns;
    }
}
