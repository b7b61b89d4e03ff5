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

/// <summary>The map's exports in the office's language: the catalog's titles as headers and coded
/// values as their names (park names, states, supply modes, "0601 工业用地", a project's stage by its
/// kind), Chinese by default, English with lang=en; lang is declared on /items, anything else a 400.</summary>
public sealed class ItemsExportLanguageTests(LandMapServer server)
{
    private readonly HttpClient _client = server.CreateClient();

    private async Task<List<IDictionary<string, object>>> SheetAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return [.. MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>()];
    }

    private async Task<string> OneAsync(string sql)
    {
        await using var cmd = server.DataSource.CreateCommand(sql);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Parcels_export_names_not_codes_in_chinese_and_in_english()
    {
        var code = await OneAsync("select code from parcels where land_use = '0601' and supply_method = 'sale' and park_code = 'P-JH' order by code limit 1");
        var url = $"ogc/collections/parcels/items?f=xlsx&filter={Uri.EscapeDataString($"code = '{code}'")}";
        var zh = (await SheetAsync(url)).Single();
        Assert.Equal(code, zh["宗地编号"]);
        Assert.Equal("金海园区", zh["园区"]);
        Assert.Equal("0601 工业用地", zh["用地类型"]);
        Assert.Equal(await OneAsync("select name_zh from supply_methods where code = 'sale'"), zh["供地方式"]);
        Assert.Contains(zh["登记状态"], await NamesAsync("name_zh"));
        Assert.True(zh.ContainsKey("国有建设用地使用权人"));
        Assert.True(zh.ContainsKey("面积（亩）"));
        Assert.DoesNotContain(zh.Keys, k => k.Contains('(') || k.Contains(')'));

        var en = (await SheetAsync(url + "&lang=en")).Single();
        Assert.Equal(code, en["Parcel code"]);
        Assert.Equal(await OneAsync("select name_en from parks where code = 'P-JH'"), en["Park"]);
        Assert.Equal("0601 Industrial land", en["Land use (GB/T 21010 code)"]);
        Assert.Equal(await OneAsync("select name_en from supply_methods where code = 'sale'"), en["Supply method"]);
        Assert.Contains(en["Recorded status"], await NamesAsync("name_en"));
    }

    private async Task<HashSet<object>> NamesAsync(string column)
    {
        await using var cmd = server.DataSource.CreateCommand($"select {column} from lifecycle_states");
        await using var r = await cmd.ExecuteReaderAsync();
        var names = new HashSet<object>();
        while (await r.ReadAsync()) names.Add(r.GetString(0));
        return names;
    }

    [Fact]
    public async Task A_land_use_code_is_named_as_its_own_edition_names_it()
    {
        // 1001 is 工业用地 in the 2023 land and sea use guide (the plans' edition), 铁路用地 in GB/T 21010.
        var code = await OneAsync("select code from parcels where land_use_planned = '1001' and land_use_planned_edition <> 'GB/T 21010-2017' order by code limit 1");
        var planned = await OneAsync($"select c.name_zh from parcels p join land_use_codes c on c.code = p.land_use_planned and c.standard = p.land_use_planned_edition where p.code = '{code}'");
        var row = (await SheetAsync($"ogc/collections/parcels/items?f=xlsx&filter={Uri.EscapeDataString($"code = '{code}'")}")).Single();
        Assert.Equal($"1001 {planned}", row["规划用途"]);
        Assert.NotEqual("1001 铁路用地", row["规划用途"]);
    }

    [Fact]
    public async Task A_project_in_operation_reads_by_its_kind()
    {
        // The sample's 丁山标准厂房 (factory buildings) and 滨海第一幼儿园 (a kindergarten) are both in operation.
        var rows = await SheetAsync($"ogc/collections/projects/items?f=xlsx&filter={Uri.EscapeDataString("stage = 'in_operation'")}");
        var stage = rows.ToDictionary(r => (string)r["项目名称"], r => (string)r["阶段"]);
        Assert.Equal("投产", stage["丁山标准厂房"]);
        Assert.Equal("投用", stage["滨海第一幼儿园"]);
        Assert.Equal("投用", stage["金海湖公园"]);
        Assert.Equal("公共服务项目", rows.Single(r => (string)r["项目名称"] == "滨海医院")["项目类型"]);
        var en = (await SheetAsync($"ogc/collections/projects/items?f=xlsx&lang=en&filter={Uri.EscapeDataString("stage = 'in_operation'")}"))
            .ToDictionary(r => (string)r["Name (Chinese)"], r => (string)r["Stage"]);
        Assert.Equal("In operation", en["丁山标准厂房"]);
        Assert.Equal("In use", en["滨海第一幼儿园"]);
    }

    [Fact]
    public async Task Rivers_export_the_works_and_the_water_as_two_columns()
    {
        var rows = await SheetAsync("ogc/collections/rivers/items?f=xlsx");
        var oufei = rows.Single(r => (string)r["名称"] == "瓯飞排涝河");
        Assert.Equal("整治完成", oufei["整治状态"]);
        Assert.Equal("未达标", oufei["水质"]);
        var xinghai = rows.Single(r => (string)r["名称"] == "星海新川浦");
        Assert.Equal(("整治完成", "达标"), ((string)xinghai["整治状态"], (string)xinghai["水质"]));
    }

    [Fact]
    public async Task Lang_is_declared_on_items_and_another_value_is_a_problem_naming_it()
    {
        var doc = await _client.GetJsonAsync("openapi/ogc.json");
        var items = doc["paths"]!.AsObject().Single(p => p.Key.EndsWith("/items", StringComparison.Ordinal)).Value!["get"]!;
        var lang = items["parameters"]!.AsArray().Select(p => p!["$ref"] is { } r ? doc["components"]!["parameters"]![((string)r!).Split('/')[^1]]! : p!)
            .Single(p => (string)p["name"]! == "lang");
        Assert.Equal(["zh", "en"], lang["schema"]!["enum"]!.AsArray().Select(v => (string)v!));
        using var response = await _client.GetAsync("ogc/collections/parcels/items?f=csv&lang=fr");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("lang", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]!);
    }
}
