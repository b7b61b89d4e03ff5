using LandMap.Api.Domain;
using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Features1;

/// <summary>
/// OGC API - Features Part 1 links: /req/core/f-links (a feature), /req/core/fc-links (a page of
/// features), /req/core/fc-md-links (the collections), /req/core/sfc-md-success (a collection repeats
/// its links of /collections). Every link is followed: it answers 200 in the media type it names.
/// </summary>
public sealed class LinksTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    public static TheoryData<string> Collections() => new(CollectionCatalog.All.Select(c => c.Id));

    [Theory, MemberData(nameof(Collections)), Trait("Requirement", "/req/core/f-links")]
    public async Task Req_core_f_links_a_feature_links_itself_its_html_alternate_and_its_collection(string collection)
    {
        var id = (await _client.GetJsonAsync($"ogc/collections/{collection}/items?limit=1"))["features"]![0]!["id"]!.ToString();
        var feature = await _client.GetJsonAsync($"ogc/collections/{collection}/items/{id}");
        var self = await FollowAsync(feature, "self", "application/geo+json");
        Assert.Equal(id, self!["id"]!.ToString());
        await FollowAsync(feature, "alternate", "text/html");
        var parent = await FollowAsync(feature, "collection", "application/json");
        Assert.Equal(collection, (string)parent!["id"]!);
    }

    [Theory, MemberData(nameof(Collections)), Trait("Requirement", "/req/core/fc-links")]
    public async Task Req_core_fc_links_a_page_links_itself_and_its_html_alternate_of_the_same_selection(string collection)
    {
        var url = $"ogc/collections/{collection}/items?limit=2&sortby=-code";
        var page = await _client.GetJsonAsync(url);
        var self = await FollowAsync(page, "self", "application/geo+json");
        Assert.Equal(Ids(page), Ids(self!));
        var alternate = Single(page, "alternate", "text/html");
        // The same selection: every parameter of the request is kept.
        Assert.Contains("limit=2", (string)alternate["href"]!);
        Assert.Contains("sortby=-code", (string)alternate["href"]!);
        await FollowAsync(page, "alternate", "text/html");
    }

    [Fact, Trait("Requirement", "/req/core/fc-md-links")]
    public async Task Req_core_fc_md_links_the_collections_link_themselves_and_their_html_alternate()
    {
        var doc = await _client.GetJsonAsync("ogc/collections");
        var self = await FollowAsync(doc, "self", "application/json");
        Assert.Equal(doc["collections"]!.AsArray().Count, self!["collections"]!.AsArray().Count);
        await FollowAsync(doc, "alternate", "text/html");
    }

    [Theory, MemberData(nameof(Collections)), Trait("Requirement", "/req/core/sfc-md-success")]
    public async Task Req_core_sfc_md_success_a_collection_has_every_link_it_has_in_the_collections(string collection)
    {
        var listed = (await _client.GetJsonAsync("ogc/collections"))["collections"]!.AsArray().Single(c => (string)c!["id"]! == collection)!;
        var alone = await _client.GetJsonAsync($"ogc/collections/{collection}");
        var links = alone["links"]!.AsArray().Select(l => l!.ToJsonString()).ToHashSet();
        foreach (var link in listed["links"]!.AsArray()) Assert.Contains(link!.ToJsonString(), links);
        await FollowAsync(alone, "self", "application/json");
        await FollowAsync(alone, "alternate", "text/html");
    }

    /// <summary>Every OGC JSON document served also as HTML links its HTML alternate, and the HTML
    /// page names the JSON as its alternate in turn.</summary>
    [Theory, Trait("Requirement", "/req/core/fc-links")]
    [InlineData("ogc")]
    [InlineData("ogc/conformance")]
    [InlineData("ogc/collections")]
    [InlineData("ogc/collections/roads")]
    [InlineData("ogc/collections/roads/items?limit=3")]
    public async Task Req_core_fc_links_json_and_html_link_each_other(string url)
    {
        var json = await _client.GetJsonAsync(url);
        var html = Single(json, "alternate", "text/html");
        var page = await _client.GetStringAsync((string)html["href"]!);
        var self = (string)Single(json, "self", null)["href"]!;
        Assert.Contains($"<link rel=\"alternate\" type=\"{(string)Single(json, "self", null)["type"]!}\" href=\"{System.Net.WebUtility.HtmlEncode(self)}\">", page);
    }

    /// <summary>Queryables are a JSON Schema, with no links member: the HTML alternate is in a Link header.</summary>
    [Fact, Trait("Requirement", "/req/core/fc-links")]
    public async Task Req_core_fc_links_queryables_name_their_html_alternate_in_a_link_header()
    {
        using var response = await _client.GetAsync("ogc/collections/roads/queryables");
        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("rel=\"alternate\"", link);
        Assert.Contains("type=\"text/html\"", link);
        var href = link[(link.IndexOf('<') + 1)..link.IndexOf('>')];
        using var html = await _client.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
    }

    private static List<string> Ids(JsonNode page) => page["features"]!.AsArray().Select(f => f!["id"]!.ToString()).ToList();

    private static JsonNode Single(JsonNode doc, string rel, string? type)
    {
        var links = doc["links"]!.AsArray().Where(l => (string)l!["rel"]! == rel && (type is null || (string?)l["type"] == type)).ToList();
        Assert.True(links.Count == 1, $"{links.Count} links with rel {rel} and type {type} in {doc["links"]!.ToJsonString()}");
        Assert.False(string.IsNullOrEmpty((string?)links[0]!["type"]), $"the {rel} link has no type");
        return links[0]!;
    }

    /// <summary>Follows the link of <paramref name="rel"/> and <paramref name="type"/>; its JSON, or null for HTML.</summary>
    private async Task<JsonNode?> FollowAsync(JsonNode doc, string rel, string type)
    {
        var href = (string)Single(doc, rel, type)["href"]!;
        using var response = await _client.GetAsync(href);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{rel} {href}: {(int)response.StatusCode}");
        Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        return type == "text/html" ? null : JsonNode.Parse(await response.Content.ReadAsStringAsync());
    }
}
