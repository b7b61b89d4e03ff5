using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Conformance.OgcClient;

namespace LandMap.Tests.Conformance.Features2;

/// <summary>
/// OGC API - Features Part 2, requirements class Coordinate Reference Systems by Reference
/// (/req/crs/*), from /conf/crs/*: each collection's CRS list and storage CRS, crs and bbox-crs on
/// items and item, Content-Crs, each checked against PostGIS's own transformation.
/// </summary>
public sealed class CrsTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();
    private const string Epsg = "http://www.opengis.net/def/crs/EPSG/0/";

    /// <summary>The SRID PostGIS knows a CRS URI by, and whether the CRS's first axis is north
    /// (as the EPSG registry defines these: geographic 4326/4490 latitude first, the CGCS2000
    /// Gauss-Kruger 4528/4549 northing first; CRS84 and Web Mercator east first).</summary>
    private static (int Srid, bool NorthFirst) Known(string uri) => uri switch
    {
        Crs84 => (4326, false),
        Epsg + "4326" => (4326, true),
        Epsg + "4490" => (4490, true),
        Epsg + "4549" => (4549, true),
        Epsg + "4528" => (4528, true),
        Epsg + "3857" => (3857, false),
        _ => throw new InvalidOperationException($"the test knows no axis order for {uri}: add it"),
    };

    private async Task<JsonNode> CollectionAsync(string collectionId) =>
        (await _client.GetOkAsync($"ogc/collections/{collectionId}", "application/json")).Body;

    private static List<string> CrsList(JsonNode collection) => collection["crs"]!.AsArray().Select(c => (string)c!).ToList();

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/crs-uri")]
    public async Task Req_crs_crs_uri_every_supported_crs_is_a_URI(string collectionId)
    {
        foreach (var crs in CrsList(await CollectionAsync(collectionId)))
            Assert.True(Uri.TryCreate(crs, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", crs);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/fc-md-crs-list")]
    public async Task Req_crs_fc_md_crs_list_each_collection_lists_its_crs_with_CRS84(string collectionId)
    {
        var list = CrsList(await CollectionAsync(collectionId));
        Assert.Contains(Crs84, list);
        Assert.Equal(list.Count, list.Distinct().Count());
    }

    [Fact, Trait("Requirement", "/req/crs/fc-md-crs-list-global")]
    public async Task Req_crs_fc_md_crs_list_global_a_pointer_to_the_global_list_names_valid_crs()
    {
        var (_, all) = await _client.GetOkAsync("ogc/collections", "application/json");
        foreach (var c in all["collections"]!.AsArray())
        {
            if (!CrsList(c!).Contains("#/crs")) continue;
            var global = all["crs"]!.AsArray().Select(x => (string)x!).ToList();
            Assert.NotEmpty(global);
            foreach (var crs in global)
            {
                var (status, _, _) = await _client.GetStatusAsync($"ogc/collections/{c!["id"]}/items?limit=1&crs={Uri.EscapeDataString(crs)}");
                Assert.Equal(HttpStatusCode.OK, status);
            }
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/fc-md-storageCrs")]
    public async Task Req_crs_fc_md_storageCrs_names_the_crs_the_table_stores(string collectionId)
    {
        var storage = (string)(await CollectionAsync(collectionId))["storageCrs"]!;
        var srid = await server.DataSource.ScalarAsync<int>(
            $"select srid from geometry_columns where f_table_schema = 'public' and f_table_name = '{collectionId}'");
        Assert.Equal(srid, Known(storage).Srid);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/fc-md-storageCrs-valid-value")]
    public async Task Req_crs_fc_md_storageCrs_valid_value_is_in_the_crs_list(string collectionId)
    {
        var collection = await CollectionAsync(collectionId);
        Assert.Contains((string)collection["storageCrs"]!, CrsList(collection));
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/fc-crs-definition")]
    public async Task Req_crs_fc_crs_definition_items_and_item_take_every_listed_crs(string collectionId)
    {
        var api = await _client.GetJsonAsync("openapi/ogc.json");
        foreach (var path in new[] { "/collections/{collectionId}/items", "/collections/{collectionId}/items/{featureId}" })
        {
            var crs = api["paths"]![path]!["get"]!["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "crs")!;
            Assert.Equal("query", (string?)crs["in"]);
            Assert.Equal("string", (string?)crs["schema"]!["type"]);
        }
        var id = await FirstIdAsync(collectionId);
        foreach (var crs in CrsList(await CollectionAsync(collectionId)))
        {
            await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=1&crs={Uri.EscapeDataString(crs)}", "application/geo+json");
            await _client.GetOkAsync($"ogc/collections/{collectionId}/items/{id}?crs={Uri.EscapeDataString(crs)}", "application/geo+json");
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/fc-crs-valid-value")]
    public async Task Req_crs_fc_crs_valid_value_a_crs_not_listed_is_400_on_items_and_item(string collectionId)
    {
        var id = await FirstIdAsync(collectionId);
        foreach (var url in new[] { $"ogc/collections/{collectionId}/items?crs={Epsg}2000", $"ogc/collections/{collectionId}/items/{id}?crs={Epsg}2000" })
            Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetStatusAsync(url)).Status);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/crs-exception")]
    public async Task Req_crs_crs_exception_an_invalid_crs_is_400_with_a_message_naming_it(string collectionId)
    {
        var (status, mediaType, body) = await _client.GetStatusAsync($"ogc/collections/{collectionId}/items?crs=not-a-crs");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Contains("not-a-crs", (string)body!["detail"]!);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/fc-crs-action")]
    public async Task Req_crs_fc_crs_action_geometries_come_in_each_requested_crs_as_PostGIS_transforms_them(string collectionId)
    {
        foreach (var crs in CrsList(await CollectionAsync(collectionId)))
        {
            var (_, page) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=5&crs={Uri.EscapeDataString(crs)}", "application/geo+json");
            foreach (var feature in page["features"]!.AsArray())
                await AssertInCrsAsync(collectionId, feature!, crs);
            var id = page.Ids()[0];
            var (_, one) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items/{id}?crs={Uri.EscapeDataString(crs)}", "application/geo+json");
            await AssertInCrsAsync(collectionId, one, crs);
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/fc-crs-default-value")]
    public async Task Req_crs_fc_crs_default_value_without_crs_geometries_are_CRS84(string collectionId)
    {
        var (response, page) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=5", "application/geo+json");
        Assert.Equal($"<{Crs84}>", response.Headers.GetValues("Content-Crs").Single());
        foreach (var feature in page["features"]!.AsArray())
            await AssertInCrsAsync(collectionId, feature!, Crs84);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/ogc-crs-header")]
    public async Task Req_crs_ogc_crs_header_items_and_item_assert_their_crs_in_Content_Crs(string collectionId)
    {
        var id = await FirstIdAsync(collectionId);
        foreach (var crs in CrsList(await CollectionAsync(collectionId)))
            foreach (var url in new[] { $"ogc/collections/{collectionId}/items?limit=1&crs={Uri.EscapeDataString(crs)}", $"ogc/collections/{collectionId}/items/{id}?crs={Uri.EscapeDataString(crs)}" })
            {
                var (response, _) = await _client.GetOkAsync(url, "application/geo+json");
                Assert.True(response.Headers.Contains("Content-Crs"), $"{url}: no Content-Crs");
            }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/ogc-crs-header-value")]
    public async Task Req_crs_ogc_crs_header_value_is_the_requested_crs_URI_in_angle_brackets(string collectionId)
    {
        foreach (var crs in CrsList(await CollectionAsync(collectionId)))
        {
            var (response, _) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=1&crs={Uri.EscapeDataString(crs)}", "application/geo+json");
            Assert.Equal($"<{crs}>", response.Headers.GetValues("Content-Crs").Single());
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/fc-bbox-crs-definition")]
    public async Task Req_crs_fc_bbox_crs_definition_items_take_bbox_crs_for_every_listed_crs(string collectionId)
    {
        var api = await _client.GetJsonAsync("openapi/ogc.json");
        var parameter = api["paths"]!["/collections/{collectionId}/items"]!["get"]!["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "bbox-crs")!;
        Assert.Equal("query", (string?)parameter["in"]);
        Assert.Equal("string", (string?)parameter["schema"]!["type"]);
        foreach (var crs in CrsList(await CollectionAsync(collectionId)))
        {
            var bbox = await ZoneBoxInAsync(crs);
            await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=1&bbox={bbox}&bbox-crs={Uri.EscapeDataString(crs)}", "application/geo+json");
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/fc-bbox-crs-valid-value")]
    public async Task Req_crs_fc_bbox_crs_valid_value_a_bbox_crs_not_listed_is_400(string collectionId)
    {
        var (status, _, _) = await _client.GetStatusAsync($"ogc/collections/{collectionId}/items?bbox=1,2,3,4&bbox-crs={Epsg}2000");
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/bbox-crs-exception")]
    public async Task Req_crs_bbox_crs_exception_an_invalid_bbox_crs_is_400_with_a_message_naming_it(string collectionId)
    {
        var (status, mediaType, body) = await _client.GetStatusAsync($"ogc/collections/{collectionId}/items?bbox=1,2,3,4&bbox-crs=not-a-crs");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Contains("bbox-crs", (string)body!["detail"]!);
    }

    // The file's identifier (REQ_fc-bbox-crs-default-value.adoc).
    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/fc-bbox-crs-valid-default-value")]
    public async Task Req_crs_fc_bbox_crs_default_value_a_bbox_without_bbox_crs_is_CRS84(string collectionId)
    {
        // The middle of the sample data, about 4 km by 4 km.
        var served = await _client.AllSelectedIdsAsync($"ogc/collections/{collectionId}/items?limit=1000&bbox=120.80,27.83,120.84,27.87");
        var expected = await server.DataSource.IdsAsync(
            $"select id from {collectionId} where st_intersects(geom, st_transform(st_makeenvelope(120.80, 27.83, 120.84, 27.87, 4326), st_srid(geom)))");
        Assert.Equal(expected.Order(), served.Order());
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/fc-bbox-crs-action")]
    public async Task Req_crs_fc_bbox_crs_action_a_bbox_in_each_crs_selects_what_PostGIS_selects(string collectionId)
    {
        foreach (var crs in CrsList(await CollectionAsync(collectionId)))
        {
            var (srid, northFirst) = Known(crs);
            var (xmin, ymin, xmax, ymax) = await BoxAsync("st_makeenvelope(120.80, 27.83, 120.84, 27.87, 4326)", srid);
            var bbox = northFirst ? Numbers(ymin, xmin, ymax, xmax) : Numbers(xmin, ymin, xmax, ymax);
            var served = await _client.AllSelectedIdsAsync($"ogc/collections/{collectionId}/items?limit=1000&bbox={bbox}&bbox-crs={Uri.EscapeDataString(crs)}");
            var expected = await server.DataSource.IdsAsync(
                $"select id from {collectionId} where st_intersects(st_transform(geom, {srid}), st_makeenvelope({Numbers(xmin, ymin, xmax, ymax)}, {srid}))");
            Assert.True(expected.Order().SequenceEqual(served.Order()), $"{crs}: served {served.Count}, PostGIS {expected.Count}");
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/crs/geojson")]
    public async Task Req_crs_geojson_other_crs_only_by_prior_arrangement_the_crs_parameter(string collectionId)
    {
        // RFC 7946 4: GeoJSON is CRS84 unless client and server arrange otherwise; here the arrangement is
        // the crs parameter, and the response says which CRS it honoured.
        var (plain, _) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=1", "application/geo+json");
        Assert.Equal($"<{Crs84}>", plain.Headers.GetValues("Content-Crs").Single());
        var (asked, _) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=1&crs={Epsg}4549", "application/geo+json");
        Assert.Equal($"<{Epsg}4549>", asked.Headers.GetValues("Content-Crs").Single());
    }

    /// <summary>The feature's coordinates span what PostGIS's transform of the stored geometry spans, in the CRS's axis order.</summary>
    private async Task AssertInCrsAsync(string collectionId, JsonNode feature, string crs)
    {
        var (srid, northFirst) = Known(crs);
        var (firsts, seconds) = (new List<double>(), new List<double>());
        Positions(feature["geometry"]!["coordinates"]!, firsts, seconds);
        var (xmin, ymin, xmax, ymax) = await BoxAsync($"(select geom from {collectionId} where id = {(long)feature["id"]!})", srid);
        var (xs, ys) = northFirst ? (seconds, firsts) : (firsts, seconds);
        var tolerance = srid is 4326 or 4490 ? 1e-6 : 0.01;
        Assert.True(Math.Abs(xs.Min() - xmin) < tolerance && Math.Abs(ys.Min() - ymin) < tolerance
                    && Math.Abs(xs.Max() - xmax) < tolerance && Math.Abs(ys.Max() - ymax) < tolerance,
            $"{collectionId} {feature["id"]} in {crs}: served x {xs.Min()}..{xs.Max()} y {ys.Min()}..{ys.Max()}, PostGIS x {xmin}..{xmax} y {ymin}..{ymax}");
    }

    private async Task<(double, double, double, double)> BoxAsync(string geometrySql, int srid)
    {
        await using var cmd = server.DataSource.CreateCommand(
            $"select st_xmin(g), st_ymin(g), st_xmax(g), st_ymax(g) from (select st_transform({geometrySql}, {srid}) g) s");
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        return (r.GetDouble(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3));
    }

    private async Task<string> ZoneBoxInAsync(string crs)
    {
        var (srid, northFirst) = Known(crs);
        var (xmin, ymin, xmax, ymax) = await BoxAsync("st_makeenvelope(120.80, 27.83, 120.84, 27.87, 4326)", srid);
        return northFirst ? Numbers(ymin, xmin, ymax, xmax) : Numbers(xmin, ymin, xmax, ymax);
    }

    private static string Numbers(params double[] values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private async Task<long> FirstIdAsync(string collectionId) =>
        (await server.DataSource.IdsAsync($"select id from {collectionId} order by id limit 1")).Single();
}
