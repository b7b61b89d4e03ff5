using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Geo;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Edit;

/// <summary>
/// OGC API - Features Part 4 on parcels over HTTP, against the write server's own database.
/// Parcels go to an empty corner of the zone (north of 28.1N, east of 121.0E: the sample parcels
/// lie within 120.77-120.94E, 27.79-27.91N; upload tests use 28.05N), each test at its own
/// longitude with its own codes.
/// </summary>
public sealed class ItemsWriteTests(LandMapServer server)
{
    private const string Items = "ogc/collections/parcels/items";
    private const double Lat = 28.12;

    private async Task<(HttpClient Client, WriteServer Server)> WritesAsync()
    {
        var ws = await server.WriteServerAsync();
        var client = ws.CreateWriterClient();
        return (client, ws);
    }

    private static string Code(string test) => $"ED-{test}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A square of <paramref name="size"/> metres, south-west corner at lon/lat, CRS84.</summary>
    private static JsonArray Square(double lon, double lat, double size = 50)
    {
        var dLon = size / (111_320 * Math.Cos(lat * Math.PI / 180));
        var dLat = size / 110_574;
        return new JsonArray(new JsonArray(P(lon, lat), P(lon + dLon, lat), P(lon + dLon, lat + dLat), P(lon, lat + dLat), P(lon, lat)));
        static JsonArray P(double x, double y) => new(Math.Round(x, 7), Math.Round(y, 7));
    }

