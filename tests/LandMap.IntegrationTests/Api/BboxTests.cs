using System.Net;
using System.Text.Json.Nodes;
using LandMap.Api.Domain;
using LandMap.Api.Geo;
using LandMap.Api.Items;
using LandMap.Tests.Infrastructure;
using Npgsql;

namespace LandMap.Tests.Api;

/// <summary>
/// OGC API - Features Part 1 bbox of any size (issue 14 point 2): a province box, world boxes in every
/// bbox-crs, boxes across the antimeridian and 3D boxes are answered with the features that intersect
/// them, as PostGIS selects them; the work is bounded by limit and paging, never by refusing the box.
/// </summary>
public sealed class BboxTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    private Task<List<long>> AllParcelIds() => server.DataSource.IdsAsync("select id from parcels order by id");

    private Task<List<long>> Served(string query) => _client.AllIdsAsync($"ogc/collections/parcels/items?limit=10000&{query}");

    [Fact]
    [Trait("Requirement", "/req/core/fc-bbox-response")]
    public async Task A_province_wide_box_is_answered_with_what_PostGIS_selects()
    {
        var expected = await server.DataSource.IdsAsync(
            "select id from parcels where st_intersects(geom, st_makeenvelope(115, 25, 125, 32, 4490)) order by id");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, await Served("bbox=115,25,125,32"));
    }

    [Theory]
    [Trait("Requirement", "/req/core/fc-bbox-response")]
    [InlineData("bbox=-180,-90,180,90")]
    [InlineData("bbox=-180,-90,180,90&bbox-crs=http://www.opengis.net/def/crs/OGC/1.3/CRS84")]
    [InlineData("bbox=-90,-180,90,180&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326")] // lat,lon
    [InlineData("bbox=-90,-180,90,180&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4490")]
    [InlineData("bbox=-20037508.34,-20048966.1,20037508.34,20048966.1&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/3857")]
    // Gauss-Kruger CM 120E: its whole domain (northing -10,000 km..10,000 km, easting +-800 km), northing first.
    [InlineData("bbox=-10000000,-300000,10000000,1300000&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4549")]
    public async Task A_whole_world_box_in_any_bbox_crs_is_answered_with_every_feature(string query)
    {
        Assert.Equal(await AllParcelIds(), await Served(query));
    }

    [Fact]
    [Trait("Requirement", "/req/core/fc-bbox-response")]
    public async Task A_world_box_page_is_bounded_by_limit_and_links_the_next_page()
    {
        var page = await _client.GetJsonAsync("ogc/collections/parcels/items?bbox=-180,-90,180,90&limit=7");
        Assert.Equal(7, page["features"]!.AsArray().Count);
        Assert.NotNull(page.NextLink());
    }

    [Theory]
    [Trait("Requirement", "/req/core/fc-bbox-definition")]
    [InlineData("170,-90,130,90")]    // 170E eastwards over the antimeridian to 130E: the zone (120.8E) is in it
    [InlineData("170,20,-170,40")]   // 170E..170W: the Pacific only
    [InlineData("121,27,120,29")]     // every longitude but 120..121E at the zone's latitudes
    public async Task A_box_whose_west_bound_is_east_of_its_east_bound_crosses_the_antimeridian(string bbox)
    {
        var n = bbox.Split(',').Select(double.Parse).ToArray();
        var expected = await server.DataSource.IdsAsync(
            $"select id from parcels where st_intersects(geom, st_makeenvelope({n[0]}, {n[1]}, 180, {n[3]}, 4490)) " +
            $"or st_intersects(geom, st_makeenvelope(-180, {n[1]}, {n[2]}, {n[3]}, 4490)) order by id");
        var all = await AllParcelIds();
        Assert.Equal(expected, await Served("bbox=" + bbox));
        // The halves are the box, not the box's complement: 170..130 holds the zone, 170..-170 nothing of it.
        if (bbox == "170,-90,130,90") Assert.Equal(all, expected);
        if (bbox == "170,20,-170,40") Assert.Empty(expected);
    }

    [Fact]
    [Trait("Requirement", "/req/core/fc-bbox-definition")]
    public async Task A_box_across_the_antimeridian_in_lat_lon_order_reads_the_longitudes_second()
    {
        Assert.Equal(await AllParcelIds(), await Served("bbox=-90,170,90,130&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326"));
        Assert.Empty(await Served("bbox=20,170,40,-170&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326"));
    }

    [Fact]
    [Trait("Requirement", "/req/core/fc-bbox-definition")]
    public async Task A_six_number_box_selects_as_its_four_horizontal_numbers_do()
    {
        var twoD = await Served("bbox=120.80,27.83,120.84,27.87");
        Assert.NotEmpty(twoD);
        Assert.Equal(twoD, await Served("bbox=120.80,27.83,-100,120.84,27.87,1000"));
        Assert.Equal(await AllParcelIds(), await Served("bbox=-180,-90,-1e4,180,90,1e4"));
    }

    [Theory]
    [Trait("Requirement", "/req/core/fc-bbox-definition")]
    [InlineData("120.80,27.87,120.84,27.83")]                 // south above north: latitudes never wrap
    [InlineData("120.80,27.83,100,120.84,27.87,-100")]        // minimum height above the maximum
    [InlineData("3086000,582000,3083000,578000&bbox-crs=EPSG:4549")] // a projected box does not wrap
    [InlineData("181,27,182,28")]
    public async Task A_box_whose_minimum_exceeds_its_maximum_where_nothing_wraps_is_a_400_naming_bbox(string bbox)
    {
        using var response = await _client.GetAsync("ogc/collections/parcels/items?bbox=" + bbox);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bbox", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]);
    }

    [Theory]
    [InlineData("-180,-90,180,90", null)]
    [InlineData("170,-90,130,90", null)]
    [InlineData("-20037508.34,-20048966.1,20037508.34,20048966.1", "EPSG:3857")]
    public async Task A_world_box_condition_stays_one_the_GiST_index_answers(string bbox, string? crs)
    {
        // The plan with sequential scans priced out must use the index: the condition is geom against a constant.
        var query = ItemsQuery.Parse(CollectionCatalog.Parcels, new ItemsParameters(Bbox: bbox, BboxCrs: crs),
            rules: new IdleRules());
        await using var conn = await server.DataSource.OpenConnectionAsync();
        await using (var off = new NpgsqlCommand("set enable_seqscan = off", conn)) await off.ExecuteNonQueryAsync();
        await using var cmd = ItemsSql.Count(query, null);
        cmd.Connection = conn;
        cmd.CommandText = "explain " + cmd.CommandText;
        var plan = new List<string>();
        await using (var r = await cmd.ExecuteReaderAsync()) while (await r.ReadAsync()) plan.Add(r.GetString(0));
        Assert.Contains(plan, line => line.Contains("Index") && line.Contains("geom"));
        await using var reset = new NpgsqlCommand("reset enable_seqscan", conn);
        await reset.ExecuteNonQueryAsync();
    }
}
