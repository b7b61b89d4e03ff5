using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web.Comfort;

/// <summary>
/// The map keeps its room in every combination of the tools panel, the feature's panel and the
/// legend (issue 17's note: in portrait with drawer, sheet and legend all open ~160 px of map were
/// left). The rule, as phones' map apps do it: on a phone one panel at a time (the other kept behind
/// it); the legend folds to its toggle while a phone shows a panel, or a tablet both panels, and
/// opens again when they close (the planner's own fold or open is kept). Asserted with the real
/// element boxes: a part of the map at least half the window wide and a third of it high.
/// </summary>
public sealed class MapRoomRuleTests(LandMapServer server)
{
    public static TheoryData<int, int, string> Sizes => new()
    {
        { 768, 1024, "zh" }, { 768, 1024, "en" }, { 390, 844, "zh" }, { 844, 390, "en" },
    };

    private const string SelectBiggest = """
        async () => {
          const all = window.landmap.layers.parcels.getLayers().map(l => l.feature);
          const big = all.reduce((a, b) => (a.properties.area_m2 > b.properties.area_m2 ? a : b));
          await window.landmap.select('parcels', big, { zoom: true });
        }
        """;

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task Every_combination_of_drawer_sheet_and_legend_leaves_half_the_width_and_a_third_of_the_height(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;
        var found = new List<string>();
        foreach (var legend in new[] { true, false })
        foreach (var drawer in new[] { false, true })
        foreach (var sheet in new[] { false, true })
        {
            // From nothing open: the legend as the planner leaves it, then the drawer, then a parcel.
            if (await page.Locator("#side:not([hidden])").CountAsync() > 0) await page.Locator("[data-testid=side-close]").ClickAsync();
            if (await page.Locator("#panel:not(.lm-panel-closed)").CountAsync() > 0) await page.Locator("#panel-toggle").ClickAsync();
            await page.WaitForTimeoutAsync(100);
            if (await map.JsAsync<bool>("() => document.getElementById('legend').open") != legend)
                await page.Locator("[data-testid=legend-toggle]").ClickAsync();
            if (drawer) await page.Locator("#panel-toggle").ClickAsync();
            if (sheet) await map.JsAsync(SelectBiggest);
            await page.WaitForTimeoutAsync(200);
            var step = $"legend {(legend ? "open" : "folded")}, drawer {(drawer ? "open" : "closed")}, sheet {(sheet ? "open" : "closed")}";
            var (roomy, said) = RoomScripts.Roomy(await map.JsonAsync(RoomScripts.FreeRoom));
            if (!roomy) found.Add($"{step}: {said}");
            foreach (var pair in await map.JsAsync<string[]>(PanelScripts.Overlaps)) found.Add($"{step}: overlap {pair}");
            if (drawer && sheet) await map.ScreenshotAsync($"room-rule-{width}x{height}-{lang}-legend-{(legend ? "open" : "folded")}");
        }
        // All closed again: the legend is as the planner left it (open), not as the room folded it.
        await page.Locator("[data-testid=side-close]").ClickAsync();
        if (await page.Locator("#panel:not(.lm-panel-closed)").CountAsync() > 0) await page.Locator("#panel-toggle").ClickAsync();
        await page.Locator("[data-testid=legend-toggle]").ClickAsync(); // the planner opens it
        await page.Locator("#panel-toggle").ClickAsync();
        await map.JsAsync(SelectBiggest);
        await page.Locator("[data-testid=side-close]").ClickAsync();
        if (await page.Locator("#panel:not(.lm-panel-closed)").CountAsync() > 0) await page.Locator("#panel-toggle").ClickAsync();
        await page.WaitForTimeoutAsync(150);
        Assert.True(await map.JsAsync<bool>("() => document.getElementById('legend').open"), "the legend stayed folded after the panels closed");
        Assert.Equal("open", await map.JsAsync<string>("() => localStorage.getItem('landmap.legend')"));
        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.Empty(map.Errors);
    }
}
