using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Auth;
using LandMap.Tests.Infrastructure;
using LandMap.Tests.Trust;
using static LandMap.Tests.Upload.UploadFiles;

namespace LandMap.Tests.Edit;

/// <summary>
/// A Part 4 DELETE leaves exactly one history row: the last version as it was, operation 'delete',
/// attributed to the deleting token's label, with the versions 1..n kept once each. On the closed
/// site (tokens with labels); parcels and roads at 121.11E, 28.14N, away from the other tests.
/// </summary>
[Collection(ClosedSiteCollection.Name)]
public sealed class DeleteHistoryTests(ClosedSite site)
{
    private const string Crs4549 = "<http://www.opengis.net/def/crs/EPSG/0/4549>";

    /// <summary>A square of EPSG:4549 metres in that CRS's own axis order (northing first), as Content-Crs takes it.</summary>
    private static JsonArray Square(double lon, double lat) => new(new JsonArray(
        Square4549(lon, lat, 50)[0]!.AsArray().Select(p => (JsonNode)new JsonArray(p![1]!.DeepClone(), p[0]!.DeepClone())).ToArray()));

    /// <summary>One kept version: version, operation, changed_by, source and the row as it was (attributes and geometry as text).</summary>
    private sealed record Kept(int Version, string Operation, string ChangedBy, string Source, string Row);

    private static string HistorySql(string collection, long id) => collection == "parcels"
        ? $"select version, operation, changed_by, source, attributes::text || st_astext(geom) from parcel_history where parcel_id = {id} order by version"
        : $"select version, operation, changed_by, source, attributes::text || st_astext(geom) from feature_history where collection = '{collection}' and feature_id = {id} order by version";

    private async Task<List<Kept>> HistoryAsync(string collection, long id)
    {
        await using var cmd = site.DataSource.CreateCommand(HistorySql(collection, id));
        await using var r = await cmd.ExecuteReaderAsync();
        var kept = new List<Kept>();
        while (await r.ReadAsync()) kept.Add(new(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4)));
        return kept;
    }

    /// <summary>The stored row as the history keeps it (attributes without the geometry, then the geometry).</summary>
    private Task<string> CurrentRowAsync(string collection, long id) => site.DataSource.ScalarAsync<string>(
        $"select (to_jsonb(t) - 'geom')::text || st_astext(geom) from {collection} as t where id = {id}");

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? ifMatch = null,
        string? body = null, string mediaType = "application/geo+json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        request.Headers.TryAddWithoutValidation("Content-Crs", Crs4549);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    /// <summary>Creates the feature as a surveyor, patches it once (version 2), deletes it as an admin
    /// with If-Match on version 2, and checks the history around the delete; the id.</summary>
    private async Task<long> CreatePatchDeleteAsync(string collection, JsonObject feature, string patch)
    {
        using var surveyor = site.Client(await site.TokenAsync("surveyor Wang", Roles.Surveyor));
        using var admin = site.Client(await site.TokenAsync("admin Chen", Roles.Admin));
        var items = $"ogc/collections/{collection}/items";
        using var created = await SendAsync(surveyor, HttpMethod.Post, items, body: feature.ToJsonString());
        var id = (long)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
        using (await SendAsync(surveyor, HttpMethod.Patch, $"{items}/{id}", $"\"{collection}-{id}-v1\"", patch, "application/merge-patch+json")) { }
        var before = await HistoryAsync(collection, id);
        var last = await CurrentRowAsync(collection, id);

        using (await SendAsync(admin, HttpMethod.Delete, $"{items}/{id}", $"\"{collection}-{id}-v2\"")) { }

        var after = await HistoryAsync(collection, id);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(before, after.Take(before.Count));
        Assert.Equal([1, 2], after.Select(k => k.Version)); // none skipped or repeated; the delete keeps v2, the ETag deleted
        var deleted = after[^1];
        Assert.Equal(("delete", "admin Chen", "edit"), (deleted.Operation, deleted.ChangedBy, deleted.Source));
        Assert.Equal(last, deleted.Row); // the last version's content as it was, who wrote it included
        Assert.Contains("\"updated_by\": \"surveyor Wang\"", deleted.Row);
        Assert.Equal(("update", "surveyor Wang"), (after[0].Operation, after[0].ChangedBy));
        return id;
    }

    [Fact]
    public async Task Deleting_a_parcel_keeps_one_delete_row_with_the_last_version_by_the_deleter()
    {
        var code = Code("delhist");
        await CreatePatchDeleteAsync("parcels", Feature(code, Square(121.11, 28.14)), """{"properties":{"status":"in_use"}}""");

        using var viewer = site.Client(await site.TokenAsync("viewer Li", Roles.Viewer));
        var history = await viewer.GetFromJsonAsync<JsonObject>($"api/parcels/{code}/history");
        var versions = history!["versions"]!.AsArray().Select(v => ((int)v!["version"]!, (string?)v["operation"], (string?)v["changedBy"]));
        Assert.Equal([(2, "delete", "admin Chen"), (1, "update", "surveyor Wang")], versions);
    }

    [Fact]
    public async Task Deleting_a_road_keeps_one_delete_row_with_the_last_version_by_the_deleter()
    {
        var road = new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject { ["code"] = Code("delroad"), ["name"] = "删除测试路", ["grade"] = "branch", ["stage"] = "planned" },
            ["geometry"] = new JsonObject { ["type"] = "LineString", ["coordinates"] = Square(121.115, 28.14)[0]!.DeepClone() },
        };
        await CreatePatchDeleteAsync("roads", road, """{"properties":{"stage":"open"}}""");
    }
}
