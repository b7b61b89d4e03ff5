using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Features1;

/// <summary>
/// OGC API - Features Part 1, requirements class OpenAPI 3.0 (/req/oas30/*), from /conf/oas30/*, on
/// the OGC API's own service-desc. Linting both documents is issue 14 point 8's (npm linter).
/// </summary>
public sealed class Oas30Tests(LandMapServer server)
{
    private const string OpenApiJson = "application/vnd.oai.openapi+json;version=3.0";
    private readonly HttpClient _client = server.CreateClient();

    private async Task<JsonNode> ServiceDescAsync()
    {
        var (_, landing) = await _client.GetOkAsync("ogc", "application/json");
        var href = (string)landing.LinksOf("service-desc").Single(l => (string?)l["type"] == OpenApiJson)["href"]!;
        return await _client.GetJsonAsync(href);
    }

    [Fact, Trait("Requirement", "/req/oas30/oas-definition-1")]
    public async Task Req_oas30_oas_definition_1_service_desc_is_OpenAPI_JSON_and_service_doc_HTML()
    {
        var (_, landing) = await _client.GetOkAsync("ogc", "application/json");
        var desc = landing.LinksOf("service-desc").Single(l => (string?)l["type"] == OpenApiJson);
        var doc = landing.LinksOf("service-doc").Single(l => (string?)l["type"] == "text/html");

        using var descRequest = new HttpRequestMessage(HttpMethod.Get, (string)desc["href"]!);
        descRequest.Headers.TryAddWithoutValidation("Accept", OpenApiJson);
        using var descResponse = await _client.SendAsync(descRequest);
        Assert.Equal(HttpStatusCode.OK, descResponse.StatusCode);
        Assert.NotNull(JsonNode.Parse(await descResponse.Content.ReadAsStringAsync())!["openapi"]);

        using var docResponse = await _client.GetAsync((string)doc["href"]!);
        Assert.Equal(HttpStatusCode.OK, docResponse.StatusCode);
        Assert.Equal("text/html", docResponse.Content.Headers.ContentType?.MediaType);
    }

    [Fact, Trait("Requirement", "/req/oas30/oas-definition-2")]
    public async Task Req_oas30_oas_definition_2_the_document_is_OpenAPI_3_0_with_info_and_paths()
    {
        var api = await ServiceDescAsync();
        Assert.Matches(@"^3\.0\.\d+$", (string)api["openapi"]!);
        Assert.False(string.IsNullOrEmpty((string?)api["info"]!["title"]));
        Assert.False(string.IsNullOrEmpty((string?)api["info"]!["version"]));
        var paths = api["paths"]!.AsObject();
        foreach (var path in new[] { "/", "/conformance", "/collections", "/collections/{collectionId}", "/collections/{collectionId}/items", "/collections/{collectionId}/items/{featureId}" })
            Assert.True(paths.ContainsKey(path), $"no path {path}");
        foreach (var (path, item) in paths)
            foreach (var (method, operation) in item!.AsObject().Where(o => o.Key != "parameters"))
                Assert.NotEmpty(operation!["responses"]!.AsObject());
    }

