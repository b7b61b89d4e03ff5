using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>Part 3 filtering through the items route: CQL2 text and JSON, filter-crs, queryables.</summary>
public sealed class FilterTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    private Task<List<long>> Ids(string query) => _client.AllIdsAsync($"ogc/collections/parcels/items?limit=500&{query}");

    [Theory]
    [InlineData("status = 'idle' AND area_mu > 20", "status = 'idle' and area_mu > 20")]
    [InlineData("supplied_on >= DATE('2014-01-01') AND supplied_on < DATE('2015-01-01')", "supplied_on >= '2014-01-01' and supplied_on < '2015-01-01'")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((120.80 27.83, 120.84 27.83, 120.84 27.87, 120.80 27.87, 120.80 27.83)))", "st_intersects(geom, st_makeenvelope(120.80, 27.83, 120.84, 27.87, 4490))")]
    [InlineData("status IN ('idle', 'supplied_unused') OR code LIKE 'WZKF-JH-00%'", "status in ('idle', 'supplied_unused') or code like 'WZKF-JH-00%'")]
    public async Task Cql2_text_selects_what_SQL_selects(string filter, string where)
    {
        var ids = await Ids("filter=" + Uri.EscapeDataString(filter));
        var expected = await server.DataSource.IdsAsync($"select id from parcels where {where} order by id");
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task Cql2_json_and_a_filter_crs_give_the_same_parcels_as_text_in_CRS84()
    {
        const string json = """{"op":"and","args":[{"op":"=","args":[{"property":"status"},"in_use"]},{"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[120.80,27.83,120.84,27.87]}]}]}""";
        var byJson = await Ids("filter-lang=cql2-json&filter=" + Uri.EscapeDataString(json));
        var byText = await Ids("filter=" + Uri.EscapeDataString("status = 'in_use' AND S_INTERSECTS(geometry, BBOX(120.80, 27.83, 120.84, 27.87))"));
        // The same box in EPSG:4326 (lat/lon order).
        var byCrs = await Ids("filter-crs=http://www.opengis.net/def/crs/EPSG/0/4326&filter=" +
            Uri.EscapeDataString("status = 'in_use' AND S_INTERSECTS(geometry, POLYGON((27.83 120.80, 27.83 120.84, 27.87 120.84, 27.87 120.80, 27.83 120.80)))"));
        Assert.NotEmpty(byText);
        Assert.Equal(byText, byJson);
        Assert.Equal(byText, byCrs);
    }

    [Fact]
    public async Task Filter_sortby_and_paging_work_together()
    {
        var ids = await Ids("sortby=-area_mu&filter=" + Uri.EscapeDataString("park_code = 'P-BH'"));
        Assert.Equal(await server.DataSource.IdsAsync("select id from parcels where park_code = 'P-BH' order by area_mu desc, id"), ids);
    }

    [Theory]
    [InlineData("filter=status%20%3D", "filter")]
    [InlineData("filter=secret%20%3D%201", "filter")]
    [InlineData("filter=area_mu%20%3D%20'big'", "filter")]
    [InlineData("filter-lang=sql&filter=1", "filter-lang")]
    [InlineData("filter-crs=EPSG:9999&filter=status%20%3D%20'idle'", "filter-crs")]
    public async Task A_bad_filter_is_a_400_naming_the_parameter(string query, string parameter)
    {
        using var response = await _client.GetAsync($"ogc/collections/parcels/items?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]!);
    }

    [Fact]
    public async Task Queryables_is_a_json_schema_of_the_collection()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "ogc/collections/parcels/queryables");
        request.Headers.Accept.ParseAdd("application/schema+json");
        using var response = await _client.SendAsync(request);
        Assert.Equal("application/schema+json", response.Content.Headers.ContentType!.MediaType);
        var schema = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("object", (string)schema["type"]!);
        Assert.Equal("date", (string)schema["properties"]!["supplied_on"]!["format"]!);
        Assert.Equal("number", (string)schema["properties"]!["area_mu"]!["type"]!);
        Assert.Null(schema["queryables"]);
    }

    [Fact]
    public async Task Conformance_declares_filtering()
    {
        var classes = (await _client.GetJsonAsync("ogc/conformance"))["conformsTo"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter", classes);
        Assert.Contains("http://www.opengis.net/spec/cql2/1.0/conf/cql2-text", classes);
    }
}
