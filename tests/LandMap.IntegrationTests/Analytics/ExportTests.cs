using System.Net;
using System.Text;
using LandMap.Tests.Infrastructure;
using MiniExcelLibs;

namespace LandMap.Tests.Analytics;

/// <summary>Reports as CSV (UTF-8 with a BOM) and .xlsx, with Chinese headers and a file name.</summary>
[Collection(AnalyticsSite.Name)]
public sealed class ExportTests(AnalyticsSite site)
{
    [Fact]
    public async Task Idle_warnings_export_as_csv_with_a_bom_and_chinese_headers()
    {
        using var response = await site.Client.GetAsync("api/supervision/idle-warnings?date=2020-06-30&within=30&f=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("idle-warnings-2020-06-30.csv", response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("类别,宗地编号,园区,名称,国有建设用地使用权人,用地类型,面积（亩）", lines[0]);
        Assert.Equal(1 + 2 + 4, lines.Length); // header, two coming, four idle
        Assert.StartsWith("30日内将闲置,T1-B,测试一园,", lines[1]);
        Assert.StartsWith("已闲置,T1-R,测试一园,", lines[3]);
        Assert.Contains(",超过约定动工开发日期满一年未动工开发,2017-06-02,", lines[3]);
    }

    [Fact]
    public async Task Accept_text_csv_chooses_csv_without_f()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/reports/parks?date=2020-06-30");
        request.Headers.Accept.ParseAdd("text/csv");
        using var response = await site.Client.SendAsync(request);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        Assert.StartsWith("日期,园区,开发区土地总面积（亩）,已达到供地条件的土地（亩）,已供应国有建设用地（亩）", text);
        Assert.Contains("2020-06-30,测试一园,", text);
        Assert.Contains("2020-06-30,全区,", text);
    }

    [Fact]
    public async Task The_park_evaluation_exports_as_an_xlsx_that_reads_back()
    {
        using var response = await site.Client.GetAsync("api/reports/parks?date=2020-06-30&f=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("park-evaluation-2020-06-30.xlsx", response.Content.Headers.ContentDisposition?.FileName);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(3, rows.Count); // P-T1, P-T2, the zone
        Assert.Equal("测试一园", rows[0]["园区"]);
        Assert.Equal("17.0%", rows[0]["土地开发率"]);
        Assert.Equal("全区", rows[2]["园区"]);
    }

    [Theory]
    [InlineData("api/reports/land-indicators?year=2019&f=xlsx", "land-indicators-2019.xlsx")]
    [InlineData("api/reports/land-indicators/series?from=2018&to=2019&f=csv", "land-indicators-2018-2019.csv")]
    [InlineData("api/reports/parks/series?from=2018&to=2019&f=csv", "park-evaluation-2018-2019.csv")]
    [InlineData("api/reports/land-use?date=2020-06-30&f=xlsx", "land-use-2020-06-30.xlsx")]
    public async Task Every_report_exports(string url, string fileName)
    {
        using var response = await site.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);
    }
}
