using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Features1;

/// <summary>
/// OGC API - Features Part 1, requirements class HTML (/conf/html): every operation of Core answers
/// text/html when HTML is asked for (/req/html/definition), and the page is an HTML 5 document holding
/// all the information of the JSON response and all its links as &lt;a&gt; (/req/html/content).
/// </summary>
public sealed partial class HtmlTests(LandMapServer server)
{
    private const string HtmlClass = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html";
    private readonly HttpClient _client = server.CreateClient();

    /// <summary>The Core operations, plus queryables (Part 3), whose JSON has an HTML twin.</summary>
    private async Task<List<string>> OperationsAsync()
    {
        var road = (await _client.GetJsonAsync("ogc/collections/roads/items?limit=1"))["features"]![0]!["id"]!;
        return
        [
            "ogc", "ogc/conformance", "ogc/collections", "ogc/collections/parcels", "ogc/collections/roads",
            "ogc/collections/roads/items?limit=3", $"ogc/collections/roads/items/{road}", "ogc/collections/roads/queryables",
        ];
    }

    [Fact, Trait("Requirement", "/req/html/definition")]
    public async Task Req_html_definition_every_operation_answers_text_html_by_f_and_by_accept()
    {
        var conformance = await _client.GetJsonAsync("ogc/conformance");
        Assert.Contains(HtmlClass, conformance["conformsTo"]!.AsArray().Select(c => (string)c!));
        foreach (var url in await OperationsAsync())
        {
            await HtmlAsync(url + (url.Contains('?') ? "&" : "?") + "f=html");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
            using var response = await _client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} (Accept: text/html): {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact, Trait("Requirement", "/req/html/content")]
    public async Task Req_html_content_every_page_holds_every_value_and_every_link_of_the_json()
    {
        foreach (var url in await OperationsAsync())
        {
            var json = await _client.GetJsonAsync(url);
            var html = await HtmlAsync(url + (url.Contains('?') ? "&" : "?") + "f=html");
            Assert.StartsWith("<!doctype html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
            var body = html[html.IndexOf("<body>", StringComparison.Ordinal)..];
            var anchors = AnchorHref().Matches(body).Select(m => WithoutF(WebUtility.HtmlDecode(m.Groups[1].Value))).ToHashSet();
            var text = WebUtility.HtmlDecode(body);
            foreach (var (path, value) in Scalars(json, ""))
            {
                // The time of each response differs; the HTML page is not counted (no numberMatched); GeoJSON's
                // "type": "Feature"/"FeatureCollection" marks the structure the table shows.
                if (path is ".timeStamp" or ".numberMatched" or ".type" || TypeMarker().IsMatch(path)) continue;
                if (path.EndsWith(".href", StringComparison.Ordinal))
                    Assert.True(anchors.Contains(WithoutF(value)), $"{url}: no <a> to {value} ({path})");
                else
                    Assert.True(text.Contains(value, StringComparison.Ordinal), $"{url}: {path} = '{value}' is not on the page");
            }
        }
    }

    private async Task<string> HtmlAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Every scalar of the document with its path; numbers and strings as JSON writes them.</summary>
    private static IEnumerable<(string Path, string Value)> Scalars(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => Scalars(p.Value, $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((n, i) => Scalars(n, $"{path}[{i}]")),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => [(path, (string)v!)],
        JsonValue v => [(path, v.ToJsonString())],
        _ => [],
    };

    /// <summary>A link without its f parameter: the next page of the HTML view keeps f=html, the JSON's does not.</summary>
    private static string WithoutF(string href) => FParameter().Replace(href, "").TrimEnd('?', '&').Replace("?&", "?");

    [GeneratedRegex("<a [^>]*href=\"([^\"]*)\"")]
    private static partial Regex AnchorHref();

    [GeneratedRegex(@"^\.features\[\d+\]\.type$")]
    private static partial Regex TypeMarker();

    [GeneratedRegex("(?<=[?&])f=[a-z]+&?")]
    private static partial Regex FParameter();
}
