using LandMap.Api.Domain;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Features5;

/// <summary>
/// OGC API - Features Part 5 "Schemas" (23-058, co-branded OGC API - Common Part 3), classes
/// Schemas and Returnables and Receivables, from the standard's abstract test suite (annex A):
/// every collection's schema, reached from the collection's link, checked as the ATS says.
/// </summary>
public sealed class SchemasTests(LandMapServer server)
{
    private const string SchemaRel = "http://www.opengis.net/def/rel/ogc/1.0/schema";
    private const string SchemaMedia = "application/schema+json";
    private readonly HttpClient _client = server.CreateClient();

    public static TheoryData<string> Collections => new(CollectionCatalog.All.Select(c => c.Id));

    /// <summary>GET with Accept: application/schema+json; the status, the media type and the body.</summary>
    private async Task<(HttpStatusCode Status, string? MediaType, JsonNode? Body)> GetSchemaAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(SchemaMedia);
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, response.IsSuccessStatusCode ? JsonNode.Parse(text) : null);
    }

    /// <summary>The schema the collection links with the Part 5 relation.</summary>
    private async Task<(string Href, JsonNode Schema)> LinkedSchemaAsync(string collection)
    {
        var doc = await _client.GetJsonAsync($"ogc/collections/{collection}");
        var link = doc["links"]!.AsArray().Single(l => (string?)l!["rel"] == SchemaRel)!;
        var href = (string)link["href"]!;
        var (status, media, body) = await GetSchemaAsync(href);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(SchemaMedia, media);
        return (href, body!);
    }

    [Fact]
    [Trait("Requirement", "/conf/returnables-and-receivables/get-conformance")]
    public async Task Conf_returnables_and_receivables_get_conformance_declares_both_classes()
    {
        var conformsTo = (await _client.GetJsonAsync("ogc/conformance"))["conformsTo"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/schemas", conformsTo);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-5/1.0/conf/returnables-and-receivables", conformsTo);
    }

    [Theory]
    [MemberData(nameof(Collections))]
    [Trait("Requirement", "/req/returnables-and-receivables/link")]
    public async Task Req_returnables_and_receivables_link_from_every_collection_to_its_schema(string collection)
    {
        var doc = await _client.GetJsonAsync($"ogc/collections/{collection}");
        var link = doc["links"]!.AsArray().Single(l => (string?)l!["rel"] == SchemaRel)!;
        Assert.Equal($"{server.BaseUrl}/ogc/collections/{collection}/schema", (string)link["href"]!);
        Assert.Equal(SchemaMedia, (string?)link["type"]);
        // The same listed in /collections.
        var listed = (await _client.GetJsonAsync("ogc/collections"))["collections"]!.AsArray().Single(c => (string?)c!["id"] == collection)!;
        Assert.Contains(listed["links"]!.AsArray(), l => (string?)l!["rel"] == SchemaRel && (string?)l["href"] == (string)link["href"]!);
    }

    [Theory]
    [MemberData(nameof(Collections))]
    [Trait("Requirement", "/req/returnables-and-receivables/op")]
    public async Task Req_returnables_and_receivables_op_get_answers_200_as_schema_json(string collection)
    {
        var (status, media, _) = await GetSchemaAsync($"ogc/collections/{collection}/schema");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(SchemaMedia, media);
        var (missing, _, _) = await GetSchemaAsync("ogc/collections/nowhere/schema");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Theory]
    [MemberData(nameof(Collections))]
    [Trait("Requirement", "/req/schemas/json-schema")]
    public async Task Req_schemas_json_schema_valid_2020_12_with_a_dereferenceable_id_and_type_object(string collection)
    {
        var (href, schema) = await LinkedSchemaAsync(collection);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        var id = new Uri((string)schema["$id"]!);
        Assert.Contains(id.Scheme, new[] { "http", "https" });
        Assert.Equal("", id.Query);
        Assert.Equal(href, id.ToString());
        var (status, media, again) = await GetSchemaAsync(id.ToString());
        Assert.Equal((HttpStatusCode.OK, SchemaMedia), (status, media));
        Assert.True(JsonNode.DeepEquals(schema, again));
        Assert.Equal("object", (string?)schema["type"]);
        var meta = MetaSchemas.Draft202012.Evaluate(JsonDocument.Parse(schema.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(meta.IsValid, JsonSerializer.Serialize(meta));
    }

    [Theory]
    [MemberData(nameof(Collections))]
    [Trait("Requirement", "/req/schemas/properties")]
    public async Task Req_schemas_properties_typed_spatial_by_format_temporal_as_dated_strings(string collection)
    {
        var (_, schema) = await LinkedSchemaAsync(collection);
        foreach (var (name, property) in schema["properties"]!.AsObject())
        {
            var format = (string?)property!["format"];
            if (format?.StartsWith("geometry-", StringComparison.Ordinal) == true)
            {
                // B, C: a spatial property has no type and no $ref, a geometry-<type> format.
                Assert.Null(property["type"]);
                Assert.Null(property["$ref"]);
                Assert.Matches("^geometry-(point|multipoint|linestring|multilinestring|polygon|multipolygon|geometrycollection|any)$", format);
                continue;
            }
            // A: every other property has a type; D: instants are strings with format date or date-time.
            Assert.True(property["type"] is JsonValue, $"{collection}.{name} has no type");
            if (format is "date" or "date-time") Assert.Equal("string", (string?)property["type"]);
            if (name.EndsWith("_on", StringComparison.Ordinal)) Assert.Equal("date", format);
            if (name.EndsWith("_at", StringComparison.Ordinal)) Assert.Equal("date-time", format);
            // H: what is only fetched (computed) is readOnly.
            Assert.True(property["readOnly"] is null || (bool)property["readOnly"]!);
        }
    }

    [Theory]
    [MemberData(nameof(Collections))]
    [Trait("Requirement", "/req/schemas/additional-keywords")]
    public async Task Req_schemas_additional_keywords_are_json_schema_keywords_or_x_prefixed(string collection)
    {
        string[] known = ["$schema", "$id", "type", "title", "description", "properties", "additionalProperties", "format",
            "enum", "maxLength", "minLength", "pattern", "readOnly", "writeOnly", "required", "minimum", "maximum"];
        var (_, schema) = await LinkedSchemaAsync(collection);
        IEnumerable<string> Keywords(JsonObject o) => o.Select(kv => kv.Key);
        foreach (var keyword in Keywords(schema.AsObject()).Concat(schema["properties"]!.AsObject().SelectMany(p => Keywords(p.Value!.AsObject()))))
            Assert.True(known.Contains(keyword) || keyword.StartsWith("x-ogc-", StringComparison.Ordinal), $"{collection}: keyword '{keyword}'");
    }

    [Theory]
    [MemberData(nameof(Collections))]
    [Trait("Requirement", "/req/schemas/role-id")]
    public async Task Req_schemas_role_id_exactly_one_integer_or_string_id(string collection)
    {
        var (_, schema) = await LinkedSchemaAsync(collection);
        var ids = schema["properties"]!.AsObject().Where(p => (string?)p.Value!["x-ogc-role"] == "id").ToList();
        Assert.Single(ids);
        Assert.Contains((string?)ids[0].Value!["type"], new[] { "integer", "string" });
        // Roles are strings (/req/schemas/role).
        Assert.All(schema["properties"]!.AsObject(), p => Assert.True(p.Value!["x-ogc-role"] is null || p.Value["x-ogc-role"]!.GetValueKind() == JsonValueKind.String));
    }

    [Theory]
    [MemberData(nameof(Collections))]
    [Trait("Requirement", "/req/schemas/property-seq")]
    public async Task Req_schemas_property_seq_integers_unique_and_in_the_order_items_return(string collection)
    {
        var (_, schema) = await LinkedSchemaAsync(collection);
        var seqs = schema["properties"]!.AsObject().Select(p => (Name: p.Key, Seq: p.Value!["x-ogc-propertySeq"]!.GetValue<int>())).ToList();
        Assert.Equal(seqs.Count, seqs.Select(s => s.Seq).Distinct().Count());
        var page = await _client.GetJsonAsync($"ogc/collections/{collection}/items?limit=1");
        var returned = page["features"]![0]!["properties"]!.AsObject().Select(kv => kv.Key).ToList();
        Assert.Equal(returned, seqs.Where(s => returned.Contains(s.Name)).OrderBy(s => s.Seq).Select(s => s.Name));
    }

    [Theory]
    [MemberData(nameof(Collections))]
    [Trait("Requirement", "/req/schemas/unit")]
    public async Task Req_schemas_unit_strings_in_ucum_unless_a_unit_language_is_named(string collection)
    {
        var (_, schema) = await LinkedSchemaAsync(collection);
        foreach (var (name, property) in schema["properties"]!.AsObject().Where(p => p.Value!["x-ogc-unit"] is not null))
        {
            Assert.Equal(JsonValueKind.String, property!["x-ogc-unit"]!.GetValueKind());
            Assert.Contains((string?)property["type"], new[] { "number", "integer" });
            // Metres and square metres are UCUM codes; mu and sums of yuan are not, so they name their language.
            var lang = (string?)property["x-ogc-unitLang"];
            if (lang is null) Assert.Matches(@"^(m|m2|10\*4\.m3)$", (string)property["x-ogc-unit"]!);
            if (name.EndsWith("_mu", StringComparison.Ordinal)) Assert.Equal(("mu", "LandMap"), ((string)property["x-ogc-unit"]!, lang));
        }
    }

    [Theory]
    [MemberData(nameof(Collections))]
    [Trait("Requirement", "/req/advanced-property-roles/role-primary-geometry")]
    public async Task Req_role_primary_geometry_one_spatial_property_of_the_collections_type(string collection)
    {
        var (_, schema) = await LinkedSchemaAsync(collection);
        var geometries = schema["properties"]!.AsObject().Where(p => (string?)p.Value!["x-ogc-role"] == "primary-geometry").ToList();
        var geometry = Assert.Single(geometries).Value!;
        var page = await _client.GetJsonAsync($"ogc/collections/{collection}/items?limit=1");
        var served = (string)page["features"]![0]!["geometry"]!["type"]!;
        Assert.Equal("geometry-" + served.ToLowerInvariant(), (string?)geometry["format"]);
    }

    [Theory]
    [MemberData(nameof(Collections))]
    [Trait("Requirement", "/req/returnables-and-receivables/response")]
    public async Task Req_returnables_and_receivables_response_every_returned_feature_is_valid_against_the_schema(string collection)
    {
        var (_, schema) = await LinkedSchemaAsync(collection);
        var properties = schema["properties"]!.AsObject();
        Assert.False((bool?)schema["additionalProperties"] ?? true);
        var options = new EvaluationOptions { RequireFormatValidation = true, OutputFormat = OutputFormat.List };
        var validators = properties.ToDictionary(p => p.Key, p => JsonSchema.FromText(Subschema(p.Value!)));
        var idName = properties.Single(p => (string?)p.Value!["x-ogc-role"] == "id").Key;
        // Every feature of the collection (the largest is a few thousand), as a client pages them.
        var features = await _client.AllFeaturesAsync($"ogc/collections/{collection}/items?limit=1000");
        Assert.NotEmpty(features);
        foreach (var feature in features)
        {
            Assert.True(validators[idName].Evaluate(JsonDocument.Parse(feature["id"]!.ToJsonString()).RootElement, options).IsValid);
            foreach (var (name, value) in feature["properties"]!.AsObject())
            {
                Assert.True(validators.ContainsKey(name), $"{collection}: '{name}' returned but not in the schema");
                if (value is null) continue; // no value recorded: every property may be null (the schema says so)
                var result = validators[name].Evaluate(JsonDocument.Parse(value.ToJsonString()).RootElement, options);
                Assert.True(result.IsValid, $"{collection} {feature["id"]}.{name} = {value.ToJsonString()}: {JsonSerializer.Serialize(result)}");
            }
        }
    }

    /// <summary>A property's schema on its own, without the x-ogc- annotations (JSON Schema gives them no
    /// meaning in validation; this validator refuses unknown keywords outright).</summary>
    private static string Subschema(JsonNode property)
    {
        var copy = property.DeepClone().AsObject();
        foreach (var key in copy.Select(kv => kv.Key).Where(k => k.StartsWith("x-", StringComparison.Ordinal)).ToList()) copy.Remove(key);
        copy["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        return copy.ToJsonString();
    }
}
