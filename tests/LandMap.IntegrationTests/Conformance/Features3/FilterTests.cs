using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Conformance.OgcClient;

namespace LandMap.Tests.Conformance.Features3;

/// <summary>
/// OGC API - Features Part 3, requirements classes Filter (/req/filter/*) and Features Filter
/// (/req/features-filter/*), for every collection, each result checked against the same selection in
/// SQL. The CQL2 grammar itself is the CQL2 suite's (Conformance/Cql2).
/// </summary>
public sealed class FilterTests(LandMapServer server)
{
    private const string Items = "/collections/{collectionId}/items";
    private const string Epsg4549 = "http://www.opengis.net/def/crs/EPSG/0/4549";
    private readonly HttpClient _client = server.CreateClient();

    /// <summary>The middle of the sample data (about 4 km by 4 km) in CRS84, and the same box in SQL.</summary>
    private const string Box = "120.80, 27.83, 120.84, 27.87";
    private const string BoxSql = "st_transform(st_makeenvelope(120.80, 27.83, 120.84, 27.87, 4326), 4490)";

    private Task<List<long>> ServedAsync(string collectionId, string query) =>
        _client.AllSelectedIdsAsync($"ogc/collections/{collectionId}/items?limit=1000&{query}");

    private Task<List<long>> SelectedAsync(string collectionId, string where) =>
        server.DataSource.IdsAsync($"select id from {collectionId} where {where}");

    private static string Q(string name, string value) => $"{name}={Uri.EscapeDataString(value)}";

    private async Task<string> FirstCodeAsync(string collectionId) =>
        await server.DataSource.ScalarAsync<string>($"select code from {collectionId} order by id limit 1");

    private async Task<JsonNode> ItemsParameterAsync(string name)
    {
        var api = await _client.GetJsonAsync("openapi/ogc.json");
        var parameter = api["paths"]![Items]!["get"]!["parameters"]!.AsArray().SingleOrDefault(p => (string?)p!["name"] == name);
        Assert.True(parameter is not null, $"the items operation does not define '{name}'");
        Assert.Equal("query", (string?)parameter!["in"]);
        return parameter;
    }

    [Fact, Trait("Requirement", "/req/filter/filter-param")]
    public async Task Req_filter_filter_param_items_define_a_string_filter_parameter()
    {
        var parameter = await ItemsParameterAsync("filter");
        Assert.Equal("string", (string?)parameter["schema"]!["type"]);
        Assert.NotEqual(true, (bool?)parameter["required"]);
    }

