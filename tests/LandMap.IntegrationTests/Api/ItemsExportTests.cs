using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using MiniExcelLibs;

namespace LandMap.Tests.Api;

/// <summary>Items as a spreadsheet (<c>f=csv</c>, <c>f=xlsx</c>): the rows the same filter selects as
/// GeoJSON, a column per property, Chinese intact; the map's exports use it instead of a browser
/// spreadsheet library.</summary>
public sealed class ItemsExportTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();
    private static readonly string Filter = Uri.EscapeDataString("park_code = 'P-SC' AND name LIKE '%'");

    private async Task<Dictionary<string, string>> ExpectedAsync()
    {
        var features = await _client.AllFeaturesAsync($"ogc/collections/parcels/items?limit=1000&filter={Filter}");
        return features.ToDictionary(f => (string)f["properties"]!["code"]!, f => (string?)f["properties"]!["name"] ?? "");
    }

    [Fact]
    public async Task Csv_holds_the_filtered_items_with_a_BOM_and_their_names()
    {
        var expected = await ExpectedAsync();
        Assert.NotEmpty(expected);
        using var response = await _client.GetAsync($"ogc/collections/parcels/items?f=csv&filter={Filter}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("parcels.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        int code = Array.IndexOf(header, "宗地编号"), name = Array.IndexOf(header, "名称");
        Assert.True(code >= 0 && name >= 0, lines[0]);
        var rows = lines[1..].Select(l => l.Split(',')).ToDictionary(r => r[code], r => r[name]); // sample names hold no commas
        Assert.Equal(expected.OrderBy(x => x.Key), rows.OrderBy(x => x.Key));
    }

    [Fact]
    public async Task Xlsx_holds_the_filtered_items()
    {
        var expected = await ExpectedAsync();
        using var response = await _client.GetAsync($"ogc/collections/parcels/items?f=xlsx&filter={Filter}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(expected.OrderBy(x => x.Key), rows.ToDictionary(r => (string)r["宗地编号"], r => r["名称"]?.ToString() ?? "").OrderBy(x => x.Key));
    }

    [Fact]
    public async Task More_items_than_the_limit_is_a_problem_naming_limit_not_a_cut_file()
    {
        using var response = await _client.GetAsync($"ogc/collections/parcels/items?f=csv&limit=1&filter={Filter}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("limit", (string)problem["parameter"]!);
    }
}
