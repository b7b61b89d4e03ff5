using System.Text.Json;
using System.Text.Json.Nodes;

namespace LandMap.Tests.Infrastructure;

internal static class Json
{
    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public static string? NextLink(this JsonNode page) =>
        page["links"]!.AsArray().FirstOrDefault(l => (string?)l!["rel"] == "next")?["href"]?.GetValue<string>();

    /// <summary>Every feature of a listing, following next links to the end.</summary>
    public static async Task<List<JsonNode>> AllFeaturesAsync(this HttpClient client, string url)
    {
        var features = new List<JsonNode>();
        for (var next = url; next is not null;)
        {
            var page = await client.GetJsonAsync(next);
            features.AddRange(page["features"]!.AsArray().Select(f => f!));
            next = page.NextLink();
        }
        return features;
    }

    /// <summary>The ids of every feature of a listing, in the order served.</summary>
    public static async Task<List<long>> AllIdsAsync(this HttpClient client, string url) =>
        (await client.AllFeaturesAsync(url)).Select(f => (long)f["id"]!).ToList();

    public static JsonElement Parse(string s) => JsonDocument.Parse(s).RootElement;
}
