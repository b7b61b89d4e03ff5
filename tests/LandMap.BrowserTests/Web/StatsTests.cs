using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>The statistics tab: per-park figures and the land indicators are the API's numbers.</summary>
public sealed class StatsTests(LandMapServer server)
{
    private static double Num(string? s) => double.Parse(s!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Per_park_figures_and_the_2014_indicators_equal_the_api()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        await map.Page.Locator("#tabbtn-stats").ClickAsync();
        await map.JsAsync("() => window.landmap.stats.state.run");
        await map.Page.Locator("[data-testid=stats-chart]").WaitForAsync();
        var client = server.CreateClient();

        var parkRows = map.Page.Locator("[data-testid=stats-parks] tbody tr");
        Assert.Equal(8, await parkRows.CountAsync());
        for (var i = 0; i < 8; i++)
        {
            var row = parkRows.Nth(i);
            var code = await row.GetAttributeAsync("data-key");
            var api = await (await client.PostAsJsonAsync("api/parcels/area", new { park = code })).Content.ReadFromJsonAsync<JsonNode>();
            Assert.Equal((int)api!["parcels"]!, (int)Num(await row.Locator("td").Nth(1).GetAttributeAsync("data-value")));
            Assert.Equal((double)api["areaMu"]!, Num(await row.Locator("td").Nth(2).GetAttributeAsync("data-value")), 4);
        }

        var report = await client.GetJsonAsync("api/reports/land-indicators?year=2014");
        var rows = map.Page.Locator("[data-testid=stats-indicators] tbody tr");
        var indicators = report["indicators"]!.AsArray();
        Assert.Equal(indicators.Count, await rows.CountAsync());
        foreach (var ind in indicators)
        {
            var row = map.Page.Locator($"[data-testid=stats-indicators] tr[data-key='{(string)ind!["key"]!}']");
            Assert.Equal((double)ind["areaMu"]!, Num(await row.Locator("td").Nth(2).GetAttributeAsync("data-value")), 2);
            Assert.Equal((int)ind["parcels"]!, (int)Num(await row.Locator("td").Nth(1).GetAttributeAsync("data-value")));
        }
        // The work report's own figure for industrial land sold in 2014 sits beside the measured one.
        var sold = map.Page.Locator("[data-testid=stats-indicators] tr[data-key='industrial_land_sold']");
        Assert.Equal("776", await sold.Locator("td").Nth(4).InnerTextAsync());
        await map.ScreenshotAsync("statistics");

        // Another year: the table follows.
        await map.Page.Locator("[data-testid=stats-year]").FillAsync("2013");
        await map.Page.Locator("[data-testid=stats-year]").PressAsync("Tab");
        await map.JsAsync("() => window.landmap.stats.state.run");
        Assert.Equal(2013, await map.JsAsync<int>("() => window.landmap.stats.state.indicators.year"));
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task The_park_evaluation_reads_in_TD_T_1029_terms_and_equals_the_api()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        await map.Page.Locator("#tabbtn-stats").ClickAsync();
        await map.JsAsync("() => window.landmap.stats.state.run");
        var table = map.Page.Locator("[data-testid=stats-evaluation]");
        var heads = await table.Locator("thead th").AllInnerTextsAsync();
        Assert.Contains("已达到供地条件的土地（亩）", heads);
        Assert.Contains("工业用地固定资产投入强度（万元/公顷）", heads);
        Assert.Contains("工业用地固定资产投入强度（万元/亩）", heads);
        var report = await server.CreateClient().GetJsonAsync("api/reports/parks?date=2014-12-31");
        var rows = table.Locator("tbody tr");
        Assert.Equal(report["parks"]!.AsArray().Count + 1, await rows.CountAsync());
        foreach (var park in report["parks"]!.AsArray().Append(report["zone"]))
        {
            var row = table.Locator($"tr[data-key='{(string?)park!["park"] ?? "zone"}']");
            Assert.Equal((double)park["approvedMu"]!, Num(await row.Locator("td").Nth(1).GetAttributeAsync("data-value")), 2);
            if (park["developmentRate"] is { } rate)
                Assert.Equal($"{((double)rate * 100).ToString("0.0", CultureInfo.InvariantCulture)}%", await row.Locator("td").Nth(2).InnerTextAsync());
            if (park["investmentPerHectareWan"] is { } perHa)
                Assert.Equal((double)perHa, Num(await row.Locator("td").Nth(5).GetAttributeAsync("data-value")), 2);
        }
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task A_project_in_operation_reads_投用_when_it_is_not_industrial()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        var names = await map.JsAsync<string[]>("""
            async () => {
              const v = await import('/js/vocabulary.js');
              return [v.projectStageName('in_operation', 'industrial').zh, v.projectStageName('in_operation', 'public_service').zh,
                      v.projectStageName('in_operation', null).zh, v.PROJECT_STAGE.in_operation.zh, v.WATER_QUALITY.meets_standard.zh,
                      v.RIVER_STATE.rectified.zh];
            }
            """);
        Assert.Equal(["投产", "投用", "投产", "投产／投用", "达标", "整治完成"], names);
        Assert.Empty(map.Errors);
    }
}
