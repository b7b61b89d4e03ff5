using System.Net;
using System.Text.Json;
using LandMap.Api.Domain;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Cql2;

/// <summary>CQL2 Functions: the /ogc/functions list and each listed function in filters of both encodings, on PostGIS.</summary>
public sealed class FunctionsTests(LandMapServer server)
{
    private readonly Cql2Db db = new(server);

    [Fact]
    [Trait("Requirement", "/req/functions/get-functions-operation")]
    [Trait("Requirement", "/req/functions/get-functions-response-json")]
    public async Task Req_functions_get_functions_lists_every_function_as_the_schema_says()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("ogc/functions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var functions = doc.RootElement.GetProperty("functions").EnumerateArray().ToList();
        Assert.Equal(["Buffer", "abs", "area", "lower", "upper"], functions.Select(f => f.GetProperty("name").GetString()!).Order(StringComparer.Ordinal));
        string[] types = ["string", "number", "integer", "datetime", "geometry", "boolean"];
        foreach (var f in functions)
        {
            // schema/functions.yml: name and returns required; returns and each arg's type are arrays of the six type names.
            Assert.All(f.GetProperty("returns").EnumerateArray(), t => Assert.Contains(t.GetString(), types));
            Assert.All(f.GetProperty("args").EnumerateArray(), a => Assert.All(a.GetProperty("type").EnumerateArray(), t => Assert.Contains(t.GetString(), types)));
        }
    }

    [Theory]
    [Trait("Requirement", "/req/functions/functions")]
    [Trait("Requirement", "/req/cql2-text/functions")]
    [Trait("Requirement", "/req/cql2-json/functions")]
    [InlineData("lower(code) = 'wzkf-bh-0001'", """{"op": "=", "args": [{"op": "lower", "args": [{"property": "code"}]}, "wzkf-bh-0001"]}""", "code = 'WZKF-BH-0001'")]
    [InlineData("upper(status) IN ('IDLE', 'IN_USE')", """{"op": "in", "args": [{"op": "upper", "args": [{"property": "status"}]}, ["IDLE", "IN_USE"]]}""", "status in ('idle', 'in_use')")]
    [InlineData("abs(plot_ratio - 2) < 0.5", """{"op": "<", "args": [{"op": "abs", "args": [{"op": "-", "args": [{"property": "plot_ratio"}, 2]}]}, 0.5]}""", "plot_ratio > 1.5 and plot_ratio < 2.5")]
    [InlineData("area(geometry) > 100000", """{"op": ">", "args": [{"op": "area", "args": [{"property": "geometry"}]}, 100000]}""", "area_m2 > 100000")]
    public async Task Req_functions_functions_evaluate_to_their_values(string text, string json, string hand) =>
        await db.AssertBoth(text, json, hand);

    [Fact]
    [Trait("Requirement", "/req/functions/functions")]
    public async Task Req_functions_buffer_grows_a_geometry_by_metres_on_the_ellipsoid()
    {
        // Buffer's polygon has its vertices on the circle, so it lies within 1000 m and holds everything within 990 m.
        const string text = "S_INTERSECTS(geometry, Buffer(POINT(120.82 27.85), 1, 'km'))";
        const string json = """{"op": "s_intersects", "args": [{"property": "geometry"}, {"op": "Buffer", "args": [{"type": "Point", "coordinates": [120.82, 27.85]}, 1, "km"]}]}""";
        Assert.Equal(LandMap.Api.Filtering.Cql2Filter.Parse(text), LandMap.Api.Filtering.Cql2Filter.Parse(json, "cql2-json"));
        const string point = "st_setsrid(st_point(120.82, 27.85), 4490)::geography";
        var within1000 = await db.Hand($"st_dwithin(geom::geography, {point}, 1000)", CollectionCatalog.Parcels);
        var within990 = await db.Hand($"st_dwithin(geom::geography, {point}, 990)", CollectionCatalog.Parcels);
        Assert.NotEmpty(within990);
        foreach (var (filter, lang) in new[] { (text, "cql2-text"), (json, "cql2-json") })
        {
            var selected = await db.Select(filter, lang, CollectionCatalog.Parcels);
            Assert.Subset(within1000.ToHashSet(), selected.ToHashSet());
            Assert.Superset(within990.ToHashSet(), selected.ToHashSet());
        }
    }

    [Theory]
    [Trait("Requirement", "/req/functions/functions")]
    [InlineData("avg(windSpeed) < 4", "unknown function 'avg'")]
    [InlineData("lower(area_mu) = 'x'", "argument 1 (value) of lower must be text")]
    [InlineData("abs(1, 2) = 1", "function abs takes 1 argument(s)")]
    [InlineData("S_INTERSECTS(geometry, Buffer(geometry, 1, 'parsec'))", "Buffer units 'parsec' are not known")]
    [InlineData("lower(code)", "a value used as a condition must be a boolean")]
    public void Req_functions_a_call_the_server_cannot_evaluate_is_a_400_naming_it(string filter, string message) =>
        Assert.Contains(message, Cql2Db.Rejected(filter));
}
