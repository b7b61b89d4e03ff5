using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web.Comfort;

/// <summary>
/// Issue 17's gaps in the map's room: with a feature selected the floating feature panel and the
/// legend never hide each other and the parcel stays clear of both; the history table fits its panel;
/// and, for the class, every panel and tool opened in turn at a desk's and a tablet's sizes leaves no
/// two panels overlapping and no panel scrolling sideways.
/// </summary>
public sealed class PanelRoomTests(LandMapServer server)
{
    private const string OpenLegend = "() => { document.getElementById('legend').open = true; }";

    private const string LegendAtCorner = """
        () => {
          const l = document.getElementById('legend').getBoundingClientRect(), m = document.getElementById('map').getBoundingClientRect();
          return { right: m.right - l.right, bottom: m.bottom - l.bottom };
        }
        """;

    /// <summary>Fires a click on the biggest parcel (a map click: its details open in the side panel); returns its code.</summary>
    private const string ClickBiggest = """
        () => {
          const layers = window.landmap.layers.parcels.getLayers();
          const big = layers.reduce((a, b) => (a.feature.properties.area_m2 > b.feature.properties.area_m2 ? a : b));
          big.fire('click');
          return big.feature.properties.code;
        }
        """;

    [Theory]
    [MemberData(nameof(RoomScripts.WithPhones), MemberType = typeof(RoomScripts))]
    public async Task The_feature_panel_and_the_legend_never_cover_each_other_and_the_parcel_stays_clear_of_both(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;
        await map.JsAsync(OpenLegend);
        var before = await map.JsonAsync(LegendAtCorner);
        // The legend folds to its toggle while the panels leave too little map (room.js): on a phone
        // with any panel open, on a tablet with the tools panel open beside the feature's panel.
        var toolsOpen = await page.Locator("#panel:not(.lm-panel-closed)").CountAsync() > 0;
        var legendFolds = Math.Min(width, height) <= 600 || (width <= 1280 && toolsOpen);

        var code = await map.JsAsync<string>(ClickBiggest);
        await page.Locator("[data-testid=side-panel]").WaitForAsync();
        await page.Locator("[data-testid=side-zoom]").ClickAsync();
        await page.WaitForTimeoutAsync(300);

        // Both shown whole, apart, and the parcel framed clear of both (and of the tools panel).
        Assert.Equal(code, await page.Locator("[data-testid=side-panel]").GetAttributeAsync("data-code"));
        var boxes = await map.JsonAsync("""
            () => {
              const l = document.getElementById('legend'), s = document.getElementById('side'), m = document.getElementById('map').getBoundingClientRect();
              const a = l.getBoundingClientRect(), b = s.getBoundingClientRect();
              return { apart: a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top,
                       legendInMap: a.left >= m.left && a.right <= m.right && a.top >= m.top && a.bottom <= m.bottom,
                       legendOpen: l.open, legendHeight: a.height };
            }
            """);
        Assert.True(boxes.GetProperty("apart").GetBoolean(), "the feature panel and the legend overlap");
        Assert.True(boxes.GetProperty("legendInMap").GetBoolean(), "the legend is pushed out of the map");
        Assert.Equal(!legendFolds, boxes.GetProperty("legendOpen").GetBoolean());
        await map.ScreenshotAsync($"panels-selected-{width}x{height}-{lang}");
        Assert.True(await map.JsAsync<bool>(RoomScripts.HighlightClear), "the parcel lies under the feature panel, the tools panel or the legend");
        Assert.Empty(await map.JsAsync<string[]>(PanelScripts.Overlaps));

        // Closed: the legend is back in its corner.
        await page.Locator("[data-testid=side-close]").ClickAsync();
        await page.WaitForTimeoutAsync(100);
        Assert.True(await map.JsAsync<bool>("() => document.getElementById('legend').open"), "the legend did not open again");
        var after = await map.JsonAsync(LegendAtCorner);
        Assert.Equal(before.GetProperty("right").GetDouble(), after.GetProperty("right").GetDouble(), 1);
        Assert.Equal(before.GetProperty("bottom").GetDouble(), after.GetProperty("bottom").GetDouble(), 1);
        Assert.Empty(map.Errors);
    }

    [Theory]
    [MemberData(nameof(RoomScripts.WithPhones), MemberType = typeof(RoomScripts))]
    public async Task The_history_fits_its_panel_with_dates_whole_and_times_in_the_zone(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;
        // Several versions with a long "changed by" and source (a file path, as an upload records it).
        var longSource = HistoryRoute.LongSource;
        await HistoryRoute.WithLongSourceAsync(page, versions =>
        {
            var older = versions[0]!.DeepClone();
            older["version"] = 1;
            older["operation"] = "update";
            older["validFrom"] = "2016-03-01T02:03:04.5+00:00";
            older["validTo"] = "2019-11-30T16:05:00+00:00";
            older["changedBy"] = "county-survey-office-uploader-2016";
            versions.Add(older);
        });
        await map.JsAsync(ClickBiggest);
        var rows = page.Locator("[data-testid=side-history] tbody tr");
        await rows.Nth(1).WaitForAsync();

        var fit = await map.JsonAsync("""
            () => {
              const side = document.getElementById('side'), table = document.querySelector('[data-testid=side-history] table');
              return { side: [side.scrollWidth, side.clientWidth], table: table.getBoundingClientRect().width,
                       text: table.innerText, titles: [...table.querySelectorAll('[title]')].map(e => e.title) };
            }
            """);
        var side = fit.GetProperty("side");
        Assert.True(side[0].GetDouble() <= side[1].GetDouble(), $"the side panel scrolls sideways: {side[0]} > {side[1]}");
        Assert.True(fit.GetProperty("table").GetDouble() <= side[1].GetDouble(), "the history is wider than its panel");
        Assert.Empty(await map.JsAsync<string[]>(PanelScripts.SidewaysScrolls));
        var split = await page.EvaluateAsync<string[]>(RoomScripts.SplitTokens, "[data-testid=side-history]");
        Assert.True(split.Length == 0, "split over two lines: " + string.Join(" | ", split.Distinct()));

        // Times in the zone's time (UTC+8, said once in the header), never as ISO text; long texts whole in a tooltip.
        var text = fit.GetProperty("text").GetString()!;
        Assert.Contains("UTC+8", text);
        Assert.Contains("2016-03-01", text);
        Assert.Contains("10:03", text);
        Assert.Contains("2019-12-01", text);
        Assert.Contains("00:05", text);
        Assert.DoesNotContain("T02:03", text);
        var titles = fit.GetProperty("titles").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains(longSource, titles);
        Assert.Contains("county-survey-office-uploader-2016", titles);
        await page.Locator("[data-testid=side-history]").ScrollIntoViewIfNeededAsync();
        await map.ScreenshotAsync($"panels-history-{width}x{height}-{lang}");
        Assert.Empty(map.Errors);
    }
}
