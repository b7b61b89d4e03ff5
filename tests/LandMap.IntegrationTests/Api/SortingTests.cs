using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Api;

/// <summary>sortby and properties, with keyset paging that still visits every row once.</summary>
public sealed class SortingTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    private Task<List<JsonNode>> AllPages(string url) => _client.AllFeaturesAsync(url);

    private Task<List<long>> IdsInPostGis(string orderBy) => server.DataSource.IdsAsync($"select id from parcels order by {orderBy}");

    [Theory]
    [InlineData("-area_mu", "area_mu desc, id")]
    [InlineData("status,-supplied_on", "status, (supplied_on is null), supplied_on desc, id")]
    [InlineData("+project_code,-plot_ratio,code", "(project_code is null), project_code, (plot_ratio is null), plot_ratio desc, code, id")]
    public async Task Sorted_pages_follow_the_sort_order_and_visit_every_parcel_once(string sortby, string orderBy)
    {
        var features = await AllPages($"ogc/collections/parcels/items?limit=97&sortby={Uri.EscapeDataString(sortby)}");
        Assert.Equal(await IdsInPostGis(orderBy), features.Select(f => (long)f["id"]!).ToList());
    }

    [Fact]
    public async Task Properties_selects_the_returned_properties()
    {
        var page = await _client.GetJsonAsync("ogc/collections/parcels/items?limit=3&properties=code,status");
        foreach (var f in page["features"]!.AsArray())
            Assert.Equal(["code", "status"], f!["properties"]!.AsObject().Select(kv => kv.Key).Order());
    }

    [Theory]
    [InlineData("sortby=nonsense", "sortby")]
    [InlineData("sortby=geom", "sortby")]
    [InlineData("sortby=code,code", "sortby")]
    [InlineData("properties=code,secret", "properties")]
    [InlineData("sortby=code&cursor=eyJ4IjoxfQ", "cursor")]
    [InlineData("sortby=code&cursor=!!!", "cursor")]
    public async Task Bad_sortby_properties_or_cursor_is_a_400(string query, string parameter)
    {
        using var response = await _client.GetAsync($"ogc/collections/parcels/items?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]!);
    }

    [Fact]
    public async Task First_page_says_how_many_match_exactly_when_cheap()
    {
        await using var cmd = server.DataSource.CreateCommand(
            "select count(*) from parcels where st_intersects(geom, st_makeenvelope(120.80, 27.83, 120.84, 27.87, 4490))");
        var expected = (long)(await cmd.ExecuteScalarAsync())!;
        var page = await _client.GetJsonAsync("ogc/collections/parcels/items?limit=10&bbox=120.80,27.83,120.84,27.87");
        Assert.Equal(expected, (long)page["numberMatched"]!);
        var second = await _client.GetJsonAsync(page.NextLink()!);
        Assert.Null(second["numberMatched"]);
    }
}