    private static JsonObject Feature(string code, JsonArray polygon, string status = "idle") => new()
    {
        ["type"] = "Feature",
        ["properties"] = new JsonObject
        {
            ["code"] = code, ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = status, ["land_user"] = "某公司",
        },
        ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = polygon },
    };

    private static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        HttpClient client, HttpMethod method, string url, JsonNode? body = null, string? ifMatch = null,
        string mediaType = "application/geo+json", string? contentCrs = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, mediaType);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (contentCrs is not null) request.Headers.TryAddWithoutValidation("Content-Crs", contentCrs);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    private static string? ETagOf(HttpResponseMessage r) => r.Headers.ETag?.ToString();

    /// <summary>Creates a parcel; its id and ETag.</summary>
    private static async Task<(long Id, string ETag)> CreateAsync(HttpClient client, JsonObject feature)
    {
        var (status, body, response) = await SendAsync(client, HttpMethod.Post, Items, feature);
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
        return ((long)body!["id"]!, ETagOf(response)!);
    }

    private static Task<long> ScalarAsync(WriteServer ws, string sql) => ws.DataSource.ScalarAsync<long>(sql);

    [Fact]
    public async Task Create_is_201_with_Location_and_ETag_and_GET_returns_it_with_the_same_ETag()
    {
        var (client, ws) = await WritesAsync();
        var code = Code("create");
        var (status, body, response) = await SendAsync(client, HttpMethod.Post, Items, Feature(code, Square(121.02, Lat)));

        Assert.Equal(HttpStatusCode.Created, status);
        var id = (long)body!["id"]!;
        Assert.EndsWith($"/ogc/collections/parcels/items/{id}", response.Headers.Location!.ToString());
        // The version's tag with the zone's date: a parcel's computed state changes with the date, so
        // the same version is other bytes tomorrow and needs another strong tag.
        var tag = $"\"parcels-{id}-v1-d{LandMap.Api.Domain.ZoneClock.Today:yyyyMMdd}\"";
        Assert.Equal(tag, ETagOf(response));
        Assert.False(response.Headers.ETag!.IsWeak);

        using var get = await client.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var feature = JsonNode.Parse(await get.Content.ReadAsStringAsync())!;
        Assert.Equal(code, (string?)feature["properties"]!["code"]);
        Assert.Equal(tag, ETagOf(get));
        Assert.Equal("edit", await ws.DataSource.ScalarAsync<string>($"select source from parcels where id = {id}"));
        Assert.Equal("config", await ws.DataSource.ScalarAsync<string>($"select updated_by from parcels where id = {id}"));

        // Conditional GET still answers 304 with the item's ETag.
        using var again = new HttpRequestMessage(HttpMethod.Get, response.Headers.Location);
        again.Headers.TryAddWithoutValidation("If-None-Match", tag);
        using var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        // Yesterday's copy of the same version is stale for reading (its state may differ) ...
        using var yesterday = new HttpRequestMessage(HttpMethod.Get, response.Headers.Location);
        yesterday.Headers.TryAddWithoutValidation("If-None-Match",
            $"\"parcels-{id}-v1-d{LandMap.Api.Domain.ZoneClock.Today.AddDays(-1):yyyyMMdd}\"");
        using (var fresh = await client.SendAsync(yesterday)) Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        // ... and another representation (crs) has a tag of its own.
        using (var projected = await client.GetAsync(response.Headers.Location + "?crs=http://www.opengis.net/def/crs/EPSG/0/4549"))
            Assert.NotEqual(tag, ETagOf(projected));
        // ... but its tag still names the version for a write (If-Match compares versions).
        var (patched, _, _) = await SendAsync(client, HttpMethod.Patch, $"{Items}/{id}",
            new JsonObject { ["properties"] = new JsonObject { ["name"] = "改名" } }, ifMatch: tag, mediaType: "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched);
    }

    [Fact]
    public async Task PUT_with_the_current_If_Match_is_200_version_plus_one_and_a_history_row()
    {
        var (client, ws) = await WritesAsync();
        var code = Code("put");
        var (id, etag) = await CreateAsync(client, Feature(code, Square(121.03, Lat)));

        var (status, body, response) = await SendAsync(client, HttpMethod.Put, $"{Items}/{id}",
            Feature(code, Square(121.03, Lat, 60), status: "in_use"), ifMatch: etag);

        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        Assert.Equal($"\"parcels-{id}-v2-d{LandMap.Api.Domain.ZoneClock.Today:yyyyMMdd}\"", ETagOf(response));
        Assert.Equal("in_use", (string?)body!["properties"]!["status"]);
        Assert.Equal(2, await ScalarAsync(ws, $"select version::bigint from parcels where id = {id}"));
        Assert.Equal(1, await ScalarAsync(ws, $"select count(*) from parcel_history where parcel_id = {id} and version = 1"));
    }

    [Fact]
    public async Task PUT_with_a_stale_If_Match_is_412_and_changes_nothing()
    {
        var (client, ws) = await WritesAsync();
        var code = Code("stale");
        var (id, etag) = await CreateAsync(client, Feature(code, Square(121.04, Lat)));
        var (first, _, _) = await SendAsync(client, HttpMethod.Put, $"{Items}/{id}", Feature(code, Square(121.04, Lat), "in_use"), ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, first);

        var (status, body, response) = await SendAsync(client, HttpMethod.Put, $"{Items}/{id}",
            Feature(code, Square(121.04, Lat), "reclaimed"), ifMatch: etag);

        Assert.Equal(HttpStatusCode.PreconditionFailed, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"\"parcels-{id}-v2-d{LandMap.Api.Domain.ZoneClock.Today:yyyyMMdd}\"", (string?)body!["currentETag"]);
        Assert.Equal(2, await ScalarAsync(ws, $"select version::bigint from parcels where id = {id}"));
        Assert.Equal("in_use", await ws.DataSource.ScalarAsync<string>($"select status from parcels where id = {id}"));
    }

    [Fact]
    public async Task PUT_PATCH_and_DELETE_without_If_Match_are_428()
    {
        var (client, ws) = await WritesAsync();
        var code = Code("nomatch");
        var (id, _) = await CreateAsync(client, Feature(code, Square(121.05, Lat)));

        var (put, _, putResponse) = await SendAsync(client, HttpMethod.Put, $"{Items}/{id}", Feature(code, Square(121.05, Lat), "in_use"));
        var (patch, _, _) = await SendAsync(client, HttpMethod.Patch, $"{Items}/{id}",
            new JsonObject { ["properties"] = new JsonObject { ["status"] = "in_use" } }, mediaType: "application/merge-patch+json");
        var (delete, _, _) = await SendAsync(client, HttpMethod.Delete, $"{Items}/{id}");

        Assert.Equal(HttpStatusCode.PreconditionRequired, put);
        Assert.Equal("application/problem+json", putResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.PreconditionRequired, patch);
        Assert.Equal(HttpStatusCode.PreconditionRequired, delete);
        Assert.Equal(1, await ScalarAsync(ws, $"select version::bigint from parcels where id = {id}"));
    }

    [Fact]
    public async Task PATCH_changes_one_property_removes_a_null_one_and_keeps_the_rest()
    {
        var (client, ws) = await WritesAsync();
        var code = Code("patch");
        var (id, etag) = await CreateAsync(client, Feature(code, Square(121.06, Lat)));
        var area = await ws.DataSource.ScalarAsync<double>($"select area_m2 from parcels where id = {id}");

        var patch = new JsonObject { ["properties"] = new JsonObject { ["status"] = "in_use", ["land_user"] = null } };
        var (status, body, response) = await SendAsync(client, HttpMethod.Patch, $"{Items}/{id}", patch, ifMatch: etag,
            mediaType: "application/merge-patch+json");

        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        Assert.Equal($"\"parcels-{id}-v2-d{LandMap.Api.Domain.ZoneClock.Today:yyyyMMdd}\"", ETagOf(response));
        var props = body!["properties"]!;
        Assert.Equal("in_use", (string?)props["status"]);
        Assert.Null(props["land_user"]);
        Assert.Equal(code, (string?)props["code"]);
        Assert.Equal("0601", (string?)props["land_use"]);
        Assert.Equal(area, await ws.DataSource.ScalarAsync<double>($"select area_m2 from parcels where id = {id}"), 6);
    }

    [Fact]
    public async Task PATCH_carrying_the_computed_state_is_ignored_like_the_other_read_only_properties()
    {
        var (client, ws) = await WritesAsync();
        var code = Code("state");
        // Recorded in_use, but supplied in 2015 and never started: idle by the rules (suspected: not determined).
        var feature = Feature(code, Square(121.145, Lat), status: "in_use");
        feature["properties"]!["supplied_on"] = "2015-01-01";
        feature["properties"]!["agreed_start_on"] = "2015-06-01";
        var (id, etag) = await CreateAsync(client, feature);

        var patch = new JsonObject { ["properties"] = new JsonObject { ["state"] = "in_use", ["area_m2"] = 1.0, ["land_user"] = "另一公司" } };
        var (status, body, _) = await SendAsync(client, HttpMethod.Patch, $"{Items}/{id}", patch, ifMatch: etag,
            mediaType: "application/merge-patch+json");

        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        var props = body!["properties"]!;
        Assert.Equal("另一公司", (string?)props["land_user"]); // the writable part is written
        Assert.Equal("in_use", (string?)props["status"]);
        Assert.Equal("suspected_idle", (string?)props["state"]); // still what the dates say, not the patch's value
        Assert.NotEqual(1.0, (double)props["area_m2"]!);
        using var get = await client.GetAsync($"{Items}/{id}");
        var stored = JsonNode.Parse(await get.Content.ReadAsStringAsync())!["properties"]!;
        Assert.Equal(("in_use", "suspected_idle"), ((string?)stored["status"], (string?)stored["state"]));
        Assert.Equal(0L, await ScalarAsync(ws, "select count(*) from information_schema.columns where table_name = 'parcels' and column_name = 'state'"));
    }

    [Fact]
    public async Task DELETE_is_204_then_GET_is_404_and_the_history_still_lists_the_parcel()
    {
        var (client, _) = await WritesAsync();
        var code = Code("delete");
        var (id, etag) = await CreateAsync(client, Feature(code, Square(121.07, Lat)));

        var (status, _, _) = await SendAsync(client, HttpMethod.Delete, $"{Items}/{id}", ifMatch: etag);

        Assert.Equal(HttpStatusCode.NoContent, status);
        using var get = await client.GetAsync($"{Items}/{id}");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        var history = await client.GetJsonAsync($"api/parcels/{code}/history");
        // One version, kept once: the delete adds no version of its own (the ETag deleted was v1).
        var only = Assert.Single(history["versions"]!.AsArray())!;
        Assert.Equal((1, "delete", "config", "edit"), ((int)only["version"]!, (string?)only["operation"], (string?)only["changedBy"], (string?)only["source"]));
    }

    [Fact]
    public async Task DELETE_with_a_stale_If_Match_is_412_and_keeps_the_parcel()
    {
        var (client, ws) = await WritesAsync();
        var (id, _) = await CreateAsync(client, Feature(Code("delstale"), Square(121.08, Lat)));
        var (status, _, _) = await SendAsync(client, HttpMethod.Delete, $"{Items}/{id}", ifMatch: $"\"parcels-{id}-v7\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, status);
        Assert.Equal(1, await ScalarAsync(ws, $"select count(*) from parcels where id = {id}"));
    }

    [Fact]
    public async Task A_self_intersecting_geometry_is_422_naming_SelfIntersection_and_nothing_is_written()
    {
        var (client, ws) = await WritesAsync();
        var code = Code("bowtie");
        var s = Square(121.09, Lat)[0]!.AsArray();
        // Bow tie: corners 0, 2, 1, 3.
        var bowtie = new JsonArray(new JsonArray(s[0]!.DeepClone(), s[2]!.DeepClone(), s[1]!.DeepClone(), s[3]!.DeepClone(), s[0]!.DeepClone()));

        var (status, body, response) = await SendAsync(client, HttpMethod.Post, Items, Feature(code, bowtie));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(body!["report"]!["problems"]!.AsArray(), p => (string?)p!["kind"] == "SelfIntersection");
        Assert.Equal(0, await ScalarAsync(ws, $"select count(*) from parcels where code = '{code}'"));
    }

    [Fact]
    public async Task Overlapping_a_stored_parcel_or_an_unknown_park_is_422()
    {
        var (client, _) = await WritesAsync();
        await CreateAsync(client, Feature(Code("ovl"), Square(121.10, Lat)));
        var (status, body, _) = await SendAsync(client, HttpMethod.Post, Items, Feature(Code("ovl"), Square(121.10, Lat, 40)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(body!["report"]!["problems"]!.AsArray(), p => (string?)p!["kind"] == "Overlap");

        var unknownPark = Feature(Code("park"), Square(121.11, Lat));
        unknownPark["properties"]!["park_code"] = "P-NOPE";
        var (parkStatus, parkBody, _) = await SendAsync(client, HttpMethod.Post, Items, unknownPark);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, parkStatus);
        Assert.Contains(parkBody!["report"]!["problems"]!.AsArray(), p => (string?)p!["kind"] == "UnknownPark");
    }

    [Fact]
    public async Task PATCH_to_another_parcels_code_is_422_CodeConflict_naming_it_and_nothing_changes()
    {
        var (client, ws) = await WritesAsync();
        var taken = Code("taken");
        var (otherId, _) = await CreateAsync(client, Feature(taken, Square(121.115, Lat)));
        var (id, etag) = await CreateAsync(client, Feature(Code("mine"), Square(121.117, Lat)));

        var patch = new JsonObject { ["properties"] = new JsonObject { ["code"] = taken } };
        var (status, body, _) = await SendAsync(client, HttpMethod.Patch, $"{Items}/{id}", patch, ifMatch: etag,
            mediaType: "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var conflict = Assert.Single(body!["report"]!["problems"]!.AsArray(), p => (string?)p!["kind"] == "CodeConflict")!;
        Assert.Equal("code", (string?)conflict["field"]);
        Assert.Contains($"feature {otherId}", (string?)conflict["messageEn"]);
        Assert.Equal(1, await ScalarAsync(ws, $"select version::bigint from parcels where id = {id}"));
    }

    [Fact]
    public async Task Content_Crs_EPSG_4549_northing_easting_coordinates_land_at_the_right_place()
    {
        var (client, ws) = await WritesAsync();
        var gk = SourceCrs.Find(4549)!;
        var (x, y) = SourceCrs.FromStorage(gk, 121.12, Lat);
        // EPSG:4549's own axis order: northing, easting (as GET ?crs=... serves it).
        JsonArray P(double e, double n) => new(Math.Round(n, 3), Math.Round(e, 3));
        var ring = new JsonArray(new JsonArray(P(x, y), P(x + 50, y), P(x + 50, y + 50), P(x, y + 50), P(x, y)));
        var code = Code("crs");

        var (status, body, _) = await SendAsync(client, HttpMethod.Post, Items, Feature(code, ring),
            contentCrs: "<http://www.opengis.net/def/crs/EPSG/0/4549>");

        Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
        var id = (long)body!["id"]!;
        Assert.Equal(121.12, await ws.DataSource.ScalarAsync<double>($"select st_xmin(geom) from parcels where id = {id}"), 5);
        Assert.Equal(Lat, await ws.DataSource.ScalarAsync<double>($"select st_ymin(geom) from parcels where id = {id}"), 5);
        // 50 m x 50 m on the grid; on the ellipsoid a little less (the Gauss-Kruger scale 1.1 degrees off the central meridian).
        Assert.InRange(await ws.DataSource.ScalarAsync<double>($"select area_m2 from parcels where id = {id}"), 2490, 2510);
    }

    [Fact]
    public async Task Without_a_token_a_write_is_401()
    {
        var ws = await server.WriteServerAsync();
        var anonymous = ws.CreateClient();
        var code = Code("anon");
        var (status, _, response) = await SendAsync(anonymous, HttpMethod.Post, Items, Feature(code, Square(121.13, Lat)));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(0, await ScalarAsync(ws, $"select count(*) from parcels where code = '{code}'"));
    }

    [Fact]
    public async Task A_road_is_created_patched_and_deleted_with_its_versions_kept_and_a_polygon_refused()
    {
        var (client, ws) = await WritesAsync();
        const string roads = "ogc/collections/roads/items";
        var code = Code("road");
        var line = Square(121.135, Lat)[0]!.AsArray();
        var road = new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject { ["code"] = code, ["name"] = "滨海测试路", ["grade"] = "branch", ["stage"] = "planned" },
            ["geometry"] = new JsonObject { ["type"] = "LineString", ["coordinates"] = line.DeepClone() },
        };
        var (created, body, response) = await SendAsync(client, HttpMethod.Post, roads, road);
        Assert.True(created == HttpStatusCode.Created, $"{created}: {body}");
        var id = (long)body!["id"]!;
        Assert.Equal($"\"roads-{id}-v1\"", ETagOf(response));
        Assert.EndsWith($"/ogc/collections/roads/items/{id}", response.Headers.Location!.ToString());

        var patch = new StringContent("""{"properties":{"stage":"open"}}""", System.Text.Encoding.UTF8, "application/merge-patch+json");
        using var patchRequest = new HttpRequestMessage(HttpMethod.Patch, $"{roads}/{id}") { Content = patch };
        patchRequest.Headers.TryAddWithoutValidation("If-Match", $"\"roads-{id}-v1\"");
        var patched = await client.SendAsync(patchRequest);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal($"\"roads-{id}-v2\"", ETagOf(patched));
        Assert.Equal("open", await ws.DataSource.ScalarAsync<string>($"select stage from roads where id = {id}"));
        Assert.Equal("planned", await ws.DataSource.ScalarAsync<string>(
            $"select attributes ->> 'stage' from feature_history where collection = 'roads' and feature_id = {id} and version = 1"));

        using var stale = new HttpRequestMessage(HttpMethod.Delete, $"{roads}/{id}");
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"roads-{id}-v1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.SendAsync(stale)).StatusCode);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"{roads}/{id}");
        delete.Headers.TryAddWithoutValidation("If-Match", $"\"roads-{id}-v2\"");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(delete)).StatusCode);
        Assert.Equal(0, await ScalarAsync(ws, $"select count(*) from roads where id = {id}"));
        Assert.Equal(1, await ScalarAsync(ws, $"select count(*) from feature_history where collection = 'roads' and feature_id = {id} and operation = 'delete'"));
        Assert.Equal(2, await ScalarAsync(ws, $"select count(distinct version) from feature_history where collection = 'roads' and feature_id = {id}")); // v1, v2 (deleted): none added by the delete

        var (refused, problem, _) = await SendAsync(client, HttpMethod.Post, roads, Feature(Code("road"), Square(121.136, Lat)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Contains(problem!["report"]!["problems"]!.AsArray(), p => (string?)p!["kind"] == "GeometryTypeMismatch");
    }

    [Fact]
    public async Task Conformance_lists_Part_4()
    {
        var classes = (await server.CreateClient().GetJsonAsync("ogc/conformance"))["conformsTo"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete", classes);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update", classes);
    }
}
