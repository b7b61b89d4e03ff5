using System.Net;
using LandMap.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LandMap.Tests.Conformance.Features1;

/// <summary>
/// OGC API - Features Part 1 /req/core/http: the server conforms to HTTP Semantics (RFC 9110). Here
/// its §9.3.2: a server answers HEAD wherever it answers GET, with GET's status and header fields
/// and no content, and §15.5.6: a 405 lists the methods (HEAD included) in Allow. The routes are
/// enumerated from the service's own endpoint data source, so a route added later is covered too.
/// </summary>
public sealed class HttpTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    /// <summary>Header fields HEAD must carry as GET does (Content-Length where GET sends one).</summary>
    private static readonly string[] SameHeaders = ["Content-Type", "ETag", "Cache-Control", "Content-Crs", "Allow"];

    [Fact, Trait("Requirement", "/req/core/http")]
    public async Task Req_core_http_every_GET_route_answers_HEAD_with_GETs_status_and_headers()
    {
        var urls = await GetRouteUrlsAsync();
        Assert.Contains(urls, u => u.StartsWith("ogc/collections/parcels/items", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith("openapi/", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.Contains("/tiles/WebMercatorQuad/", StringComparison.Ordinal));
        var failures = new List<string>();
        foreach (var url in urls)
        {
            using var get = await SendAsync(HttpMethod.Get, url);
            using var head = await SendAsync(HttpMethod.Head, url);
            if (get.StatusCode != head.StatusCode) { failures.Add($"{url}: GET {(int)get.StatusCode}, HEAD {(int)head.StatusCode}"); continue; }
            foreach (var name in SameHeaders)
            {
                var (g, h) = (HeaderOf(get, name), HeaderOf(head, name));
                if (g != h) failures.Add($"{url}: {name} GET '{g}', HEAD '{h}'");
            }
            if (get.Content.Headers.ContentLength is { } length && head.Content.Headers.ContentLength != length && !await VariesAsync(url))
                failures.Add($"{url}: Content-Length GET {length}, HEAD {head.Content.Headers.ContentLength}");
            if ((await head.Content.ReadAsByteArrayAsync()).Length != 0) failures.Add($"{url}: HEAD sent content");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory, Trait("Requirement", "/req/core/http")]
    [InlineData("ogc/collections/parcels/items?limit=3")]
    [InlineData("ogc/collections/roads/items?limit=2&f=html")]
    [InlineData("ogc/collections/parcels/tiles/WebMercatorQuad/14/6871/13690")]
    public async Task Req_core_http_conditional_HEAD_with_the_GET_ETag_answers_304(string url)
    {
        using var get = await SendAsync(HttpMethod.Get, url);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var etag = get.Headers.ETag!;
        using var request = new HttpRequestMessage(HttpMethod.Head, url);
        request.Headers.IfNoneMatch.Add(etag);
        using var head = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, head.StatusCode);
        Assert.Equal(etag, head.Headers.ETag);
    }

    [Fact, Trait("Requirement", "/req/core/http")]
    public async Task Req_core_http_conditional_HEAD_of_a_feature_answers_304()
    {
        var page = await _client.GetJsonAsync("ogc/collections/parcels/items?limit=1");
        await Req_core_http_conditional_HEAD_with_the_GET_ETag_answers_304($"ogc/collections/parcels/items/{page["features"]![0]!["id"]}");
    }

    [Theory, Trait("Requirement", "/req/core/http")]
    [InlineData("ogc/collections")]
    [InlineData("ogc/collections/parcels/queryables")]
    [InlineData("openapi/ogc.json")]
    public async Task Req_core_http_405_lists_HEAD_beside_GET_in_Allow(string url)
    {
        using var response = await SendAsync(HttpMethod.Delete, url);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var allow = response.Content.Headers.Allow;
        Assert.Contains("GET", allow);
        Assert.Contains("HEAD", allow);
    }

    /// <summary>HEAD is implied by HTTP: the API definitions list GET once per path, so each operationId stays unique.</summary>
    [Theory, Trait("Requirement", "/req/core/http")]
    [InlineData("openapi/v1.json")]
    [InlineData("openapi/ogc.json")]
    public async Task Req_core_http_the_api_definitions_list_no_HEAD_operations(string url)
    {
        var doc = await _client.GetJsonAsync(url);
        Assert.DoesNotContain(doc["paths"]!.AsObject(), p => p.Value!["head"] is not null);
        var ids = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).Select(o => (string?)o.Value?["operationId"]).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url)
    {
        using var request = new HttpRequestMessage(method, url);
        // Headers as sent: a buffered body would give Content-Length a value the server never sent.
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    private static string? HeaderOf(HttpResponseMessage r, string name) =>
        r.Headers.TryGetValues(name, out var v) || r.Content.Headers.TryGetValues(name, out v) ? string.Join(",", v) : null;

    /// <summary>True when two GETs of <paramref name="url"/> differ in length (e.g. /metrics counts each request).</summary>
    private async Task<bool> VariesAsync(string url)
    {
        using var a = await SendAsync(HttpMethod.Get, url);
        using var b = await SendAsync(HttpMethod.Get, url);
        return a.Content.Headers.ContentLength != b.Content.Headers.ContentLength;
    }

    /// <summary>A URL for every endpoint that answers GET, route values filled with sample values
    /// that name real data; a route value with no sample fails the test, naming the route.</summary>
    private async Task<List<string>> GetRouteUrlsAsync()
    {
        var parcel = (await _client.GetJsonAsync("ogc/collections/parcels/items?limit=1"))["features"]![0]!;
        var samples = new Dictionary<string, string>
        {
            ["collectionId"] = "parcels",
            ["featureId"] = parcel["id"]!.ToString(),
            ["tileMatrixSetId"] = "WebMercatorQuad",
            ["tileMatrix"] = "14", ["tileRow"] = "6871", ["tileCol"] = "13690",
            ["id"] = "1",
            ["documentName"] = "ogc",
        };
        var urls = new List<string>();
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is not null && !methods.Contains("GET")) continue;
            urls.Add(RouteUrls.Fill(endpoint, (e, name) => name == "code"
                ? e.RoutePattern.RawText!.Contains("parks/", StringComparison.Ordinal) ? "P-JH" : (string)parcel["properties"]!["code"]!
                : samples.GetValueOrDefault(name)));
        }
        return urls.Distinct().ToList();
    }
}
