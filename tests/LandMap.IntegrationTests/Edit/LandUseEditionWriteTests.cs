using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Edit;

/// <summary>
/// Part 4 writes read land-use codes with their edition as uploads do (issue 15 §4): a merge patch
/// that changes a code without its edition reads the new code afresh (1104A becomes a 三调 code, not
/// a GB/T 21010-2017 one that does not exist), an ambiguous code is refused, and stating the edition
/// resolves it. On the write server, near 121.02E, 28.125N.
/// </summary>
public sealed class LandUseEditionWriteTests(LandMapServer server)
{
    private const string Items = "ogc/collections/parcels/items";

    private static async Task<(HttpStatusCode Status, JsonNode? Body, string? ETag)> SendAsync(
        HttpClient client, HttpMethod method, string url, JsonNode body, string? ifMatch, string mediaType)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, mediaType) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers.ETag?.ToString());
    }

    private static JsonObject Patch(JsonObject properties) => new() { ["properties"] = properties };

    [Fact]
    public async Task A_patched_code_is_read_in_its_own_edition_and_an_ambiguous_one_needs_its_edition()
    {
        var ws = await server.WriteServerAsync();
        using var client = ws.CreateWriterClient();
        var code = $"ED-W-{Guid.NewGuid().ToString("N")[..8]}";
        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject { ["code"] = code, ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "idle" },
            ["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(
                    new JsonArray(121.02, 28.125), new JsonArray(121.0205, 28.125), new JsonArray(121.0205, 28.1255),
                    new JsonArray(121.02, 28.1255), new JsonArray(121.02, 28.125))),
            },
        };
        var (created, body, etag) = await SendAsync(client, HttpMethod.Post, Items, feature, null, "application/geo+json");
        Assert.True(created == HttpStatusCode.Created, $"{created}: {body}");
        var item = $"{Items}/{(long)body!["id"]!}";

        var (patched, patchedBody, etag2) = await SendAsync(client, HttpMethod.Patch, item,
            Patch(new JsonObject { ["land_use"] = "1104A" }), etag, "application/merge-patch+json");
        Assert.True(patched == HttpStatusCode.OK, $"{patched}: {patchedBody}");
        Assert.Equal("TD/T 1055-2019", (string?)patchedBody!["properties"]!["land_use_edition"]);

        var (ambiguous, problem, _) = await SendAsync(client, HttpMethod.Patch, item,
            Patch(new JsonObject { ["land_use"] = "1001" }), etag2, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ambiguous);
        Assert.Contains("AmbiguousLandUseCode", problem!.ToJsonString());
        Assert.Contains("land_use", problem.ToJsonString());

        var (stated, statedBody, _) = await SendAsync(client, HttpMethod.Patch, item,
            Patch(new JsonObject { ["land_use"] = "1001", ["land_use_edition"] = "2023", ["land_use_planned"] = "1001", ["land_use_planned_edition"] = "2023" }),
            etag2, "application/merge-patch+json");
        Assert.True(stated == HttpStatusCode.OK, $"{stated}: {statedBody}");
        var props = statedBody!["properties"]!;
        Assert.Equal("用地用海分类指南-2023", (string?)props["land_use_edition"]);
        Assert.Equal("用地用海分类指南-2023", (string?)props["land_use_planned_edition"]);
    }
}