    [Fact, Trait("Requirement", "/req/filter/filter-lang-param")]
    public async Task Req_filter_filter_lang_param_enum_lists_the_encodings_and_default_is_what_a_bare_filter_is_read_as()
    {
        var schema = (await ItemsParameterAsync("filter-lang"))["schema"]!;
        var languages = schema["enum"]!.AsArray().Select(e => (string)e!).ToList();
        Assert.Contains("cql2-text", languages);
        Assert.Contains("cql2-json", languages);
        var fallback = (string?)schema["default"];
        Assert.Equal("cql2-text", fallback);
        // C: a filter without filter-lang is read in the default encoding.
        var (status, _, _) = await _client.GetStatusAsync($"ogc/collections/parcels/items?limit=1&{Q("filter", "status = 'idle'")}");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact, Trait("Requirement", "/req/filter/filter-crs-param")]
    public async Task Req_filter_filter_crs_param_geometries_in_the_filter_are_read_in_filter_crs()
    {
        Assert.Equal("string", (string?)(await ItemsParameterAsync("filter-crs"))["schema"]!["type"]);
        // B: the box in CGCS2000 Gauss-Kruger (northing, easting), as PostGIS transforms it.
        await using var cmd = server.DataSource.CreateCommand($"select st_xmin(b), st_ymin(b), st_xmax(b), st_ymax(b) from (select st_transform({BoxSql}, 4549) b) s");
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        var (e0, n0, e1, n1) = (r.GetDouble(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3));
        var filter = FormattableString.Invariant($"S_INTERSECTS(geometry, POLYGON(({n0} {e0}, {n0} {e1}, {n1} {e1}, {n1} {e0}, {n0} {e0})))");
        var served = await ServedAsync("parcels", $"{Q("filter", filter)}&{Q("filter-crs", Epsg4549)}");
        var expected = await SelectedAsync("parcels", FormattableString.Invariant($"st_intersects(st_transform(geom, 4549), st_makeenvelope({e0}, {n0}, {e1}, {n1}, 4549))"));
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), served.Order());
        // C: a CRS the collection does not support is an error.
        var (status, _, _) = await _client.GetStatusAsync($"ogc/collections/parcels/items?{Q("filter", filter)}&{Q("filter-crs", "http://www.opengis.net/def/crs/EPSG/0/2000")}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/filter/filter-crs-wgs84")]
    public async Task Req_filter_filter_crs_wgs84_without_filter_crs_geometries_are_CRS84(string collectionId)
    {
        var served = await ServedAsync(collectionId, Q("filter", $"S_INTERSECTS(geometry, BBOX({Box}))"));
        Assert.Equal((await SelectedAsync(collectionId, $"st_intersects(geom, {BoxSql})")).Order(), served.Order());
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/filter/mixing-expressions")]
    public async Task Req_filter_mixing_expressions_bbox_and_filter_are_ANDed(string collectionId)
    {
        var code = await FirstCodeAsync(collectionId);
        var served = await ServedAsync(collectionId, $"bbox={Box.Replace(" ", "")}&{Q("filter", $"code <> '{code}'")}");
        var expected = await SelectedAsync(collectionId, $"st_intersects(geom, {BoxSql}) and code <> '{code}'");
        Assert.Equal(expected.Order(), served.Order());
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/filter/response")]
    public async Task Req_filter_response_items_where_the_filter_is_true_are_in_and_false_are_out(string collectionId)
    {
        var code = await FirstCodeAsync(collectionId);
        Assert.Equal(await SelectedAsync(collectionId, $"code = '{code}'"), await ServedAsync(collectionId, Q("filter", $"code = '{code}'")));
        var others = await ServedAsync(collectionId, Q("filter", $"NOT (code = '{code}')"));
        Assert.Equal((await SelectedAsync(collectionId, $"code <> '{code}'")).Order(), others.Order());
    }

    /// <summary>Conditional on CQL2's Functions class: then /functions lists them (Part 3 7.5).</summary>
    [Fact, Trait("Requirement", "/req/filter/get-functions-operation")]
    public async Task Req_filter_get_functions_operation_when_functions_are_declared_functions_answers_GET()
    {
        if (!(await _client.ConformsToAsync()).Contains("http://www.opengis.net/spec/cql2/1.0/conf/functions")) return;
        var (status, _, _) = await _client.GetStatusAsync("ogc/functions");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact, Trait("Requirement", "/req/filter/get-functions-response-json")]
    public async Task Req_filter_get_functions_response_json_when_functions_are_declared_each_has_a_name_and_returns()
    {
        if (!(await _client.ConformsToAsync()).Contains("http://www.opengis.net/spec/cql2/1.0/conf/functions")) return;
        var (_, doc) = await _client.GetOkAsync("ogc/functions", "application/json");
        foreach (var function in doc["functions"]!.AsArray())
        {
            Assert.False(string.IsNullOrEmpty((string?)function!["name"]));
            Assert.NotEmpty(function["returns"]!.AsArray());
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/features-filter/filter-param")]
    public async Task Req_features_filter_filter_param_every_collections_items_take_filter(string collectionId)
    {
        var code = await FirstCodeAsync(collectionId);
        Assert.Single(await ServedAsync(collectionId, Q("filter", $"code = '{code}'")));
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/features-filter/filter-lang-param")]
    public async Task Req_features_filter_filter_lang_param_every_collections_items_take_text_and_json(string collectionId)
    {
        var code = await FirstCodeAsync(collectionId);
        var text = await ServedAsync(collectionId, $"{Q("filter", $"code = '{code}'")}&filter-lang=cql2-text");
        var json = await ServedAsync(collectionId, $"{Q("filter", $$"""{"op":"=","args":[{"property":"code"},"{{code}}"]}""")}&filter-lang=cql2-json");
        Assert.Single(text);
        Assert.Equal(text, json);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/features-filter/filter-crs-param")]
    public async Task Req_features_filter_filter_crs_param_every_collections_items_take_filter_crs(string collectionId)
    {
        // The whole zone as a 4549 polygon far larger than the data: every feature intersects it.
        const string zone = "POLYGON((3050000 540000, 3050000 620000, 3130000 620000, 3130000 540000, 3050000 540000))";
        var served = await ServedAsync(collectionId, $"{Q("filter", $"S_INTERSECTS(geometry, {zone})")}&{Q("filter-crs", Epsg4549)}");
        var expected = await SelectedAsync(collectionId,
            "st_intersects(st_transform(geom, 4549), st_geomfromtext('POLYGON((540000 3050000, 620000 3050000, 620000 3130000, 540000 3130000, 540000 3050000))', 4549))");
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(), served.Order());
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/features-filter/response")]
    public async Task Req_features_filter_response_filter_and_bbox_both_hold_and_a_bad_filter_parameter_is_400(string collectionId)
    {
        // A-D: a feature is in when the filter AND bbox are true, out when either is false.
        var served = await ServedAsync(collectionId, $"bbox={Box.Replace(" ", "")}&{Q("filter", "code LIKE '%'")}");
        Assert.Equal((await SelectedAsync(collectionId, $"st_intersects(geom, {BoxSql}) and code like '%'")).Order(), served.Order());
        var none = await ServedAsync(collectionId, $"bbox={Box.Replace(" ", "")}&{Q("filter", "code = 'no such code'")}");
        Assert.Empty(none);
        // E: an invalid filter, filter-lang or filter-crs is 400 naming the parameter.
        foreach (var (query, parameter) in new[]
                 {
                     (Q("filter", "code = = 'x'"), "filter"),
                     ($"{Q("filter", "code = 'x'")}&filter-lang=xpath", "filter-lang"),
                     ($"{Q("filter", "code = 'x'")}&filter-crs=not-a-crs", "filter-crs"),
                 })
        {
            var (status, mediaType, body) = await _client.GetStatusAsync($"ogc/collections/{collectionId}/items?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("application/problem+json", mediaType);
            Assert.Equal(parameter, (string?)body!["parameter"]);
        }
    }
}
