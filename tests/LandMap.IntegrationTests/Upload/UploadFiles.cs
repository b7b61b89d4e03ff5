using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Geo;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Upload;

/// <summary>Small upload files built in the test (GeoJSON in EPSG:4549 metres) and the calls that send them.</summary>
public static class UploadFiles
{
    private static readonly SourceCrsDef Gk4549 = SourceCrs.Find(4549)!;

    /// <summary>A client of the write server with the test token.</summary>
    public static async Task<(HttpClient Client, WriteServer Server)> WritesAsync(LandMapServer server)
    {
        var ws = await server.WriteServerAsync();
        var client = ws.CreateWriterClient();
        return (client, ws);
    }

    /// <summary>A code no other test uses.</summary>
    public static string Code(string test) => $"UP-{test}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A square of <paramref name="size"/> metres, south-west corner at lon/lat, in EPSG:4549 easting/northing.</summary>
    public static JsonArray Square4549(double lon, double lat, double size, double dx = 0, double dy = 0)
    {
        var (x, y) = SourceCrs.FromStorage(Gk4549, lon, lat);
        x += dx;
        y += dy;
        return new JsonArray(new JsonArray(
            P(x, y), P(x + size, y), P(x + size, y + size), P(x, y + size), P(x, y)));
        static JsonArray P(double x, double y) => new(Math.Round(x, 3), Math.Round(y, 3));
    }

    public static JsonObject Feature(string code, JsonArray polygon, string status = "idle") => new()
    {
        ["type"] = "Feature",
        ["properties"] = new JsonObject
        {
            ["code"] = code, ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = status,
        },
        ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = polygon },
    };

    public static string Collection(params JsonObject[] features) =>
        new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features) }.ToJsonString();

    /// <summary><paramref name="count"/> 40 m squares 50 m apart in rows of 100, south-west corner at lon/lat; codes prefix-0..n.</summary>
    public static string Grid(string prefix, int count, double lon, double lat) =>
        Collection(Enumerable.Range(0, count)
            .Select(i => Feature($"{prefix}-{i}", Square4549(lon, lat, 40, dx: i % 100 * 50, dy: i / 100 * 50))).ToArray());

    public static async Task<(HttpStatusCode Status, JsonNode Body, HttpResponseMessage Response)> PostAsync(
        HttpClient client, string query, string body, string? idempotencyKey = null, bool respondAsync = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/uploads?" + query)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/geo+json"),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (respondAsync) request.Headers.Add("Prefer", "respond-async");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!, response);
    }
}
