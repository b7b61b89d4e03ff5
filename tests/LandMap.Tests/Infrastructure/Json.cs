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

    public static JsonElement Parse(string s) => JsonDocument.Parse(s).RootElement;
}
