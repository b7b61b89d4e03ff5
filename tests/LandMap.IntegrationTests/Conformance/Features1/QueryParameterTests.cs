using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Features1;

/// <summary>
/// OGC API - Features Part 1 /req/core/query-param-unknown and /req/core/query-param-invalid: a query
/// parameter the API definition (the OGC OpenAPI document) does not list is a 400, one it lists is
/// never refused as unknown, and a listed parameter with a value it cannot take is a 400; each
/// answer a problem+json naming the parameter.
/// </summary>
public sealed class QueryParameterTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    /// <summary>Values for the OGC document's path parameters, naming real data.</summary>
    private static readonly Dictionary<string, string> PathValues = new()
    {
        ["collectionId"] = "roads", ["tileMatrixSetId"] = "WebMercatorQuad", ["tileMatrix"] = "14", ["tileRow"] = "6871", ["tileCol"] = "13690",
    };

    public static TheoryData<string> OgcRoutes() => new(
        "ogc", "ogc/conformance", "ogc/collections", "ogc/collections/parcels", "ogc/collections/parcels/items",
        "ogc/collections/parcels/queryables", "ogc/collections/parcels/tiles", "ogc/collections/parcels/tiles/WebMercatorQuad",
        "ogc/collections/parcels/tiles/WebMercatorQuad/tilejson.json", "ogc/tileMatrixSets", "ogc/tileMatrixSets/WebMercatorQuad",
        "ogc/collections/parcels/tiles/WebMercatorQuad/14/6871/13690");

    [Theory, MemberData(nameof(OgcRoutes)), Trait("Requirement", "/req/core/query-param-unknown")]
    public async Task Req_core_query_param_unknown_is_a_400_naming_the_parameter(string route)
    {
        var problem = await ProblemAsync($"{route}?limit_typo=5");
        Assert.Equal("limit_typo", (string)problem["parameter"]!);
        Assert.Contains("limit_typo", (string)problem["detail"]!);
    }

    [Fact, Trait("Requirement", "/req/core/query-param-unknown")]
    public async Task Req_core_query_param_unknown_is_a_400_on_a_feature_too()
    {
        var page = await _client.GetJsonAsync("ogc/collections/parcels/items?limit=1");
        var problem = await ProblemAsync($"ogc/collections/parcels/items/{page["features"]![0]!["id"]}?foo=bar");
        Assert.Equal("foo", (string)problem["parameter"]!);
    }

    /// <summary>The other side: every query parameter the OGC OpenAPI document lists for a GET path
    /// is accepted as a parameter (a value it cannot take may still be a 400, but never as unknown),
    /// so the check and the definition name the same parameters.</summary>
    [Fact, Trait("Requirement", "/req/core/query-param-unknown")]
    public async Task Req_core_query_param_unknown_every_parameter_the_definition_lists_is_known()
    {
        var doc = await _client.GetJsonAsync("openapi/ogc.json");
        var root = (string)doc["servers"]![0]!["url"]!;
        var checkedParameters = 0;
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            if (item!["get"] is not { } get) continue;
            var url = (root.TrimStart('/') + path).TrimEnd('/');
            foreach (var (name, value) in PathValues) url = url.Replace("{" + name + "}", value);
            if (url.Contains("{featureId}"))
                url = url.Replace("{featureId}", (string)(await _client.GetJsonAsync("ogc/collections/roads/items?limit=1"))["features"]![0]!["id"]!.ToString());
            Assert.DoesNotContain("{", url);
            foreach (var parameter in (get["parameters"]?.AsArray() ?? []).Where(p => (string)p!["in"]! == "query"))
            {
                var name = (string)parameter!["name"]!;
                var sample = parameter["schema"]?["enum"]?.AsArray().FirstOrDefault()?.ToString() ?? "x";
                using var response = await _client.GetAsync($"{url}?{Uri.EscapeDataString(name)}={Uri.EscapeDataString(sample)}");
                var body = await response.Content.ReadAsStringAsync();
                Assert.False(response.StatusCode == HttpStatusCode.BadRequest && body.Contains("unknown query parameter"),
                    $"{url}: '{name}' is in the API definition but refused as unknown: {body}");
                checkedParameters++;
            }
        }
        Assert.True(checkedParameters > 20, $"only {checkedParameters} query parameters in the OGC API definition");
    }

    [Theory, Trait("Requirement", "/req/core/query-param-invalid")]
    [InlineData("ogc/collections/parcels/items?limit=abc", "limit")]
    [InlineData("ogc/collections/parcels/items?limit=0", "limit")]
    [InlineData("ogc/collections/parcels/items?bbox=120.8,27.8", "bbox")]
    [InlineData("ogc/collections/parcels/items?datetime=garbage", "datetime")]
    [InlineData("ogc/collections/parcels/items?crs=EPSG:0", "crs")]
    [InlineData("ogc/collections/parcels/items?f=xml", "f")]
    [InlineData("ogc?f=xml", "f")]
    [InlineData("ogc/conformance?f=pdf", "f")]
    [InlineData("ogc/collections?f=xml", "f")]
    [InlineData("ogc/collections/parcels?f=xml", "f")]
    [InlineData("ogc/collections/parcels/queryables?f=xml", "f")]
    [InlineData("ogc/collections/parcels/tiles?f=html", "f")]
    [InlineData("ogc/collections/parcels/tiles/WebMercatorQuad?f=html", "f")]
    [InlineData("ogc/collections/parcels/tiles/WebMercatorQuad/tilejson.json?f=xml", "f")]
    [InlineData("ogc/tileMatrixSets?f=html", "f")]
    // Beyond the OGC routes: an f a route does not serve is never silently answered in another format.
    [InlineData("api/lifecycle?f=html", "f")]
    [InlineData("api/vocabulary?f=xml", "f")]
    [InlineData("api/reports/parks?f=xml", "f")]
    public async Task Req_core_query_param_invalid_is_a_400_naming_the_parameter(string url, string parameter)
    {
        var problem = await ProblemAsync(url);
        Assert.Equal(parameter, (string)problem["parameter"]!);
    }

    private async Task<JsonNode> ProblemAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(body)!;
    }
}
