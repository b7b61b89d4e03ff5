using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using static LandMap.Tests.Conformance.OgcClient;

namespace LandMap.Tests.Conformance.Features1;

/// <summary>
/// OGC API - Features Part 1, requirements class Core (/req/core/*), from the abstract tests
/// /conf/core/*. The links, bbox, datetime, numberMatched, extent, HTTP and query-parameter
/// requirements are in the protocol helpers' files (issue 14 points 1-6).
/// </summary>
public sealed class CoreTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact, Trait("Requirement", "/req/core/root-op")]
    public async Task Req_core_root_op_landing_page_answers_GET()
    {
        var (status, mediaType, _) = await _client.GetStatusAsync("ogc");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", mediaType);
    }

    [Fact, Trait("Requirement", "/req/core/root-success")]
    public async Task Req_core_root_success_landing_page_links_api_definition_conformance_and_data()
    {
        var (_, landing) = await _client.GetOkAsync("ogc", "application/json");
        Assert.NotNull(landing["links"]?.AsArray());
        Assert.True(landing.LinksOf("service-desc").Count + landing.LinksOf("service-doc").Count > 0, "no service-desc or service-doc link");
        Assert.EndsWith("/ogc/conformance", (string)landing.LinksOf("conformance").Single()["href"]!);
        Assert.EndsWith("/ogc/collections", (string)landing.LinksOf("data").Single()["href"]!);
        foreach (var link in landing.Links()) Assert.False(string.IsNullOrEmpty((string?)link["href"]));
    }

    [Fact, Trait("Requirement", "/req/core/api-definition-op")]
    public async Task Req_core_api_definition_op_every_api_definition_link_answers_GET()
    {
        var (_, landing) = await _client.GetOkAsync("ogc", "application/json");
        foreach (var link in landing.LinksOf("service-desc").Concat(landing.LinksOf("service-doc")))
        {
            var (status, _, _) = await _client.GetStatusAsync((string)link["href"]!);
            Assert.True(status == HttpStatusCode.OK, $"{link["href"]}: {status}");
        }
    }

    [Fact, Trait("Requirement", "/req/core/api-definition-success")]
    public async Task Req_core_api_definition_success_each_definition_is_served_in_the_linked_media_type()
    {
        var (_, landing) = await _client.GetOkAsync("ogc", "application/json");
        foreach (var link in landing.LinksOf("service-desc").Concat(landing.LinksOf("service-doc")))
        {
            var type = (string)link["type"]!;
            using var request = new HttpRequestMessage(HttpMethod.Get, (string)link["href"]!);
            request.Headers.TryAddWithoutValidation("Accept", type);
            using var response = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            if (type.StartsWith("application/vnd.oai.openapi+json", StringComparison.Ordinal))
                Assert.StartsWith("3.0.", (string)JsonNode.Parse(body)!["openapi"]!);
            else
            {
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("<html", body, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact, Trait("Requirement", "/req/core/conformance-op")]
    public async Task Req_core_conformance_op_the_conformance_link_and_path_answer_GET()
    {
        var (_, landing) = await _client.GetOkAsync("ogc", "application/json");
        foreach (var url in landing.LinksOf("conformance").Select(l => (string)l["href"]!).Append("ogc/conformance"))
            await _client.GetOkAsync(url, "application/json");
    }

    [Fact, Trait("Requirement", "/req/core/conformance-success")]
    public async Task Req_core_conformance_success_lists_core_and_every_class_implemented()
    {
        var (_, doc) = await _client.GetOkAsync("ogc/conformance", "application/json");
        var classes = doc["conformsTo"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", classes);
        Assert.All(classes, c => Assert.True(Uri.TryCreate(c, UriKind.Absolute, out _), c));
        Assert.Equal(classes.Count, classes.Distinct().Count());
        // Classes this suite tests the service for (the others are the CQL2 and Tiles suites').
        foreach (var part in new[] { "ogcapi-features-1/1.0/conf/geojson", "ogcapi-features-1/1.0/conf/oas30", "ogcapi-features-2/1.0/conf/crs",
                     "ogcapi-features-3/1.0/conf/queryables", "ogcapi-features-3/1.0/conf/filter", "ogcapi-features-3/1.0/conf/features-filter",
                     "ogcapi-features-4/1.0/conf/create-replace-delete", "ogcapi-features-4/1.0/conf/update" })
            Assert.Contains("http://www.opengis.net/spec/" + part, classes);
    }

    [Fact, Trait("Requirement", "/req/core/fc-md-op")]
    public async Task Req_core_fc_md_op_collections_answers_GET()
    {
        var (status, mediaType, _) = await _client.GetStatusAsync("ogc/collections");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", mediaType);
    }

    [Fact, Trait("Requirement", "/req/core/fc-md-success")]
    public async Task Req_core_fc_md_success_collections_document_has_links_and_collections_with_CRS84_first()
    {
        var (_, doc) = await _client.GetOkAsync("ogc/collections", "application/json");
        Assert.NotNull(doc["links"]?.AsArray());
        var collections = doc["collections"]!.AsArray();
        Assert.NotEmpty(collections);
        foreach (var c in collections)
        {
            Assert.False(string.IsNullOrEmpty((string?)c!["id"]));
            Assert.NotNull(c["links"]?.AsArray());
            if (c["crs"] is JsonArray crs) Assert.Equal(Crs84, (string?)crs[0]);
        }
    }

    [Fact, Trait("Requirement", "/req/core/fc-md-items")]
    public async Task Req_core_fc_md_items_every_feature_table_is_a_collection_entry()
    {
        var (_, doc) = await _client.GetOkAsync("ogc/collections", "application/json");
        var ids = doc["collections"]!.AsArray().Select(c => (string)c!["id"]!).Order().ToList();
        Assert.Equal(CollectionIds.Order(), ids);
        // Each is a table of features in PostGIS: the collections are what the database holds.
        foreach (var id in ids)
            Assert.Equal(1L, await server.DataSource.ScalarAsync<long>(
                $"select count(*) from geometry_columns where f_table_schema = 'public' and f_table_name = '{id}'"));
    }

    [Fact]
    [Trait("Requirement", "/req/core/fc-md-items-links")]
    public async Task Req_core_fc_md_items_links_an_items_link_per_encoding_with_rel_and_type()
    {
        var (_, doc) = await _client.GetOkAsync("ogc/collections", "application/json");
        foreach (var c in doc["collections"]!.AsArray())
        {
            var types = c!.LinksOf("items").Select(l => (string?)l["type"]).ToList();
            Assert.Contains("application/geo+json", types);
            Assert.Contains("text/html", types); // items are served as HTML too (f=html)
            c!.AssertLinksHaveRelAndType((string)c!["id"]!);
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/core/sfc-md-op")]
    public async Task Req_core_sfc_md_op_each_collection_answers_GET(string collectionId)
    {
        var (_, doc) = await _client.GetOkAsync($"ogc/collections/{collectionId}", "application/json");
        Assert.Equal(collectionId, (string?)doc["id"]);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/core/sfc-md-success")]
    public async Task Req_core_sfc_md_success_collection_matches_its_collections_entry(string collectionId)
    {
        var (_, all) = await _client.GetOkAsync("ogc/collections", "application/json");
        var entry = all["collections"]!.AsArray().Single(c => (string?)c!["id"] == collectionId)!;
        var (_, one) = await _client.GetOkAsync($"ogc/collections/{collectionId}", "application/json");
        foreach (var member in new[] { "id", "title", "description", "extent", "itemType" })
            Assert.True(JsonNode.DeepEquals(entry[member], one[member]), $"{member}: {entry[member]?.ToJsonString()} vs {one[member]?.ToJsonString()}");
        var links = one.Links().Select(l => l.ToJsonString()).ToHashSet();
        foreach (var link in entry.Links()) Assert.Contains(link.ToJsonString(), links);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/core/fc-md-extent-multi")]
    public async Task Req_core_fc_md_extent_multi_every_feature_lies_in_the_first_bbox(string collectionId)
    {
        var (_, doc) = await _client.GetOkAsync($"ogc/collections/{collectionId}", "application/json");
        var bboxes = doc["extent"]!["spatial"]!["bbox"]!.AsArray();
        var first = bboxes[0]!.AsArray().Select(v => (double)v!).ToArray();
        var (w, s, e, n) = first.Length == 6 ? (first[0], first[1], first[3], first[4]) : (first[0], first[1], first[2], first[3]);
        // Storage is CGCS2000 lon/lat, which CRS84 equals to well under the 7 decimals served.
        var outside = await server.DataSource.ScalarAsync<long>(
            $"select count(*) from {collectionId} where st_xmin(geom) < {w} - 1e-7 or st_ymin(geom) < {s} - 1e-7 or st_xmax(geom) > {e} + 1e-7 or st_ymax(geom) > {n} + 1e-7");
        Assert.Equal(0, outside);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/core/crs84")]
    public async Task Req_core_crs84_geometries_are_CRS84_lon_lat_unless_asked_otherwise(string collectionId)
    {
        var (response, page) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=20", "application/geo+json");
        Assert.Equal($"<{Crs84}>", response.Headers.GetValues("Content-Crs").Single());
        foreach (var f in page["features"]!.AsArray())
        {
            var xs = new List<double>();
            var ys = new List<double>();
            Positions(f!["geometry"]!["coordinates"]!, xs, ys);
            await using var cmd = server.DataSource.CreateCommand(
                $"select st_xmin(g), st_ymin(g), st_xmax(g), st_ymax(g) from (select st_transform(geom, 4326) g from {collectionId} where id = $1) s");
            cmd.Parameters.Add(new() { Value = (long)f["id"]! });
            await using var r = await cmd.ExecuteReaderAsync();
            Assert.True(await r.ReadAsync());
            Assert.Equal(r.GetDouble(0), xs.Min(), 1e-6);
            Assert.Equal(r.GetDouble(1), ys.Min(), 1e-6);
            Assert.Equal(r.GetDouble(2), xs.Max(), 1e-6);
            Assert.Equal(r.GetDouble(3), ys.Max(), 1e-6);
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/core/fc-op")]
    public async Task Req_core_fc_op_each_collections_items_answer_GET(string collectionId)
    {
        var (_, page) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items", "application/geo+json");
        Assert.Equal("FeatureCollection", (string?)page["type"]);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/core/fc-response")]
    public async Task Req_core_fc_response_paging_to_the_end_selects_exactly_the_collections_features(string collectionId)
    {
        var (_, page) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=3", "application/geo+json");
        Assert.Equal("FeatureCollection", (string?)page["type"]);
        Assert.All(page["features"]!.AsArray(), f => Assert.Equal("Feature", (string?)f!["type"]));

        var served = await _client.AllSelectedIdsAsync($"ogc/collections/{collectionId}/items?limit=400");
        var stored = await server.DataSource.IdsAsync($"select id from {collectionId}");
        Assert.Equal(served.Count, served.Distinct().Count());
        Assert.Equal(stored.Order(), served.Order());
    }

    [Fact]
    [Trait("Requirement", "/req/core/fc-limit-definition")]
    public async Task Req_core_fc_limit_definition_limit_is_an_optional_integer_query_parameter()
    {
        var api = await _client.GetJsonAsync("openapi/ogc.json");
        var limit = api["paths"]!["/collections/{collectionId}/items"]!["get"]!["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "limit")!;
        Assert.Equal("query", (string?)limit["in"]);
        Assert.NotEqual(true, (bool?)limit["required"]);
        Assert.Equal("integer", (string?)limit["schema"]!["type"]);
        // The ATS lets the API choose minimum, maximum and default; these are the ones it serves.
        Assert.Equal(1, (int?)limit["schema"]!["minimum"]);
        Assert.Equal(10000, (int?)limit["schema"]!["maximum"]);
        Assert.NotNull(limit["schema"]!["default"]);
    }

    // The file's identifier (17-069r4 prints /req/core/fc-limit-response).
    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/core/fc-limit-response-1")]
    public async Task Req_core_fc_limit_response_never_more_than_limit_and_above_the_maximum_no_error(string collectionId)
    {
        var total = await server.DataSource.ScalarAsync<long>($"select count(*) from {collectionId}");
        foreach (var limit in new[] { 1, 2, 7 })
        {
            var (_, page) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit={limit}", "application/geo+json");
            Assert.Equal(Math.Min(limit, total), page["features"]!.AsArray().Count);
        }
        // The documented maximum is 10000: a larger limit is served as the maximum, not refused.
        var (_, all) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=50000", "application/geo+json");
        Assert.Equal(Math.Min(10000, total), all["features"]!.AsArray().Count);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/core/fc-rel-type")]
    public async Task Req_core_fc_rel_type_every_link_of_a_page_has_rel_and_type(string collectionId)
    {
        var (_, first) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=2", "application/geo+json");
        first.AssertLinksHaveRelAndType($"{collectionId} first page");
        if (first.LinksOf("next").FirstOrDefault() is { } next)
        {
            var (_, second) = await _client.GetOkAsync((string)next["href"]!, "application/geo+json");
            second.AssertLinksHaveRelAndType($"{collectionId} second page");
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/core/fc-timeStamp")]
    public async Task Req_core_fc_timeStamp_is_when_the_response_was_generated(string collectionId)
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (_, page) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items?limit=1", "application/geo+json");
        var after = DateTimeOffset.UtcNow.AddSeconds(1);
        if (page["timeStamp"] is null) return; // optional
        var stamp = DateTimeOffset.Parse((string)page["timeStamp"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stamp, before, after);
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/core/fc-numberReturned")]
    public async Task Req_core_fc_numberReturned_equals_the_features_in_the_response(string collectionId)
    {
        foreach (var url in new[] { $"ogc/collections/{collectionId}/items?limit=3", $"ogc/collections/{collectionId}/items?limit=10000" })
        {
            var (_, page) = await _client.GetOkAsync(url, "application/geo+json");
            if (page["numberReturned"] is { } returned)
                Assert.Equal(page["features"]!.AsArray().Count, (int)returned);
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/core/f-op")]
    public async Task Req_core_f_op_each_feature_of_a_sample_answers_GET(string collectionId)
    {
        // A sample from both ends of the collection (the ATS: "a sufficiently large subset").
        var ids = await server.DataSource.IdsAsync(
            $"(select id from {collectionId} order by id limit 10) union (select id from {collectionId} order by id desc limit 10)");
        foreach (var id in ids)
        {
            var (_, feature) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items/{id}", "application/geo+json");
            Assert.Equal(id, (long)feature["id"]!);
        }
    }

    [Theory, MemberData(nameof(Collections), MemberType = typeof(OgcClient)), Trait("Requirement", "/req/core/f-success")]
    public async Task Req_core_f_success_a_feature_is_200_and_the_one_asked_for(string collectionId)
    {
        var (id, code) = await FirstAsync(collectionId);
        var (_, feature) = await _client.GetOkAsync($"ogc/collections/{collectionId}/items/{id}", "application/geo+json");
        Assert.Equal("Feature", (string?)feature["type"]);
        Assert.Equal(id, (long)feature["id"]!);
        Assert.Equal(code, (string?)feature["properties"]!["code"]);
        Assert.NotNull(feature["geometry"]!["type"]);
    }

    private async Task<(long Id, string Code)> FirstAsync(string collectionId)
    {
        await using var cmd = server.DataSource.CreateCommand($"select id, code from {collectionId} order by id limit 1");
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        return (r.GetInt64(0), r.GetString(1));
    }
}
