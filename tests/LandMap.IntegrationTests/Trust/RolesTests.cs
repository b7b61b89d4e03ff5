using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Auth;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Upload.UploadFiles;

namespace LandMap.Tests.Trust;

/// <summary>Who may do what, on a site with anonymous read off: viewers read, surveyors upload and
/// edit, admins also delete and manage tokens; narrowed tokens stay in their collections; every
/// write carries the token's label into the history.</summary>
[Collection(ClosedSiteCollection.Name)]
public sealed class RolesTests(ClosedSite site)
{
    private const string Items = "ogc/collections/parcels/items";

    private static StringContent GeoJson(string body) => new(body, Encoding.UTF8, "application/geo+json");

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal((int)status, (int)problem["status"]!);
    }

    [Fact]
    public async Task With_anonymous_read_off_items_need_a_token_and_the_page_and_health_stay_open()
    {
        using var anonymous = site.Client();
        using var items = await anonymous.GetAsync(Items + "?limit=1");
        await AssertProblemAsync(items, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", items.Headers.WwwAuthenticate.Single().Scheme);
        using (var tile = await anonymous.GetAsync("ogc/collections/parcels/tiles/WebMercatorQuad/14/6871/13690"))
            Assert.Equal(HttpStatusCode.Unauthorized, tile.StatusCode);
        using (var report = await anonymous.GetAsync("api/reports/land-indicators?year=2014"))
            Assert.Equal(HttpStatusCode.Unauthorized, report.StatusCode);

        foreach (var open in new[] { "health/live", "health/ready", "", "openapi/v1.json" })
        {
            using var response = await anonymous.GetAsync(open);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/{open}: {response.StatusCode}");
        }

        using var viewer = site.Client(await site.TokenAsync("viewer Li", Roles.Viewer));
        using var withToken = await viewer.GetAsync(Items + "?limit=1");
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
    }

    [Fact]
    public async Task A_wrong_token_is_401_even_where_anonymous_reads_would_do()
    {
        using var wrong = site.Client("lm_not-a-token");
        using var response = await wrong.GetAsync(Items + "?limit=1");
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.Single().Parameter);
    }

    [Fact]
    public async Task A_viewer_reads_but_an_upload_is_403()
    {
        using var viewer = site.Client(await site.TokenAsync("viewer Zhao", Roles.Viewer));
        using var upload = await viewer.PostAsync("api/uploads?collection=parcels&dryRun=true", GeoJson(Collection()));
        await AssertProblemAsync(upload, HttpStatusCode.Forbidden);
        var me = await viewer.GetFromJsonAsync<JsonObject>("api/me");
        Assert.Equal("viewer Zhao", (string?)me!["label"]);
        Assert.Equal("viewer", (string?)me["role"]);
    }

    [Fact]
    public async Task A_surveyor_uploads_and_edits_under_their_label_but_may_not_delete_or_make_tokens()
    {
        using var surveyor = site.Client(await site.TokenAsync("surveyor Wang", Roles.Surveyor));
        var code = Code("trust");
        using var upload = await surveyor.PostAsync("api/uploads?collection=parcels&crs=EPSG:4549",
            GeoJson(Collection(Feature(code, Square4549(121.05, 28.12, 50)))));
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var uploadId = (long)JsonNode.Parse(await upload.Content.ReadAsStringAsync())!["id"]!;

        var id = await site.DataSource.ScalarAsync<long>($"select id from parcels where code = '{code}'");
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"{Items}/{id}")
        {
            Content = new StringContent("""{"properties":{"status":"in_use"}}""", Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", $"\"parcels-{id}-v1\"");
        using var patched = await surveyor.SendAsync(patch);
        Assert.True(patched.StatusCode == HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());

        var record = await surveyor.GetFromJsonAsync<JsonObject>($"api/uploads/{uploadId}");
        Assert.Equal("surveyor Wang", (string?)record!["createdBy"]);
        var history = await surveyor.GetFromJsonAsync<JsonObject>($"api/parcels/{code}/history");
        var versions = history!["versions"]!.AsArray();
        Assert.True(versions.Count >= 2, history.ToJsonString());
        Assert.All(versions, v => Assert.Equal("surveyor Wang", (string?)v!["changedBy"]));
        Assert.Contains(versions, v => (string?)v!["source"] == $"upload:{uploadId}");
        Assert.Contains(versions, v => (string?)v!["source"] == "edit");

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"{Items}/{id}");
        delete.Headers.TryAddWithoutValidation("If-Match", "*");
        using (var refused = await surveyor.SendAsync(delete)) await AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        using (var tokens = await surveyor.PostAsJsonAsync("api/tokens", new { label = "mine", role = "admin" }))
            await AssertProblemAsync(tokens, HttpStatusCode.Forbidden);
        using (var list = await surveyor.GetAsync("api/tokens")) await AssertProblemAsync(list, HttpStatusCode.Forbidden);

        using var admin = site.Client(await site.TokenAsync("admin Chen", Roles.Admin));
        using var adminDelete = new HttpRequestMessage(HttpMethod.Delete, $"{Items}/{id}");
        adminDelete.Headers.TryAddWithoutValidation("If-Match", "*");
        using var deleted = await admin.SendAsync(adminDelete);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var after = await admin.GetFromJsonAsync<JsonObject>($"api/parcels/{code}/history");
        Assert.Contains(after!["versions"]!.AsArray(), v => (string?)v!["operation"] == "delete" && (string?)v["changedBy"] == "admin Chen");
    }

    [Fact]
    public async Task A_surveyor_narrowed_to_roads_gets_403_for_parcels()
    {
        using var roads = await site.CreateClientAsync(Roles.Surveyor, ["roads"]);
        using var upload = await roads.PostAsync("api/uploads?collection=parcels&dryRun=true", GeoJson(Collection()));
        await AssertProblemAsync(upload, HttpStatusCode.Forbidden);
        Assert.Contains("roads", (string?)JsonNode.Parse(await upload.Content.ReadAsStringAsync())!["detail"]);

        using var create = await roads.PostAsync(Items, GeoJson(Feature(Code("narrow"), Square4549(121.06, 28.12, 50)).ToJsonString()));
        await AssertProblemAsync(create, HttpStatusCode.Forbidden);

        // Its own collection: past the gate (the empty file is then refused on its merits, not 403).
        using var own = await roads.PostAsync("api/uploads?collection=roads&dryRun=true", GeoJson(Collection()));
        Assert.NotEqual(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, own.StatusCode);
        var me = await roads.GetFromJsonAsync<JsonObject>("api/me");
        Assert.Equal("roads", (string?)me!["collections"]![0]);
    }

    [Fact]
    public async Task A_viewer_narrowed_to_roads_reads_roads_only()
    {
        using var roads = await site.CreateClientAsync(Roles.Viewer, ["roads"]);
        foreach (var own in new[] { "ogc/collections/roads/items?limit=1", "ogc/collections/roads", "ogc/collections/roads/queryables",
                     "ogc/collections/roads/schema", "ogc/collections/roads/schema/feature",
                     "ogc/collections/roads/tiles/WebMercatorQuad/14/6871/13690", "api/lifecycle", "api/land-use-codes", "ogc/conformance" })
        {
            using var response = await roads.GetAsync(own);
            Assert.True(response.IsSuccessStatusCode, $"/{own}: {response.StatusCode}");
        }
        foreach (var other in new[] { Items + "?limit=1", "ogc/collections/parcels", "ogc/collections/parcels/schema", "ogc/collections/parks/items?limit=1",
                     "ogc/collections/parcels/tiles/WebMercatorQuad/14/6871/13690", "api/reports/land-indicators?year=2014",
                     "api/parcels/states", "api/supervision/idle-warnings", "api/parks/P01/parcels" })
        {
            using var response = await roads.GetAsync(other);
            await AssertProblemAsync(response, HttpStatusCode.Forbidden);
            var detail = (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"];
            Assert.True(detail?.Contains("limited to the collections roads") == true, $"/{other}: {detail}");
        }

        // The collection list shows only what the token may read.
        var list = await roads.GetFromJsonAsync<JsonObject>("ogc/collections");
        Assert.Equal(["roads"], list!["collections"]!.AsArray().Select(c => (string)c!["id"]!).ToArray());

        // Where anonymous read is on a token cannot read less than anyone may.
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(TokenClaims.Collection, "roads")], "Bearer"));
        Assert.True(ReadScope.MayRead(user, "parcels", anonymousRead: true));
        Assert.False(ReadScope.MayRead(user, "parcels", anonymousRead: false));
        Assert.True(ReadScope.MayRead(user, "roads", anonymousRead: false));
    }
}
