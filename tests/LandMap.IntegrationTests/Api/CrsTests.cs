using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>OGC API - Features Part 2: crs, bbox-crs and Content-Crs, with each CRS's own axis order.</summary>
public sealed class CrsTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();
    private const string Epsg = "http://www.opengis.net/def/crs/EPSG/0/";

    private async Task<(double X, double Y)> FirstVertexInPostGis(long id, int srid)
    {
        await using var cmd = server.DataSource.CreateCommand(
            $"select st_x(p), st_y(p) from (select st_pointn(st_exteriorring(st_geometryn(st_transform(geom, {srid}), 1)), 1) as p from parcels where id = $1) s");
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetDouble(0), r.GetDouble(1));
    }

    private static (double A, double B, long Id) FirstVertex(JsonNode page)
    {
        var f = page["features"]![0]!;
        var v = f["geometry"]!["coordinates"]![0]![0]![0]!.AsArray();
        return ((double)v[0]!, (double)v[1]!, (long)f["id"]!);
    }

    [Theory]
    [InlineData("EPSG:4326", 4326, true)]    // latitude first
    [InlineData("EPSG:4490", 4490, true)]
    [InlineData("EPSG:4549", 4549, true)]    // northing first (EPSG CS 4530)
    [InlineData("EPSG:4528", 4528, true)]
    [InlineData("EPSG:3857", 3857, false)]   // easting first
    public async Task Items_come_in_the_requested_crs_and_its_axis_order(string crs, int srid, bool swapped)
    {
        using var response = await _client.GetAsync($"ogc/collections/parcels/items?limit=1&crs={Epsg}{srid}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"<{Epsg}{srid}>", response.Headers.GetValues("Content-Crs").Single());
        var (a, b, id) = FirstVertex(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        var (x, y) = await FirstVertexInPostGis(id, srid);
        var tolerance = srid is 4326 or 4490 ? 1e-7 : 1e-3;
        Assert.Equal(swapped ? y : x, a, tolerance);
        Assert.Equal(swapped ? x : y, b, tolerance);
        _ = crs;
    }

    [Fact]
    public async Task Default_output_is_CRS84_lon_lat()
    {
        using var response = await _client.GetAsync("ogc/collections/parcels/items?limit=1");
        Assert.Contains("OGC/1.3/CRS84", response.Headers.GetValues("Content-Crs").Single());
        var (lon, lat, _) = FirstVertex(JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
        Assert.InRange(lon, 120.5, 121.2);
        Assert.InRange(lat, 27.6, 28.1);
    }

    [Fact]
    public async Task Single_item_honours_crs()
    {
        using var response = await _client.GetAsync($"ogc/collections/parks/items/1?crs={Epsg}4549");
        Assert.Equal($"<{Epsg}4549>", response.Headers.GetValues("Content-Crs").Single());
        var v = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["geometry"]!["coordinates"]![0]![0]![0]!.AsArray();
        Assert.InRange((double)v[0]!, 3_000_000, 3_200_000); // northing
        Assert.InRange((double)v[1]!, 500_000, 700_000);     // easting
    }

    [Theory]
    [InlineData("EPSG:4549", "3083000,578000,3086000,582000", "st_makeenvelope(578000, 3083000, 582000, 3086000, 4549)")]
    [InlineData("EPSG:4528", "3083000,40578000,3086000,40582000", "st_makeenvelope(40578000, 3083000, 40582000, 3086000, 4528)")]
    [InlineData("EPSG:4326", "27.83,120.80,27.87,120.84", "st_makeenvelope(120.80, 27.83, 120.84, 27.87, 4326)")]
    [InlineData("EPSG:3857", "13447000,3227000,13451000,3231000", "st_makeenvelope(13447000, 3227000, 13451000, 3231000, 3857)")]
    public async Task Bbox_in_another_crs_selects_what_PostGIS_selects(string bboxCrs, string bbox, string envelope)
    {
        var ids = await _client.AllIdsAsync($"ogc/collections/parcels/items?limit=500&bbox={bbox}&bbox-crs={Epsg}{bboxCrs[5..]}");
        var expected = await server.DataSource.IdsAsync(
            $"select id from parcels where st_intersects(geom, st_transform(st_segmentize({envelope}, {(bboxCrs == "EPSG:4326" ? "0.01" : "1000")}), 4490)) order by id");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids);
    }

    [Theory]
    [InlineData("crs=EPSG:2000", "crs")]
    [InlineData("crs=http://www.opengis.net/def/crs/EPSG/0/4527", "crs")]
    [InlineData("bbox=1,2,3,4&bbox-crs=urn:nonsense", "bbox-crs")]
    [InlineData("bbox=27.8,120.8,27.9,120.9", "bbox")] // lat/lon order given without bbox-crs: 120.8 is no latitude
    public async Task Unsupported_crs_or_misordered_bbox_is_a_400_naming_the_parameter(string query, string parameter)
    {
        using var response = await _client.GetAsync($"ogc/collections/parcels/items?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]!);
    }

    [Fact]
    public async Task Collection_lists_its_crs_and_storage_crs()
    {
        var c = await _client.GetJsonAsync("ogc/collections/parcels");
        var crs = c["crs"]!.AsArray().Select(x => (string)x!).ToList();
        foreach (var srid in new[] { "4490", "4326", "3857", "4549", "4528" }) Assert.Contains(Epsg + srid, crs);
        Assert.Contains("http://www.opengis.net/def/crs/OGC/1.3/CRS84", crs);
        Assert.Equal(Epsg + "4490", (string)c["storageCrs"]!);
    }
}