    /// <summary>
    /// The statuses each operation answers in the situations the test drives (success, an unknown
    /// collection or feature, a bad parameter, no token, a wrong token's role, a wrong media type, a
    /// missing or stale If-Match), each checked to be one the definition documents for it.
    /// </summary>
    [Fact, Trait("Requirement", "/req/oas30/completeness")]
    public async Task Req_oas30_completeness_every_status_an_operation_answers_is_documented()
    {
        var api = await ServiceDescAsync();
        foreach (var (method, path, status) in await ObservedStatusesAsync())
        {
            var responses = api["paths"]![path]?[method.ToLowerInvariant()]?["responses"]?.AsObject();
            Assert.True(responses is not null, $"{method} {path} is not in the definition");
            Assert.True(responses!.ContainsKey(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)) || responses.ContainsKey("default"),
                $"{method} {path} answers {(int)status} but documents only {string.Join(", ", responses.Select(r => r.Key))}");
        }
    }

    /// <summary>The error statuses this API answers with (the problems the test drives above), each
    /// described with a response object for the operations that use it.</summary>
    [Fact, Trait("Requirement", "/req/oas30/exceptions-codes")]
    public async Task Req_oas30_exceptions_codes_every_error_status_answered_is_documented()
    {
        var api = await ServiceDescAsync();
        foreach (var (method, path, status) in (await ObservedStatusesAsync()).Where(o => (int)o.Status >= 400))
        {
            var response = api["paths"]![path]![method.ToLowerInvariant()]!["responses"]![((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)];
            Assert.True(response is not null, $"{method} {path}: {(int)status} undocumented");
            Assert.False(string.IsNullOrEmpty((string?)response!["description"]));
        }
    }

    private async Task<List<(string Method, string Path, HttpStatusCode Status)>> ObservedStatusesAsync()
    {
        var ws = await server.WriteServerAsync();
        var anonymous = ws.CreateClient();
        var writer = ws.CreateWriterClient();
        var viewer = await ws.CreateClientAsync("viewer");
        var observed = new List<(string, string, HttpStatusCode)>();
        async Task Observe(HttpClient client, HttpMethod method, string path, string url, string? body = null, string? mediaType = null, string? ifMatch = null)
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, mediaType ?? "application/geo+json");
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            using var response = await client.SendAsync(request);
            observed.Add((method.Method, path, response.StatusCode));
        }

        const string items = "/collections/{collectionId}/items", item = "/collections/{collectionId}/items/{featureId}";
        foreach (var path in new[] { "/", "/conformance", "/collections" })
            await Observe(anonymous, HttpMethod.Get, path, "ogc" + (path == "/" ? "" : path));
        await Observe(anonymous, HttpMethod.Get, "/collections/{collectionId}", "ogc/collections/parcels");
        await Observe(anonymous, HttpMethod.Get, "/collections/{collectionId}", "ogc/collections/nosuch");
        await Observe(anonymous, HttpMethod.Get, "/collections/{collectionId}/queryables", "ogc/collections/parcels/queryables");
        await Observe(anonymous, HttpMethod.Get, "/collections/{collectionId}/queryables", "ogc/collections/nosuch/queryables");
        await Observe(anonymous, HttpMethod.Get, items, "ogc/collections/parcels/items?limit=1");
        await Observe(anonymous, HttpMethod.Get, items, "ogc/collections/parcels/items?limit=zero");
        await Observe(anonymous, HttpMethod.Get, items, "ogc/collections/nosuch/items");
        await Observe(anonymous, HttpMethod.Get, item, "ogc/collections/parcels/items/1");
        await Observe(anonymous, HttpMethod.Get, item, "ogc/collections/parcels/items/1?crs=nonsense");
        await Observe(anonymous, HttpMethod.Get, item, "ogc/collections/parcels/items/999999999");

        const string feature = """{"type":"Feature","properties":{"code":"OAS-1"},"geometry":null}""";
        await Observe(anonymous, HttpMethod.Post, items, "ogc/collections/parcels/items", feature);
        await Observe(viewer, HttpMethod.Post, items, "ogc/collections/parcels/items", feature);
        await Observe(writer, HttpMethod.Post, items, "ogc/collections/parcels/items", feature, "text/plain");
        await Observe(writer, HttpMethod.Post, items, "ogc/collections/parcels/items", feature);          // no geometry: 422
        await Observe(writer, HttpMethod.Post, items, "ogc/collections/parcels/items", "{not json");      // 400
        foreach (var (method, media) in new[] { (HttpMethod.Put, "application/geo+json"), (HttpMethod.Patch, "application/merge-patch+json") })
        {
            await Observe(anonymous, method, item, "ogc/collections/parcels/items/1", feature, media, "\"parcels-1-v1\"");
            await Observe(viewer, method, item, "ogc/collections/parcels/items/1", feature, media, "\"parcels-1-v1\"");
            await Observe(writer, method, item, "ogc/collections/parcels/items/1", feature, media);                           // 428
            await Observe(writer, method, item, "ogc/collections/parcels/items/1", feature, media, "\"parcels-1-v99\"");      // 412
            await Observe(writer, method, item, "ogc/collections/parcels/items/1", feature, "text/plain", "\"parcels-1-v1\""); // 415
            await Observe(writer, method, item, "ogc/collections/parcels/items/1", feature, media, "\"parcels-1-v1\"");       // 422
            await Observe(writer, method, item, "ogc/collections/parcels/items/999999999", feature, media);                  // 404
        }
        await Observe(anonymous, HttpMethod.Delete, item, "ogc/collections/parcels/items/1", ifMatch: "\"parcels-1-v1\"");
        await Observe(writer, HttpMethod.Delete, item, "ogc/collections/parcels/items/1");                                    // 403: admins delete
        // Every write above was refused: parcel 1 is as loaded, and nothing was created.
        Assert.Equal(1, await ws.DataSource.ScalarAsync<int>("select version from parcels where id = 1"));
        Assert.Equal(0L, await ws.DataSource.ScalarAsync<long>("select count(*) from parcels where code = 'OAS-1'"));
        // The situations above drove each of these (so the checks cover them all).
        Assert.Superset(new HashSet<int> { 200, 400, 401, 403, 404, 412, 415, 422, 428 }, observed.Select(o => (int)o.Item3).ToHashSet());
        return observed;
    }

    [Fact, Trait("Requirement", "/req/oas30/security")]
    public async Task Req_oas30_security_the_bearer_scheme_is_described_and_required_by_the_writes()
    {
        var api = await ServiceDescAsync();
        var schemes = api["components"]!["securitySchemes"]!.AsObject();
        var bearer = schemes.Single(s => (string?)s.Value!["type"] == "http" && (string?)s.Value!["scheme"] == "bearer").Key;
        foreach (var (path, method) in new[] { ("/collections/{collectionId}/items", "post"), ("/collections/{collectionId}/items/{featureId}", "put"),
                     ("/collections/{collectionId}/items/{featureId}", "patch"), ("/collections/{collectionId}/items/{featureId}", "delete") })
        {
            var security = (api["paths"]![path]![method]!["security"] ?? api["security"])!.AsArray();
            Assert.Contains(security, requirement => requirement!.AsObject().ContainsKey(bearer));
        }
    }

    /// <summary>A definition path under the server URL (relative to this service, or absolute).</summary>
    private static string Resolve(string serverUrl, string path)
    {
        var joined = (serverUrl.TrimEnd('/') + "/" + path.TrimStart('/')).TrimEnd('/');
        return Uri.IsWellFormedUriString(serverUrl, UriKind.Absolute) ? joined : joined.TrimStart('/');
    }

    [Fact, Trait("Requirement", "/req/oas30/oas-impl")]
    public async Task Req_oas30_oas_impl_every_GET_path_of_the_definition_is_implemented_for_every_collection()
    {
        var api = await ServiceDescAsync();
        var serverUrl = (string)api["servers"]![0]!["url"]!;
        foreach (var (path, item) in api["paths"]!.AsObject())
        {
            if (item!["get"] is null) continue;
            foreach (var collectionId in path.Contains("{collectionId}") ? OgcClient.CollectionIds : [""])
            {
                var featureId = collectionId.Length == 0 ? "" : (await server.DataSource.IdsAsync($"select id from {collectionId} order by id limit 1")).Single().ToString(System.Globalization.CultureInfo.InvariantCulture);
                var url = path.Replace("{collectionId}", collectionId).Replace("{featureId}", featureId)
                    .Replace("{tileMatrixSetId}", "WebMercatorQuad").Replace("{tileMatrix}", "14").Replace("{tileRow}", "6871").Replace("{tileCol}", "13690");
                var (status, _, body) = await _client.GetStatusAsync(Resolve(serverUrl, url));
                Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NoContent, $"GET {url}: {(int)status} {body?.ToJsonString()}");
            }
        }
    }
}
