using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using MiniExcelLibs;

namespace LandMap.Tests.Analytics;

/// <summary>
/// The reports' and supervision lists' CSV/xlsx are what a zone office files: Chinese headers with
/// full-width brackets and Chinese values (park names, states, events, land uses as "0601 工业用地",
/// causes) by default, English with lang=en, rates as percentages, the park evaluation in the terms
/// and units of TD/T 1029. Values worked out by hand on <see cref="HandMadeLand"/> on 2020-06-30.
/// </summary>
[Collection(AnalyticsSite.Name)]
public sealed class ExportLanguageTests(AnalyticsSite site)
{
    private async Task<string[][]> CsvAsync(string url)
    {
        using var response = await site.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        // RFC 4180 as a spreadsheet reads it: English list names hold commas, quoted.
        using var parser = new Microsoft.VisualBasic.FileIO.TextFieldParser(new StringReader(text)) { Delimiters = [","], HasFieldsEnclosedInQuotes = true };
        var rows = new List<string[]>();
        while (!parser.EndOfData) rows.Add(parser.ReadFields()!);
        return [.. rows];
    }

    private static string Cell(string[][] table, string column, int row) => table[row][Array.IndexOf(table[0], column)];

    private async Task<HashSet<string>> NamesAsync(string sql)
    {
        await using var cmd = site.DataSource.CreateCommand(sql);
        await using var r = await cmd.ExecuteReaderAsync();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await r.ReadAsync()) names.Add(r.GetString(0));
        return names;
    }

    [Theory]
    [InlineData("api/reports/land-indicators?year=2019&f=csv")]
    [InlineData("api/reports/land-indicators/series?from=2018&to=2019&f=csv")]
    [InlineData("api/reports/parks?date=2020-06-30&f=csv")]
    [InlineData("api/reports/parks/series?from=2018&to=2019&f=csv")]
    [InlineData("api/reports/land-use?date=2020-06-30&f=csv")]
    [InlineData("api/supervision/idle-warnings?date=2020-06-30&f=csv")]
    [InlineData("api/supervision/idle-candidates?date=2020-06-30&f=csv")]
    [InlineData("api/supervision/contract-warnings?date=2020-06-30&f=csv")]
    public async Task Chinese_headers_use_full_width_brackets_and_english_ones_no_chinese(string url)
    {
        var zh = (await CsvAsync(url))[0];
        Assert.All(zh, h => Assert.DoesNotMatch("[()]", h));
        Assert.Contains(zh, h => h.Contains('（'));
        var en = (await CsvAsync(url + "&lang=en"))[0];
        Assert.Equal(zh.Length, en.Length);
        Assert.All(en, h => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", h));
    }

    [Fact]
    public async Task Idle_warnings_name_parks_land_uses_and_rules_in_either_language()
    {
        var zh = await CsvAsync("api/supervision/idle-warnings?date=2020-06-30&within=30&f=csv");
        Assert.Equal(["类别", "宗地编号", "园区", "名称", "国有建设用地使用权人", "用地类型", "面积（亩）", "面积（平方米）", "闲置情形",
            "闲置起始日期", "天数（已闲置/距闲置）", "约定开工日期", "实际开工日期", "中止开发建设日期"], zh[0]);
        // T1-B: 0601, becoming idle within 30 days; T1-R: idle, not started.
        Assert.Equal(["30日内将闲置", "T1-B", "测试一园"], zh[1][..3]);
        Assert.Equal("0601 工业用地", Cell(zh, "用地类型", 1));
        var r = Array.FindIndex(zh, l => l[1] == "T1-R");
        Assert.Equal("已闲置", zh[r][0]);
        Assert.Equal("超过约定动工开发日期满一年未动工开发", Cell(zh, "闲置情形", r));
        // T1-D halted (Article 2's second case).
        var d = Array.FindIndex(zh, l => l[1] == "T1-D");
        Assert.Equal("中止开发建设满一年", Cell(zh, "闲置情形", d));

        var en = await CsvAsync("api/supervision/idle-warnings?date=2020-06-30&within=30&f=csv&lang=en");
        Assert.Equal(["List", "Parcel code", "Park", "Name", "Holder of the land-use right", "Land use"], en[0][..6]);
        Assert.Equal("Idle within 30 days", en[1][0]);
        Assert.Equal("0601 Industrial land", Cell(en, "Land use", 1));
        Assert.Equal("Not started a full year after the agreed start", Cell(en, "Idle rule", Array.FindIndex(en, l => l[1] == "T1-R")));
    }

    [Fact]
    public async Task Candidate_lists_write_states_and_land_uses_by_name()
    {
        var zh = await CsvAsync("api/supervision/idle-candidates?date=2020-06-30&f=csv");
        var states = await NamesAsync("select name_zh from lifecycle_states");
        Assert.All(zh[1..], row => Assert.Contains(Cell(zh, "生命周期状态", Array.IndexOf(zh, row)), states));
        var c = Array.FindIndex(zh, l => l[1] == "T1-C");
        Assert.Equal("疑似闲置", Cell(zh, "生命周期状态", c));
        Assert.Equal("0508 物流仓储用地", Cell(zh, "用地类型", c));
        Assert.Equal("测试一园", Cell(zh, "园区", c));

        var en = await CsvAsync("api/supervision/idle-candidates?date=2020-06-30&f=csv&lang=en");
        var e = Array.FindIndex(en, l => l[1] == "T1-C");
        Assert.Equal("Suspected idle (not yet determined)", Cell(en, "Lifecycle state", e));
        Assert.Equal("Suspected idle, not yet determined", en[e][0]);
    }

    [Fact]
    public async Task Indicators_write_events_by_name()
    {
        var zh = await CsvAsync("api/reports/land-indicators?year=2019&f=csv");
        var sold = Array.FindIndex(zh, l => l[2] == "出让工业用地");
        Assert.Equal(["2019", "全区", "出让工业用地", "出让"], zh[sold][..4]);
        var en = await CsvAsync("api/reports/land-indicators?year=2019&f=csv&lang=en");
        Assert.Equal(["2019", "Whole zone", "Industrial land sold", "Sold"], en[sold][..4]);
    }

    [Fact]
    public async Task The_park_evaluation_reads_as_TD_T_1029_with_rates_in_percent()
    {
        var zh = await CsvAsync("api/reports/parks?date=2020-06-30&f=csv");
        Assert.Equal(["日期", "园区", "开发区土地总面积（亩）", "已达到供地条件的土地（亩）", "已供应国有建设用地（亩）", "已建成城镇建设用地（亩）",
            "待建设（亩）", "闲置土地（亩）", "批而未供（亩）", "土地开发率", "土地供应率", "土地建成率", "工业用地综合容积率",
            "工业用地固定资产投入强度（万元/公顷）", "工业用地固定资产投入强度（万元/亩）"], zh[0]);
        var t1 = Array.FindIndex(zh, l => l[1] == "测试一园");
        // By hand (HandIndicatorTests): ready 17 of 100 units, supplied 15, completed 4.
        Assert.Equal("17.0%", Cell(zh, "土地开发率", t1));
        Assert.Equal("88.2%", Cell(zh, "土地供应率", t1));
        Assert.Equal("26.7%", Cell(zh, "土地建成率", t1));
        // 1900 万元 over 4 units of 1 ha (60 mu): about 475 万元/公顷 and 31.67 万元/亩, one 15 times the other.
        var perHa = double.Parse(Cell(zh, "工业用地固定资产投入强度（万元/公顷）", t1), System.Globalization.CultureInfo.InvariantCulture);
        var perMu = double.Parse(Cell(zh, "工业用地固定资产投入强度（万元/亩）", t1), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(475, perHa, 1.0);
        Assert.Equal(perHa / 15, perMu, 0.01);
        Assert.Equal("全区", zh[^1][1]);

        using var xlsx = await site.Client.GetAsync("api/reports/parks?date=2020-06-30&f=xlsx&lang=en");
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("17.0%", rows[0]["Development rate"]);
        Assert.Equal("Whole zone", rows[^1]["Park"]);
        Assert.True(rows[0].ContainsKey("Land ready for supply (mu)"));
    }

    [Fact]
    public async Task The_json_evaluation_gives_investment_per_hectare_beside_per_mu()
    {
        var t1 = (await site.Client.GetJsonAsync("api/reports/parks?date=2020-06-30"))["parks"]!.AsArray().Single(p => (string)p!["park"]! == "P-T1")!;
        Assert.Equal(15 * (double)t1["investmentPerMuWan"]!, (double)t1["investmentPerHectareWan"]!, 0.1);
    }

    [Theory]
    [InlineData("api/reports/parks?date=2020-06-30&f=csv&lang=fr")]
    [InlineData("api/supervision/idle-warnings?date=2020-06-30&lang=de")]
    public async Task Another_language_is_a_problem_naming_lang(string url)
    {
        using var response = await site.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("lang", (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]!);
    }

    [Fact]
    public async Task The_api_definition_declares_lang_on_every_export()
    {
        var doc = await site.Client.GetJsonAsync("openapi/v1.json");
        foreach (var path in new[] { "/api/reports/land-indicators", "/api/reports/land-indicators/series", "/api/reports/parks",
                     "/api/reports/parks/series", "/api/reports/land-use", "/api/supervision/idle-warnings",
                     "/api/supervision/idle-candidates", "/api/supervision/contract-warnings" })
            Assert.Contains(doc["paths"]![path]!["get"]!["parameters"]!.AsArray(), p => (string)p!["name"]! == "lang");
    }
}
