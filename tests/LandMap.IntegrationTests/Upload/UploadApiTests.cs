using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Features.Uploads;
using LandMap.Api.Geo;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Upload.UploadFiles;

namespace LandMap.Tests.Upload;

/// <summary>
/// POST /api/uploads over HTTP against the write server's own PostGIS database (sample data
/// loaded). Parcels go to an empty corner of the zone (east of 121.0E, north of 28.0N: the sample
/// parcels lie within 120.77-120.94E, 27.79-27.91N), each test at its own longitude with its own codes.
/// </summary>
public sealed class UploadApiTests(LandMapServer server)
{
    private static readonly SourceCrsDef Gk4549 = SourceCrs.Find(4549)!;

    private Task<(HttpClient Client, WriteServer Server)> WritesAsync() => UploadFiles.WritesAsync(server);

    private static Task<long> CountAsync(WriteServer ws, string sql) => ws.DataSource.ScalarAsync<long>(sql);

    private static List<JsonNode> Problems(JsonNode report) => report["problems"]!.AsArray().Select(p => p!).ToList();

    [Fact]
    public async Task Without_or_with_a_wrong_token_an_upload_is_401_with_a_bearer_challenge()
    {
        var client = server.CreateClient();
        using var none = await client.PostAsync("api/uploads?collection=parcels", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", none.Headers.WwwAuthenticate.Single().Scheme);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        using var wrong = await client.PostAsync("api/uploads?collection=parcels", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Fact]
    public async Task An_unknown_collection_is_400_naming_collection()
    {
        var (client, _) = await WritesAsync();
        var (status, body, _) = await PostAsync(client, "collection=pipelines", Collection());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("collection", (string?)body["parameter"]);
    }

    [Fact]
    public async Task A_dry_run_of_two_parcels_in_EPSG_4549_reports_two_to_create_and_writes_nothing()
    {
        var (client, ws) = await WritesAsync();
        Assert.Equal(0, await CountAsync(ws, "select count(*) from parcels where st_intersects(geom, st_makeenvelope(121.0, 28.0, 121.2, 28.2, 4490)) and source like 'gis-data/%'"));
        var (a, b) = (Code("dry"), Code("dry"));
        var body = Collection(Feature(a, Square4549(121.02, 28.05, 100)), Feature(b, Square4549(121.02, 28.05, 100, dx: 150)));
        var uploads = await CountAsync(ws, "select count(*) from uploads");

        var (status, json, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549&dryRun=true", body);

        Assert.Equal(HttpStatusCode.OK, status);
        var counts = json["report"]!["counts"]!;
        Assert.Equal(2, (int)counts["read"]!);
        Assert.Equal(2, (int)counts["valid"]!);
        Assert.Equal(0, (int)counts["invalid"]!);
        Assert.Equal(2, (int)counts["toCreate"]!);
        Assert.Empty(Problems(json["report"]!));
        Assert.Equal(0, await CountAsync(ws, $"select count(*) from parcels where code in ('{a}', '{b}')"));
        Assert.Equal(uploads, await CountAsync(ws, "select count(*) from uploads"));
    }

    [Fact]
    public async Task A_committed_upload_is_201_stored_with_its_source_and_an_upsert_keeps_history()
    {
        var (client, ws) = await WritesAsync();
        var (a, b) = (Code("commit"), Code("commit"));
        var body = Collection(Feature(a, Square4549(121.04, 28.05, 100)), Feature(b, Square4549(121.04, 28.05, 100, dx: 150)));

        var (status, json, response) = await PostAsync(client, "collection=parcels&crs=EPSG:4549", body);

        Assert.True(status == HttpStatusCode.Created, json.ToJsonString());
        var id = (long)json["id"]!;
        Assert.Equal($"/api/uploads/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal(2, (int)json["counts"]!["toCreate"]!);
        Assert.Equal(2, await CountAsync(ws, $"select count(*) from parcels where code in ('{a}', '{b}') and source = 'upload:{id}' and updated_by = 'config'"));
        // About 100 m x 100 m on the ellipsoid (Gauss-Kruger scale 1 at 120E; 121E is about 1.0001).
        var area = await ws.DataSource.ScalarAsync<double>($"select area_m2 from parcels where code = '{a}'");
        Assert.InRange(area, 9_950, 10_100);

        var record = await ws.CreateClient().GetJsonAsync($"api/uploads/{id}");
        Assert.Equal("committed", (string?)record["status"]);
        Assert.Equal("EPSG:4549", (string?)record["sourceCrs"]);
        Assert.Equal(64, ((string)record["sha256"]!).Length);

        var changed = Collection(Feature(a, Square4549(121.04, 28.05, 100), status: "in_use"));
        var (status2, json2, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549&mode=upsert", changed);
        Assert.True(status2 == HttpStatusCode.Created, json2.ToJsonString());
        var id2 = (long)json2["id"]!;
        Assert.Equal(1, (int)json2["counts"]!["toUpdate"]!);
        Assert.Equal(0, (int)json2["counts"]!["toCreate"]!);
        Assert.Equal("in_use", await ws.DataSource.ScalarAsync<string>($"select status from parcels where code = '{a}'"));
        Assert.Equal($"upload:{id2}", await ws.DataSource.ScalarAsync<string>($"select source from parcels where code = '{a}'"));
        Assert.Equal(1, await CountAsync(ws, $"select count(*) from parcel_history where attributes ->> 'code' = '{a}' and source = 'upload:{id}' and attributes ->> 'status' = 'idle'"));
    }

    [Fact]
    public async Task A_file_with_a_bowtie_a_bad_status_and_a_duplicate_code_is_422_naming_each_and_writes_nothing()
    {
        var (client, ws) = await WritesAsync();
        var (x, y) = SourceCrs.FromStorage(Gk4549, 121.06, 28.05);
        var bowtie = new JsonArray(new JsonArray(
            new JsonArray(x, y), new JsonArray(x + 100, y + 100), new JsonArray(x + 100, y), new JsonArray(x, y + 100), new JsonArray(x, y)));
        var (a, b) = (Code("bad"), Code("bad"));
        var body = Collection(
            Feature(a, bowtie),
            Feature(b, Square4549(121.06, 28.05, 50, dx: 200), status: "bogus"),
            Feature(b, Square4549(121.06, 28.05, 50, dx: 400)));
        // Other tests write to the same database meanwhile: count only what this file could have written.
        var mine = $"('{a}', '{b}')";

        var (status, json, response) = await PostAsync(client, "collection=parcels&crs=EPSG:4549", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problems = Problems(json["report"]!);
        Assert.Contains(problems, p => (int?)p["featureIndex"] == 0 && (string?)p["kind"] == "SelfIntersection" && p["coordinate"] is JsonArray);
        Assert.Contains(problems, p => (int?)p["featureIndex"] == 1 && (string?)p["kind"] == "InvalidEnum" && (string?)p["field"] == "status");
        Assert.Contains(problems, p => (int?)p["featureIndex"] == 2 && (string?)p["kind"] == "DuplicateCode" && (string?)p["code"] == b);
        Assert.All(problems, p => Assert.False(string.IsNullOrEmpty((string?)p["messageZh"])));
        var counts = json["report"]!["counts"]!;
        Assert.Equal(3, (int)counts["read"]!);
        Assert.Equal(3, (int)counts["invalid"]!);

        Assert.Equal(0, await CountAsync(ws, $"select count(*) from parcels where code in {mine}"));
        Assert.Equal(0, await CountAsync(ws, $"select count(*) from parcel_history where attributes ->> 'code' in {mine}"));
        Assert.Equal(0, await CountAsync(ws, $"select count(*) from uploads where report::text like '%{a}%'"));
    }

    [Fact]
    public async Task A_parcel_overlapping_a_stored_one_is_an_Overlap_naming_its_code_and_area()
    {
        var (client, ws) = await WritesAsync();
        var stored = Code("ovl");
        var (s1, j1, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549", Collection(Feature(stored, Square4549(121.08, 28.05, 100))));
        Assert.True(s1 == HttpStatusCode.Created, j1.ToJsonString());

        var (a, b) = (Code("ovl"), Code("ovl"));
        var body = Collection(
            Feature(a, Square4549(121.08, 28.05, 100, dx: 50)),   // half over the stored one: 50 x 100 m
            Feature(b, Square4549(121.08, 28.05, 100, dx: 400)));
        var (status, json, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var overlap = Problems(json["report"]!).Single(p => (string?)p["kind"] == "Overlap");
        Assert.Equal(0, (int)overlap["featureIndex"]!);
        Assert.Equal(stored, (string?)overlap["otherCode"]);
        Assert.InRange((double)overlap["overlapM2"]!, 4_950, 5_050);
        Assert.Contains(stored, (string?)overlap["messageEn"]);
        Assert.Equal("Polygon", (string?)overlap["geometry"]!["type"]);
        Assert.Equal(1, (int)json["report"]!["counts"]!["invalid"]!);
        Assert.Equal(0, await CountAsync(ws, $"select count(*) from parcels where code in ('{a}', '{b}')"));
    }

    [Fact]
    public async Task Parcels_overlapping_each_other_in_the_file_are_named()
    {
        var (client, _) = await WritesAsync();
        var (a, b) = (Code("self"), Code("self"));
        var body = Collection(Feature(a, Square4549(121.10, 28.05, 100)), Feature(b, Square4549(121.10, 28.05, 100, dx: 90)));
        var (status, json, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549&dryRun=true", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var overlap = Problems(json["report"]!).Single(p => (string?)p["kind"] == "Overlap");
        Assert.Equal(1, (int)overlap["featureIndex"]!);
        Assert.Equal(a, (string?)overlap["otherCode"]);
        Assert.InRange((double)overlap["overlapM2"]!, 990, 1_010);
    }

    [Fact]
    public async Task A_file_of_neighbours_sharing_edges_and_corners_is_written_whole()
    {
        var (client, ws) = await WritesAsync();
        var prefix = Code("tiles");
        // 20 x 10 squares of 40 m side by side: each shares edges and corners with up to 8 others
        // (the zone's south-west corner, where no other test writes: the suite shares one database).
        var body = Collection(Enumerable.Range(0, 200)
            .Select(i => Feature($"{prefix}-{i}", Square4549(120.56, 27.66, 40, dx: i % 20 * 40, dy: i / 20 * 40))).ToArray());

        var (status, json, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549", body);

        Assert.True(status == HttpStatusCode.Created, json.ToJsonString());
        Assert.Equal(200, (int)json["counts"]!["toCreate"]!);
        Assert.Equal(200, await CountAsync(ws, $"select count(*) from parcels where code like '{prefix}-%' and source = 'upload:{json["id"]}'"));
    }

    [Fact]
    public async Task Overlaps_within_a_file_name_both_features_and_the_area_and_slivers_pass()
    {
        var (client, ws) = await WritesAsync();
        var codes = Enumerable.Range(0, 6).Select(_ => Code("pair")).ToArray();
        var body = Collection(
            Feature(codes[0], Square4549(120.60, 27.66, 100)),
            Feature(codes[1], Square4549(120.60, 27.66, 100, dx: 100)),            // touches 0
            Feature(codes[2], Square4549(120.60, 27.66, 100, dy: 80)),             // over 0 by 100 x 20 m
            Feature(codes[3], Square4549(120.60, 27.66, 100, dx: 400)),
            Feature(codes[4], Square4549(120.60, 27.66, 100, dx: 499.995)),        // a 0.5 m² sliver over 3: tolerated
            Feature(codes[5], Square4549(120.60, 27.66, 100, dx: 50, dy: 50)));    // over 0 and 1 (50 x 50 m) and 2 (50 x 70 m)

        var (status, json, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549", body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var overlaps = Problems(json["report"]!).Where(p => (string?)p["kind"] == "Overlap")
            .Select(p => ((int)p["featureIndex"]!, (string?)p["code"], (string?)p["otherCode"], (double)p["overlapM2"]!, (string?)p["messageEn"], p))
            .ToList();
        Assert.Equal([(2, codes[0]), (5, codes[0]), (5, codes[1]), (5, codes[2])], overlaps.Select(o => (o.Item1, o.Item3)).ToList());
        Assert.All(overlaps, o => Assert.Equal(codes[o.Item1], o.Item2));
        Assert.InRange(overlaps[0].Item4, 1_990, 2_010);
        Assert.InRange(overlaps[1].Item4, 2_490, 2_510);
        Assert.InRange(overlaps[2].Item4, 2_490, 2_510);
        Assert.InRange(overlaps[3].Item4, 3_490, 3_510);
        Assert.Contains("(feature 0)", overlaps[0].Item5);
        Assert.Contains("(feature 2)", overlaps[3].Item5);
        Assert.All(overlaps, o => Assert.Equal("geometry", (string?)o.p["field"]));
        Assert.All(overlaps, o => Assert.Equal("Polygon", (string?)o.p["geometry"]!["type"]));
        Assert.Equal(2, (int)json["report"]!["counts"]!["invalid"]!);
        Assert.Equal(0, await CountAsync(ws, $"select count(*) from parcels where code in ('{string.Join("', '", codes)}')"));
    }

    [Fact]
    public async Task The_same_body_twice_or_the_same_Idempotency_Key_is_the_first_upload()
    {
        var (client, ws) = await WritesAsync();
        var (twice, keyed1) = (Code("twice"), Code("key"));
        var body = Collection(Feature(twice, Square4549(121.12, 28.05, 100)));
        var (s1, j1, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549", body);
        Assert.True(s1 == HttpStatusCode.Created, j1.ToJsonString());
        // Other tests write to the same database meanwhile: count only this test's parcels.
        var mine = $"select count(*) from parcels where code in ('{twice}', '{keyed1}')";
        var parcels = await CountAsync(ws, mine);

        var (s2, j2, r2) = await PostAsync(client, "collection=parcels&crs=EPSG:4549", body);
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal((long)j1["id"]!, (long)j2["id"]!);
        Assert.Equal($"/api/uploads/{j1["id"]}", r2.Headers.Location?.OriginalString);
        Assert.Equal(parcels, await CountAsync(ws, mine));

        var key = Guid.NewGuid().ToString();
        var keyed = Collection(Feature(keyed1, Square4549(121.12, 28.05, 100, dx: 300)));
        var (s3, j3, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549", keyed, key);
        Assert.Equal(HttpStatusCode.Created, s3);
        var (s4, j4, _) = await PostAsync(client, "collection=parcels&crs=EPSG:4549", keyed, key);
        Assert.Equal(HttpStatusCode.OK, s4);
        Assert.Equal((long)j3["id"]!, (long)j4["id"]!);
        Assert.Equal(parcels + 1, await CountAsync(ws, mine));
    }

    [Fact]
    public async Task Metres_without_a_CRS_are_diagnosed_with_the_likely_CRS()
    {
        var (client, _) = await WritesAsync();
        var body = Collection(Feature(Code("nocrs"), Square4549(121.14, 28.05, 100)));
        var (status, json, _) = await PostAsync(client, "collection=parcels&dryRun=true", body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var problem = Problems(json["report"]!).Single();
        Assert.Equal("MetresWithoutCrs", (string?)problem["kind"]);
        Assert.Contains("EPSG:4549", (string?)problem["messageEn"]);
    }

    [Fact]
    public async Task The_legacy_crs_member_is_honoured()
    {
        var (client, _) = await WritesAsync();
        var fc = JsonNode.Parse(Collection(Feature(Code("legacy"), Square4549(121.16, 28.05, 100))))!.AsObject();
        fc["crs"] = new JsonObject { ["type"] = "name", ["properties"] = new JsonObject { ["name"] = "urn:ogc:def:crs:EPSG::4549" } };
        var (status, json, _) = await PostAsync(client, "collection=parcels&dryRun=true", fc.ToJsonString());
        Assert.True(status == HttpStatusCode.OK, json.ToJsonString());
        Assert.Equal("EPSG:4549", (string?)json["sourceCrs"]);
        Assert.Equal(1, (int)json["report"]!["counts"]!["toCreate"]!);
    }
}
