using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Api.Auth;
using LandMap.Api.Problems;
using LandMap.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace LandMap.Tests.Trust;

/// <summary>
/// Client input that used to reach PostgreSQL, PROJ or an overflow unchecked and came back a 500:
/// cursor values that do not fit their sort column, date-time parameters near the calendar's
/// ends, boxes and filter geometries outside their CRS's domain, If-Match forms. Each is a 4xx
/// problem naming the parameter now.
/// </summary>
public sealed class ClientInputTests(LandMapServer server)
{
    internal static async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 || text[0] is not ('{' or '[') ? null : JsonNode.Parse(text));
    }

    internal static void AssertProblem((HttpStatusCode Status, JsonNode? Body) r, HttpStatusCode status, string parameter)
    {
        Assert.True(r.Status == status, $"{(int)r.Status}: {r.Body?.ToJsonString()}");
        Assert.Equal(parameter, (string?)r.Body?["parameter"]);
    }

    private static string Cursor(string valueJson, long id = 1) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"[{valueJson},{id}]"));

    // One sort column of every type the catalog has: text, date, numeric (writable), double precision
    // (computed), integer (version) and timestamptz (updated_at).
    [Theory]
    [InlineData("approved_on", "\"not a date\"")]
    [InlineData("approved_on", "\"2014-13-45\"")]
    [InlineData("approved_on", "\"99999-01-01\"")]
    [InlineData("approved_on", "20140101")]
    [InlineData("area_mu", "1e400")]
    [InlineData("area_mu", "-1e400")]
    [InlineData("area_mu", "\"abc\"")]
    [InlineData("area_mu", "\"NaN\"")]
    [InlineData("plot_ratio", "1e400")]
    [InlineData("plot_ratio", "\"x\"")]
    [InlineData("plot_ratio", "1e30")]
    [InlineData("version", "99999999999999999999")]
    [InlineData("version", "1.5")]
    [InlineData("version", "\"1\"")]
    [InlineData("updated_at", "\"yesterday\"")]
    [InlineData("updated_at", "\"9999-12-31T99:99:99Z\"")]
    [InlineData("updated_at", "12")]
    [InlineData("code", "12")]
    [InlineData("code", "\"\\u0000\"")]
    [InlineData("state", "true")]
    public async Task A_cursor_value_that_does_not_fit_its_sort_column_is_a_400_naming_cursor(string sortby, string valueJson)
    {
        using var client = server.CreateClient();
        var r = await GetAsync(client, $"ogc/collections/parcels/items?limit=2&sortby={sortby}&cursor={Cursor(valueJson)}");
        AssertProblem(r, HttpStatusCode.BadRequest, "cursor");
    }

    [Theory]
    [InlineData("approved_on")]
    [InlineData("-area_mu")]
    [InlineData("plot_ratio")]
    [InlineData("-version")]
    [InlineData("updated_at")]
    [InlineData("code")]
    [InlineData("-state")]
    public async Task The_next_link_of_every_sort_column_type_still_pages(string sortby)
    {
        using var client = server.CreateClient();
        var first = await GetAsync(client, $"ogc/collections/parcels/items?limit=3&sortby={sortby}");
        var next = first.Body!["links"]!.AsArray().Single(l => (string?)l!["rel"] == "next")!["href"]!.GetValue<string>();
        var second = await GetAsync(client, next);
        Assert.True(second.Status == HttpStatusCode.OK, second.Body?.ToJsonString());
        var ids = first.Body["features"]!.AsArray().Concat(second.Body!["features"]!.AsArray()).Select(f => (long)f!["id"]!).ToList();
        Assert.Equal(6, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("9999-12-31T23:00:00Z")]
    [InlineData("9999-12-31")]
    [InlineData("9999-12-31T23:59:59-10:00")]
    [InlineData("0001-01-01")]
    [InlineData("0001-01-01T00:00:00+14:00")]
    [InlineData("10000-01-01T00:00:00Z")]
    [InlineData("1900-01-01T00:00:00Z")]
    [InlineData("2101-01-01T00:00:00Z")]
    public async Task An_asOf_near_the_ends_of_the_calendar_is_a_400_naming_asOf(string asOf)
    {
        using var client = server.CreateClient();
        var r = await GetAsync(client, "ogc/collections/parcels/items?limit=1&asOf=" + Uri.EscapeDataString(asOf));
        AssertProblem(r, HttpStatusCode.BadRequest, "asOf");
    }

    [Fact]
    public async Task An_asOf_within_the_bounds_still_reads()
    {
        using var client = server.CreateClient();
        var r = await GetAsync(client, "ogc/collections/parcels/items?limit=1&asOf=2100-12-31T12:00:00%2B08:00");
        Assert.True(r.Status == HttpStatusCode.OK, r.Body?.ToJsonString());
    }

    [Theory]
    [InlineData("api/reports/parks?date=9999-12-31", "date")]
    [InlineData("api/parcels/states?date=0001-01-01", "date")]
    [InlineData("api/reports/land-indicators?year=9999", "year")]
    public async Task Other_date_parameters_are_bounded_alike(string url, string parameter)
    {
        using var client = server.CreateClient();
        AssertProblem(await GetAsync(client, url), HttpStatusCode.BadRequest, parameter);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("9999-12-31T23:00:00Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    public void A_token_expiry_near_the_end_of_the_calendar_is_refused_naming_expires(string expires)
    {
        var e = Assert.Throws<InvalidParameterException>(() => NewToken.Parse("t", "viewer", null, expires, DateTimeOffset.UtcNow));
        Assert.Equal("expires", e.Parameter);
    }

    [Theory]
    [InlineData("1e12,1e12,1.1e12,1.1e12", "EPSG:4549")]
    [InlineData("1000000000000,1000000000000,1000000001000,1000000001000", "EPSG:4549")]
    [InlineData("3090000,1e9,3091000,1000001000", "EPSG:4549")]
    [InlineData("3090000,-1e12,3100000,-0.9e12", "EPSG:4549")]
    [InlineData("3090000,500000,3100000,510000", "EPSG:4528")] // an easting without its zone prefix
    [InlineData("-3e7,0,-2.99e7,10000", "EPSG:3857")]
    [InlineData("120,95,121,96", "OGC:CRS84")]
    [InlineData("95,120,96,121", "EPSG:4326")]
    public async Task A_bbox_outside_its_CRS_domain_is_a_400_naming_bbox(string bbox, string crs)
    {
        using var client = server.CreateClient();
        var r = await GetAsync(client, $"ogc/collections/parcels/items?limit=1&bbox={bbox}&bbox-crs={Uri.EscapeDataString(crs)}");
        AssertProblem(r, HttpStatusCode.BadRequest, "bbox");
    }

    [Fact]
    public async Task A_bbox_in_a_projected_CRS_within_its_domain_still_reads()
    {
        using var client = server.CreateClient();
        // Gauss-Kruger CM 120E around the zone (northing first), and 700 km west of the central meridian.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "ogc/collections/parcels/items?limit=1&bbox=3080000,570000,3090000,580000&bbox-crs=EPSG:4549")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "ogc/collections/parcels/items?limit=1&bbox=3080000,-200000,3090000,-190000&bbox-crs=EPSG:4549")).Status);
    }

    [Theory]
    [InlineData("S_INTERSECTS(geometry, POINT(1e12 1e12))", "EPSG:4549")]
    [InlineData("S_INTERSECTS(geometry, BBOX(1e12,1e12,1.1e12,1.1e12))", "EPSG:4549")]
    [InlineData("S_INTERSECTS(geometry, POINT(1e9 1e9))", "EPSG:3857")]
    [InlineData("S_INTERSECTS(geometry, POINT(120 95))", "OGC:CRS84")]
    public async Task A_filter_geometry_outside_the_filter_CRS_domain_is_a_400_naming_filter(string filter, string crs)
    {
        using var client = server.CreateClient();
        var r = await GetAsync(client, $"ogc/collections/parcels/items?limit=1&filter-crs={Uri.EscapeDataString(crs)}&filter={Uri.EscapeDataString(filter)}");
        AssertProblem(r, HttpStatusCode.BadRequest, "filter");
    }

    private async Task<HttpClient> WriterAsync()
    {
        var ws = await server.WriteServerAsync();
        // Header values in UTF-8, so non-ASCII digits reach the server as a client could send them.
        var client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 })
        {
            BaseAddress = new Uri(ws.BaseUrl + "/"),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", LandMapServer.TestWriteToken);
        return client;
    }

    [Theory]
    [InlineData("\"parcels-99999999999999999999-v1\"")]
    [InlineData("\"parcels-1-v99999999999\"")]
    [InlineData("\"parcels-١٢٣-v1\"")]
    [InlineData("\"parcels-1-v١\"")]
    [InlineData("\"parcels-１-v1\"")]
    [InlineData("W/\"parcels-1-v1\"")]
    [InlineData("\"parcels-1-v900\", W/\"parcels-1-v1\", \"parcels-99999999999999999999-v1\"")]
    [InlineData("parcels-1-v1")]
    public async Task An_If_Match_that_names_no_version_is_a_412_naming_If_Match(string ifMatch)
    {
        using var client = await WriterAsync();
        foreach (var method in new[] { HttpMethod.Delete, HttpMethod.Patch })
        {
            using var request = new HttpRequestMessage(method, "ogc/collections/parcels/items/1");
            if (method == HttpMethod.Patch)
                request.Content = new StringContent("""{"properties":{"name":"x"}}""", Encoding.UTF8, "application/merge-patch+json");
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            using var response = await client.SendAsync(request);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.PreconditionFailed, $"{method} {ifMatch}: {(int)response.StatusCode} {body?.ToJsonString()}");
            Assert.Equal("If-Match", (string?)body?["parameter"]);
        }
    }

    [Theory]
    [InlineData("EPSG:4549", 1e12, 1e12)]
    [InlineData("EPSG:4549", 3090000, -1e12)]
    [InlineData("EPSG:3857", 1e9, 1e9)]
    [InlineData("EPSG:4528", 3090000, 1e15)]
    public async Task A_Part4_body_outside_its_Content_Crs_domain_is_refused_without_a_5xx(string crs, double first, double second)
    {
        using var client = await WriterAsync();
        var ring = new JsonArray(new JsonArray(first, second), new JsonArray(first + 50, second), new JsonArray(first + 50, second + 50), new JsonArray(first, second));
        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject { ["code"] = "CRS-DOMAIN-" + Guid.NewGuid().ToString("N")[..6], ["park_code"] = "P-BH", ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "idle" },
            ["geometry"] = new JsonObject { ["type"] = "Polygon", ["coordinates"] = new JsonArray(ring) },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "ogc/collections/parcels/items")
        {
            Content = new StringContent(feature.ToJsonString(), Encoding.UTF8, "application/geo+json"),
        };
        request.Headers.TryAddWithoutValidation("Content-Crs", $"<http://www.opengis.net/def/crs/EPSG/0/{crs[5..]}>");
        using var response = await client.SendAsync(request);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        // The same coordinates uploaded in that CRS.
        var upload = await RequestLimitsTests.UploadAsync(client,
            new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(feature.DeepClone()) }.ToJsonString(),
            $"collection=parcels&dryRun=true&crs={crs}");
        Assert.True((int)upload.Status is >= 400 and < 500, $"{(int)upload.Status}: {upload.Body?.ToJsonString()}");
    }

    /// <summary>If-Match: * means "any current version": the write goes ahead over whatever version is
    /// stored, and still needs the item to exist (412 once it is gone).</summary>
    [Fact]
    public async Task If_Match_star_writes_over_any_current_version_of_an_existing_item()
    {
        using var client = await WriterAsync();
        var ring = RequestLimitsTests.Ring(5, 70);
        var feature = RequestLimitsTests.Parcel("STAR-" + Guid.NewGuid().ToString("N")[..6], ring);
        using var created = await client.PostAsync("ogc/collections/parcels/items",
            new StringContent(feature.ToJsonString(), Encoding.UTF8, "application/geo+json"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var item = created.Headers.Location!.ToString().TrimStart('/');

        async Task<HttpResponseMessage> Send(HttpMethod method, string? body)
        {
            using var request = new HttpRequestMessage(method, item);
            if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/merge-patch+json");
            request.Headers.TryAddWithoutValidation("If-Match", "*");
            return await client.SendAsync(request);
        }

        using (var patched = await Send(HttpMethod.Patch, """{"properties":{"name":"first"}}"""))
            Assert.True(patched.StatusCode == HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        using (var again = await Send(HttpMethod.Patch, """{"properties":{"name":"second"}}"""))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode); // version 2 now: * still matches
        Assert.Contains("second", await client.GetStringAsync(item));
        using (var deleted = await Send(HttpMethod.Delete, null))
            Assert.True(deleted.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK, await deleted.Content.ReadAsStringAsync());
        using var gone = await Send(HttpMethod.Patch, """{"properties":{"name":"third"}}""");
        Assert.True((int)gone.StatusCode is 404 or 412, $"{(int)gone.StatusCode}");
    }
}
