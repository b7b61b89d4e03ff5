using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Conformance.Features4;

/// <summary>
/// The Part 4 tests' writes, on the write server's own database (never the shared one). A new
/// feature is a copy of a collection's smallest stored feature under a new code, moved into an empty
/// strip of the zone south of the data (120.52-121.2E, 27.62-27.76N; the sample data lies within 120.77-120.94E,
/// 27.79-27.91N): one row per collection, one slot per copy, so copies never overlap each other.
/// </summary>
internal sealed class Writes(WriteServer ws)
{
    private static readonly Dictionary<string, int> Slots = [];

    /// <summary>A free-text property of each collection a replace or patch can change.</summary>
    public static string TextProperty(string collectionId) => collectionId switch
    {
        "parks" or "projects" => "name_en",
        "plan_zones" => "plan_name",
        _ => "name",
    };

    public WriteServer Server => ws;

    /// <summary>A surveyor's client (creates, replaces, updates) and an admin's (deletes too).</summary>
    public HttpClient Writer { get; } = ws.CreateWriterClient();

    public async Task<HttpClient> AdminAsync() => await ws.CreateClientAsync("admin");

    /// <summary>A new feature for <paramref name="collectionId"/> (not yet stored).</summary>
    public async Task<JsonObject> NewFeatureAsync(string collectionId)
    {
        var smallest = (await ws.DataSource.IdsAsync(
            // Among the loaded sample's (other tests write elsewhere in the zone, and at the same time).
            $"select id from {collectionId} where geom && st_makeenvelope(120.76, 27.78, 120.95, 27.92, 4490) " +
            "order by greatest(st_xmax(geom) - st_xmin(geom), st_ymax(geom) - st_ymin(geom)), id limit 1")).Single();
        var stored = await ws.CreateClient().GetJsonAsync($"ogc/collections/{collectionId}/items/{smallest}");
        int slot;
        lock (Slots) Slots[collectionId] = slot = Slots.GetValueOrDefault(collectionId) + 1;
        // 0.014 degrees a slot (the smallest features are at most 0.0127 wide): 45 fit before 121.2E.
        Assert.True(slot <= 45, $"more than 45 copies of {collectionId} in one run: widen the corner in Writes");
        var row = Array.IndexOf(OgcClient.CollectionIds, collectionId);
        var (xs, ys) = (new List<double>(), new List<double>());
        Walk(stored["geometry"]!["coordinates"]!, (x, y) => { xs.Add(x); ys.Add(y); return null; });
        var (dx, dy) = (120.52 + slot * 0.014 - xs.Min(), 27.62 + row * 0.015 - ys.Min());
        var properties = stored["properties"]!.DeepClone().AsObject();
        properties["code"] = $"CF-{collectionId}-{Guid.NewGuid().ToString("N")[..8]}";
        return new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = properties,
            ["geometry"] = new JsonObject
            {
                ["type"] = (string)stored["geometry"]!["type"]!,
                ["coordinates"] = Walk(stored["geometry"]!["coordinates"]!.DeepClone(), (x, y) => new JsonArray(Math.Round(x + dx, 7), Math.Round(y + dy, 7))),
            },
        };
    }

    /// <summary>Creates a new feature; its id, ETag and body as sent.</summary>
    public async Task<(long Id, string ETag, JsonObject Sent)> CreateAsync(string collectionId)
    {
        var feature = await NewFeatureAsync(collectionId);
        var (status, body, response) = await SendAsync(Writer, HttpMethod.Post, $"ogc/collections/{collectionId}/items", feature);
        Assert.True(status == HttpStatusCode.Created, $"POST {collectionId}: {(int)status} {body?.ToJsonString()}");
        return ((long)body!["id"]!, response.Headers.ETag!.ToString(), feature);
    }

    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(HttpClient client,
        HttpMethod method, string url, JsonNode? body = null, string mediaType = "application/geo+json", string? ifMatch = null, string? contentCrs = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, mediaType);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (contentCrs is not null) request.Headers.TryAddWithoutValidation("Content-Crs", $"<{contentCrs}>");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try { json = text.Length == 0 ? null : JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { }
        return (response.StatusCode, json, response);
    }

    /// <summary>The methods an OPTIONS request's Allow header lists (200 required).</summary>
    public async Task<HashSet<string>> AllowAsync(string url)
    {
        using var response = await ws.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Options, url));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"OPTIONS {url}: {(int)response.StatusCode}");
        var allow = response.Content.Headers.Allow.Count > 0 ? response.Content.Headers.Allow
            : response.Headers.TryGetValues("Allow", out var values) ? values.SelectMany(v => v.Split(',')) : [];
        return allow.Select(m => m.Trim().ToUpperInvariant()).Where(m => m.Length > 0).ToHashSet();
    }

    /// <summary>The stored count of <paramref name="sql"/>.</summary>
    public Task<long> CountAsync(string sql) => ws.DataSource.ScalarAsync<long>(sql);

    /// <summary>Whether the stored feature's geometry is the sent GeoJSON geometry (within <paramref name="tolerance"/> degrees, ring orientation aside).</summary>
    public async Task<bool> StoredAsSentAsync(string collectionId, long id, JsonNode sentGeometry, double tolerance = 1e-7) =>
        await CountAsync(FormattableString.Invariant(
            $"select count(*) from {collectionId} where id = {id} and st_hausdorffdistance(geom, st_setsrid(st_geomfromgeojson('{sentGeometry.ToJsonString()}'), 4490)) < {tolerance}")) == 1;

    /// <summary>Rebuilds GeoJSON coordinates, each position through <paramref name="map"/> (a null result keeps it).</summary>
    private static JsonNode Walk(JsonNode coordinates, Func<double, double, JsonNode?> map)
    {
        var array = coordinates.AsArray();
        if (array.Count > 0 && array[0] is JsonValue) return map((double)array[0]!, (double)array[1]!) ?? array;
        var copy = new JsonArray();
        foreach (var child in array) copy.Add(Walk(child!.DeepClone(), map));
        return copy;
    }
}
