using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Domain;
using LandMap.Api.Features.Uploads.Formats;
using LandMap.Api.Hosting;
using LandMap.Api.Problems;
using LandMap.Tests.Infrastructure;
using LandMap.Tests.Upload.Formats;

namespace LandMap.Tests.Trust;

/// <summary>
/// Every LandMap:Limits setting, each at its bound (served) and one past it (a 4xx problem naming
/// the parameter and, for the limits of this module, the setting), on a copy of the API whose
/// limits are set small (<see cref="TightLimitsHost"/>).
/// </summary>
public sealed class RequestLimitsTests(LandMapServer server, TightLimitsHost tight) : IClassFixture<TightLimitsHost>
{
    private HttpClient Client(bool token = false) => tight.For(server).CreateClient(token);

    private static async Task<(HttpStatusCode Status, JsonNode? Body, string? Type)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Content.Headers.ContentType?.MediaType);
    }

    private static void AssertProblem((HttpStatusCode Status, JsonNode? Body, string? Type) r, HttpStatusCode status, string parameter, string? setting)
    {
        Assert.True(r.Status == status, $"{r.Status}: {r.Body?.ToJsonString()}");
        Assert.Equal("application/problem+json", r.Type);
        Assert.Equal(parameter, (string?)r.Body!["parameter"]);
        if (setting is not null) Assert.Equal($"LandMap:Limits:{setting}", (string?)r.Body["limit"]);
    }

    [Fact]
    public async Task Page_size_at_the_bound_is_served_and_past_it_is_served_as_the_bound()
    {
        var client = Client();
        var at = await GetAsync(client, "ogc/collections/parcels/items?limit=50");
        Assert.Equal(50, at.Body!["features"]!.AsArray().Count);
        // OGC API - Features: a limit above the server's maximum is no error, it is served as the maximum.
        var past = await GetAsync(client, "ogc/collections/parcels/items?limit=51");
        Assert.Equal(HttpStatusCode.OK, past.Status);
        Assert.Equal(50, past.Body!["features"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_bbox_of_any_size_is_served_and_bounded_by_the_page_size_not_refused()
    {
        // The bbox span bound is gone (issue 14): Part 1 answers the features a box intersects, and
        // the work a world box asks for is bounded by limit and paging, as a request without bbox is.
        var client = Client();
        foreach (var box in new[] { "-180,-90,180,90", "115,25,125,32", "3000000,400000,3200000,700000&bbox-crs=EPSG:4549" })
        {
            var r = await GetAsync(client, "ogc/collections/parcels/items?limit=1000&bbox=" + box);
            Assert.True(r.Status == HttpStatusCode.OK, $"{box}: {r.Status} {r.Body?.ToJsonString()}");
            Assert.Equal(50, r.Body!["features"]!.AsArray().Count);
            Assert.Contains(r.Body["links"]!.AsArray(), l => (string?)l!["rel"] == "next");
        }
    }

    [Fact]
    public async Task Filter_depth_at_the_bound_is_served_and_one_deeper_is_400_naming_filter()
    {
        var client = Client();
        var at = "NOT (status = 'idle' AND park_code = 'P-JH')"; // 3 deep, 8 nodes
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, Items(at))).Status);
        var past = await GetAsync(client, Items("NOT (NOT (status = 'idle' AND park_code = 'P-JH'))"));
        AssertProblem(past, HttpStatusCode.BadRequest, "filter", null);
        Assert.Contains("the limit is 3", (string?)past.Body!["detail"]);
    }

    [Fact]
    public async Task Filter_nodes_at_the_bound_are_served_and_one_more_operation_is_400_naming_filter()
    {
        var client = Client();
        var at = "status = 'idle' AND park_code = 'P-JH' AND land_use = '0601'"; // 1 + 3 * 3 = 10 nodes
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, Items(at))).Status);
        var past = await GetAsync(client, Items(at + " AND code = 'x'"));
        AssertProblem(past, HttpStatusCode.BadRequest, "filter", null);
        Assert.Contains("the limit is 10", (string?)past.Body!["detail"]);
    }

    [Fact]
    public async Task Filter_text_at_the_bound_is_served_and_one_character_more_is_400_naming_filter()
    {
        var client = Client();
        var at = "status = 'idle'".PadRight(100);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, Items(at))).Status);
        var past = await GetAsync(client, Items(at + " "));
        AssertProblem(past, HttpStatusCode.BadRequest, "filter", null);
        Assert.Contains("the limit is 100", (string?)past.Body!["detail"]);
    }

    private static string Items(string filter) => "ogc/collections/parcels/items?limit=1&filter=" + Uri.EscapeDataString(filter);

    [Fact]
    public async Task A_JSON_body_as_deep_as_the_bound_is_read_and_deeper_is_400_naming_body_and_the_limit()
    {
        var client = Client();
        // Polygon object (1) + coordinates 3 deep = 4; the extra member's arrays make up the rest.
        static string Body(int extra) => """{"type":"Polygon","coordinates":[[[120.8,27.8],[120.81,27.8],[120.81,27.81],[120.8,27.8]]],"x":"""
            + new string('[', extra) + new string(']', extra) + "}";
        var at = await PostJsonAsync(client, "api/parcels/intersecting", Body(7)); // 1 + 7 = 8
        Assert.Null(at.Body?["limit"]);
        AssertProblem(await PostJsonAsync(client, "api/parcels/intersecting", Body(8)), HttpStatusCode.BadRequest, "body", "JsonMaxDepth");
    }

    [Fact]
    public async Task A_JSON_body_of_the_bound_size_is_read_and_one_byte_more_is_413_naming_body_and_the_limit()
    {
        var client = Client();
        var polygon = """{"type":"Polygon","coordinates":[[[120.8,27.8],[120.81,27.8],[120.81,27.81],[120.8,27.8]]]}""";
        var at = await PostJsonAsync(client, "api/parcels/intersecting?limit=1", polygon.PadRight(4096));
        Assert.True(at.Status == HttpStatusCode.OK, at.Body?.ToJsonString());
        AssertProblem(await PostJsonAsync(client, "api/parcels/intersecting", polygon.PadRight(4097)),
            HttpStatusCode.RequestEntityTooLarge, "body", "MaxJsonBodyBytes");
    }

    [Fact]
    public async Task An_upload_of_the_bound_number_of_features_is_checked_and_one_more_is_413_naming_the_limit()
    {
        var client = Client(token: true);
        var at = await UploadAsync(client, Collection(Enumerable.Range(0, 3).Select(i => Parcel($"LIM-F-{i}", Ring(5, i)))));
        Assert.True(at.Status == HttpStatusCode.OK, at.Body?.ToJsonString());
        var past = await UploadAsync(client, Collection(Enumerable.Range(0, 4).Select(i => Parcel($"LIM-F-{i}", Ring(5, i)))));
        AssertProblem(past, HttpStatusCode.RequestEntityTooLarge, "body", "MaxFeaturesPerUpload");
        Assert.Equal(3, (int)past.Body!["max"]!);
    }

    [Fact]
    public async Task A_geometry_of_the_bound_vertex_count_is_accepted_and_one_more_is_TooManyVertices()
    {
        var client = Client(token: true);
        var at = await UploadAsync(client, Collection([Parcel("LIM-V-1", Ring(20))]));
        Assert.True(at.Status == HttpStatusCode.OK, at.Body?.ToJsonString());
        var past = await UploadAsync(client, Collection([Parcel("LIM-V-1", Ring(21))]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.Status);
        var problem = past.Body!["report"]!["problems"]!.AsArray().Single()!;
        Assert.Equal("TooManyVertices", (string?)problem["kind"]);
        Assert.Contains("at most 20", (string?)problem["messageEn"]);
    }

    [Fact]
    public async Task An_uploaded_feature_as_deep_as_the_bound_is_read_and_deeper_is_400_naming_the_limit()
    {
        var client = Client(token: true);
        // Feature (1), properties (2), then arrays.
        static string With(int arrays)
        {
            var f = Parcel("LIM-D-1", Ring(5));
            f["properties"]!["note"] = JsonNode.Parse(new string('[', arrays) + new string(']', arrays));
            return Collection([f]);
        }
        var at = await UploadAsync(client, With(6));
        Assert.True(at.Status == HttpStatusCode.OK, at.Body?.ToJsonString());
        AssertProblem(await UploadAsync(client, With(7)), HttpStatusCode.BadRequest, "body", "JsonMaxDepth");
    }

    [Fact]
    public async Task Zip_bounds_come_from_the_settings()
    {
        var limits = (RequestLimits)tight.For(server).Services.GetService(typeof(RequestLimits))!;
        Assert.Equal(2000, limits.ZipMaxRatio);
        using var files = new FormatFiles();
        await files.ShapefileAsync(files.Parcels("parcels.geojson"), "parcels");
        var parts = Directory.GetFiles(files.Dir, "parcels.*").Where(f => !f.EndsWith(".geojson", StringComparison.Ordinal))
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        // 20 MB of zeros deflate about 1000:1: past the default 100:1, within 2000:1.
        var zip = files.Zip("zeros.zip", [.. parts, ("readme.txt", new byte[20 * 1024 * 1024])]);
        Assert.Throws<InvalidParameterException>(() => new ShapefileZipSource(zip, CollectionCatalog.Parcels, limits: RequestLimits.Default.Zip));
        using var source = new ShapefileZipSource(zip, CollectionCatalog.Parcels, limits: limits.Zip);
        var tooSmall = new RequestLimits { ZipMaxExpandedBytes = 20 * 1024 * 1024 }.Zip;
        Assert.Throws<InvalidParameterException>(() => new ShapefileZipSource(zip, CollectionCatalog.Parcels, limits: tooSmall));
    }

    [Fact]
    public void A_limit_out_of_range_stops_the_start()
    {
        var settings = new Dictionary<string, string> { ["LandMap:LoadSampleData"] = "false", ["LandMap:Limits:MaxPageSize"] = "0" };
        var e = Assert.ThrowsAny<Exception>(() => ApiHost.Start(server.ConnectionString, settings));
        Assert.Contains("MaxPageSize", e.ToString());
    }

    /// <summary>A closed ring of <paramref name="points"/> positions (the last repeats the first), counter-clockwise,
    /// around a point of the zone no sample parcel covers; <paramref name="slot"/> moves it east.</summary>
    internal static JsonArray Ring(int points, int slot = 0)
    {
        var ring = new JsonArray();
        var (cx, cy) = (121.02 + slot * 0.002, 28.095);
        for (var i = 0; i < points - 1; i++)
        {
            var a = 2 * Math.PI * i / (points - 1);
            ring.Add(new JsonArray(Math.Round(cx + 0.0005 * Math.Cos(a), 7), Math.Round(cy + 0.0005 * Math.Sin(a), 7)));
        }
        ring.Add(ring[0]!.DeepClone());
        return new JsonArray(ring);
    }

    internal static JsonObject Parcel(string code, JsonArray polygon) => new()
    {
        ["type"] = "Feature",
        ["properties"] = new JsonObject { ["code"] = code, ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "idle" },
        ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = polygon },
    };

    internal static string Collection(IEnumerable<JsonObject> features) =>
        new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray([.. features]) }.ToJsonString();

    internal static async Task<(HttpStatusCode Status, JsonNode? Body, string? Type)> UploadAsync(HttpClient client, string body, string query = "collection=parcels&dryRun=true")
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/geo+json");
        var response = await client.PostAsync("api/uploads?" + query, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body, string? Type)> PostJsonAsync(HttpClient client, string url, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await client.PostAsync(url, content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Content.Headers.ContentType?.MediaType);
    }
}
