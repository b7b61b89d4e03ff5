using LandMap.Api.Domain;
using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance;

/// <summary>
/// What the conformance tests share: the collections the standards' "for every collection" runs over,
/// GET with the status and media type checked, and reading links. Written from the abstract test
/// suites of OGC API - Features Parts 1-4 (github.com/opengeospatial/ogcapi-features, tags 1.0.1,
/// part2-1.0.1, part3-1.0.0 and the Part 4 draft), not from our own output.
/// </summary>
internal static class OgcClient
{
    /// <summary>Every feature collection the service offers, each backed by the table of that name.
    /// <see cref="Features1.CoreTests"/> checks that /collections lists exactly these.</summary>
    public static readonly string[] CollectionIds = [.. CollectionCatalog.All.Select(c => c.Id)];

    /// <summary>Theory data: one row per collection.</summary>
    public static TheoryData<string> Collections() => new(CollectionIds);

    public const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    public const string QueryablesRel = "http://www.opengis.net/def/rel/ogc/1.0/queryables";

    /// <summary>A GET that must answer 200 with <paramref name="mediaType"/>; the response and its JSON body.</summary>
    public static async Task<(HttpResponseMessage Response, JsonNode Body)> GetOkAsync(this HttpClient client, string url,
        string mediaType, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {text}");
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return (response, JsonNode.Parse(text)!);
    }

    /// <summary>A GET's status and problem document (null for an empty body).</summary>
    public static async Task<(HttpStatusCode Status, string? MediaType, JsonNode? Body)> GetStatusAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try { body = text.Length == 0 ? null : JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { }
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
    }

    /// <summary>The document's links.</summary>
    public static IReadOnlyList<JsonNode> Links(this JsonNode document) =>
        document["links"]?.AsArray().Select(l => l!).ToList() ?? [];

    /// <summary>The links with relation <paramref name="rel"/>.</summary>
    public static IReadOnlyList<JsonNode> LinksOf(this JsonNode document, string rel) =>
        document.Links().Where(l => (string?)l["rel"] == rel).ToList();

    /// <summary>Every link carries href, rel and type (the "rel and type link parameters" of Part 1).</summary>
    public static void AssertLinksHaveRelAndType(this JsonNode document, string where)
    {
        foreach (var link in document.Links())
        {
            Assert.False(string.IsNullOrEmpty((string?)link["href"]), $"{where}: a link without href: {link.ToJsonString()}");
            Assert.False(string.IsNullOrEmpty((string?)link["rel"]), $"{where}: a link without rel: {link.ToJsonString()}");
            Assert.False(string.IsNullOrEmpty((string?)link["type"]), $"{where}: a link without type: {link.ToJsonString()}");
        }
    }

    /// <summary>The ids of a features response.</summary>
    public static List<long> Ids(this JsonNode featureCollection) =>
        featureCollection["features"]!.AsArray().Select(f => (long)f!["id"]!).ToList();

    /// <summary>Every feature id a listing selects, following its next links (as a client must).</summary>
    public static async Task<List<long>> AllSelectedIdsAsync(this HttpClient client, string url)
    {
        var ids = new List<long>();
        for (var next = url; next is not null;)
        {
            var (_, page) = await client.GetOkAsync(next, "application/geo+json");
            ids.AddRange(page.Ids());
            next = (string?)page.LinksOf("next").FirstOrDefault()?["href"];
        }
        return ids;
    }

    /// <summary>The conformance classes the service declares.</summary>
    public static async Task<List<string>> ConformsToAsync(this HttpClient client) =>
        (await client.GetJsonAsync("ogc/conformance"))["conformsTo"]!.AsArray().Select(c => (string)c!).ToList();

    /// <summary>Collects every position of GeoJSON coordinates: first ordinates, second ordinates.</summary>
    public static void Positions(JsonNode coordinates, List<double> firsts, List<double> seconds)
    {
        var array = coordinates.AsArray();
        if (array.Count > 0 && array[0] is JsonValue)
        {
            firsts.Add((double)array[0]!);
            seconds.Add((double)array[1]!);
            return;
        }
        foreach (var child in array) Positions(child!, firsts, seconds);
    }
}
