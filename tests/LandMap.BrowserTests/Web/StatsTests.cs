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
}
