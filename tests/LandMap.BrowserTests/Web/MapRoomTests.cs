using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>
/// Issue 17 point 1, the map keeps its room: a one-line header, a compact legend folded and unfolded
/// by the planner and remembered, one place for a feature's details (the side panel, no popup over the
/// parcel), targets framed clear of the panels, a tablet layout in landscape and portrait that leaves the
/// map usable with a parcel selected, and Leaflet resized whenever a panel folds.
/// </summary>
public sealed class MapRoomTests(LandMapServer server)
{
    [Theory]
    [MemberData(nameof(RoomScripts.WithPortrait), MemberType = typeof(RoomScripts))]
    public async Task A_selected_parcel_is_framed_clear_of_the_panels_and_the_map_keeps_its_room(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;

        // The header stays one line: nothing in it sits below the first row.
        var header = await map.JsonAsync("""
            () => {
              const h = document.querySelector('header').getBoundingClientRect();
              const middles = [...document.querySelectorAll('header > *')].filter(e => e.checkVisibility())
                .map(e => { const r = e.getBoundingClientRect(); return r.top + r.height / 2; });
              return { height: h.height, spread: Math.max(...middles) - Math.min(...middles) };
            }
            """);
        Assert.True(header.GetProperty("height").GetDouble() <= 48, $"header {header.GetProperty("height")} px high: it wraps");
        Assert.True(header.GetProperty("spread").GetDouble() < 8, "the header's parts are not on one row");

        // The legend, open or folded, leaves most of the map: at most 45 % of its height, 16rem wide.
        var legend = await map.JsonAsync("""
            () => { const l = document.getElementById('legend').getBoundingClientRect(), m = document.getElementById('map').getBoundingClientRect();
                    return { h: l.height / m.height, w: l.width }; }
            """);
        Assert.True(legend.GetProperty("h").GetDouble() <= 0.46, $"legend takes {legend.GetProperty("h")} of the map's height");
        Assert.True(legend.GetProperty("w").GetDouble() <= 16 * 16 + 2, $"legend {legend.GetProperty("w")} px wide");

        // A click on the biggest parcel: its details in the side panel only, no Leaflet popup over it.
        var code = await map.JsAsync<string>("""
            () => {
              const layers = window.landmap.layers.parcels.getLayers();
              const big = layers.reduce((a, b) => (a.feature.properties.area_m2 > b.feature.properties.area_m2 ? a : b));
              big.fire('click');
              return big.feature.properties.code;
            }
            """);
        var side = page.Locator("[data-testid=side-panel]");
        await side.WaitForAsync();
        Assert.Equal(code, await side.GetAttributeAsync("data-code"));
        Assert.Equal(0, await page.Locator(".leaflet-popup").CountAsync());

        // Zoom to it: framed where no panel, sheet or legend covers the map.
        await page.Locator("[data-testid=side-zoom]").ClickAsync();
        await page.WaitForTimeoutAsync(300);
        Assert.True(await map.JsAsync<bool>(RoomScripts.HighlightClear), "the parcel lies under a panel or the legend");

        // With the parcel selected the map is still usable: at least 40 % of the window's width and of the map's height free.
        var free = await map.JsonAsync(RoomScripts.FreeMap);
        Assert.True(free.GetProperty("width").GetDouble() >= 0.4 * width, $"free map {free.GetProperty("width")} px wide of {width}");
        Assert.True(free.GetProperty("height").GetDouble() >= 0.4 * free.GetProperty("mapHeight").GetDouble(), $"free map {free.GetProperty("height")} px high");
        await map.ScreenshotAsync($"room-selected-{width}x{height}-{lang}");
        Assert.Empty(map.Errors);
    }

    [Theory]
    [MemberData(nameof(RoomScripts.WithPortrait), MemberType = typeof(RoomScripts))]
    public async Task Folding_the_panel_or_the_legend_resizes_the_map_and_the_legend_stays_as_left(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;
        const string Sized = """
            async () => {
              await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
              const size = window.landmap.map.getSize(), el = document.getElementById('map');
              return size.x === el.clientWidth && size.y === el.clientHeight;
            }
            """;
        // Unfold or fold the tools panel, then the other way: Leaflet knows its new size each time (no blank strip).
        await page.Locator("#panel-toggle").ClickAsync();
        Assert.True(await map.JsAsync<bool>(Sized), "the map was not told its size after the panel folded");
        await page.Locator("#panel-toggle").ClickAsync();
        Assert.True(await map.JsAsync<bool>(Sized), "the map was not told its size after the panel unfolded");

        // The legend folds to its title by a click, and a reload brings it back folded.
        var wasOpen = await map.JsAsync<bool>("() => document.getElementById('legend').open");
        await page.Locator("[data-testid=legend-toggle]").ClickAsync();
        Assert.Equal(!wasOpen, await map.JsAsync<bool>("() => document.getElementById('legend').open"));
        await page.WaitForFunctionAsync("() => localStorage.getItem('landmap.legend') !== null"); // the toggle event comes a task later
        await page.ReloadAsync();
        await map.JsAsync("() => window.landmap.ready");
        await map.SettledAsync();
        Assert.Equal(!wasOpen, await map.JsAsync<bool>("() => document.getElementById('legend').open"));
        await map.ScreenshotAsync($"room-legend-{(wasOpen ? "folded" : "open")}-{width}x{height}-{lang}");
        Assert.Empty(map.Errors);
    }
}
