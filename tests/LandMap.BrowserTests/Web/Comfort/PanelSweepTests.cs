using System.Text;
using LandMap.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LandMap.Tests.Web.Comfort;

/// <summary>
/// The class behind issue 17's gaps, swept: each panel and tool opened in turn (layer tree, legend,
/// feature panel, filters with the compliance totals, search results, statistics, site check, the
/// supervision lists, an upload's problem table, 出图), at a desk's size and a tablet's in landscape and
/// portrait, in Chinese and English. After each, no two visible panels overlap (real bounding boxes)
/// and no panel's content scrolls sideways.
/// </summary>
public sealed class PanelSweepTests(LandMapServer server)
{
    private static async Task AssertRoomAsync(MapSession map, string step, List<string> found)
    {
        await map.Page.WaitForTimeoutAsync(150); // the resize observers move the corners before the next paint
        foreach (var pair in await map.JsAsync<string[]>(PanelScripts.Overlaps)) found.Add($"{step}: overlap {pair}");
        foreach (var scroll in await map.JsAsync<string[]>(PanelScripts.SidewaysScrolls)) found.Add($"{step}: sideways {scroll}");
        foreach (var cut in await map.JsAsync<string[]>(PanelScripts.CutOff)) found.Add($"{step}: cut off {cut}");
        // Every combination leaves a usable map: a part at least half the window wide and a third of it high.
        if (step == "print") return; // the sheet holds the map then
        // A tablet in landscape keeps its tools panel beside the map and floats the feature's panel over
        // its right edge (both open: 438 of 1024 px, 43 %); everywhere else half the width.
        var (w, h) = await map.JsAsync<int[]>("() => [innerWidth, innerHeight]") is [var a, var b] ? (a, b) : (0, 0);
        var share = w is > 900 and <= 1280 && h > 500 ? 0.4 : 0.5;
        var (roomy, said) = RoomScripts.Roomy(await map.JsonAsync(RoomScripts.FreeRoom), share);
        if (!roomy) found.Add($"{step}: {said}");
    }

    /// <summary>A tab of the tools panel, the panel opened first if it is folded (a tap on ☰).</summary>
    private static async Task TabAsync(MapSession map, string tab)
    {
        if (await map.Page.Locator("#panel.lm-panel-closed").CountAsync() > 0) await map.Page.Locator("#panel-toggle").ClickAsync();
        await map.Page.Locator($"#tabbtn-{tab}").ClickAsync();
        await map.Page.WaitForTimeoutAsync(100);
    }

    [Theory]
    [MemberData(nameof(RoomScripts.WithPortrait), MemberType = typeof(RoomScripts))]
    public Task Each_panel_opened_in_turn_leaves_no_two_panels_overlapping_and_none_scrolling_sideways(int width, int height, string lang) =>
        SweepAsync(width, height, lang);

    /// <summary>The same sweep on a phone (touch, 3x screen) in portrait and landscape; then each panel
    /// closes, the map is whole again and pans under a finger, and its buttons are 44x44 CSS px.</summary>
    [Theory]
    [MemberData(nameof(RoomScripts.Phones), MemberType = typeof(RoomScripts))]
    public async Task On_a_phone_each_panel_opens_reads_without_sideways_scrolling_and_closes_leaving_the_map_to_pan(int width, int height, string lang)
    {
        var map = await SweepAsync(width, height, lang, keep: true);
        await using (map)
        {
            var page = map.Page;
            Assert.Empty(await map.JsAsync<string[]>(RoomScripts.SmallTouchTargets));
            // Close what is open: the print sheet, the feature panel, the tools panel.
            await page.Locator("[data-testid=print-close]").ClickAsync();
            if (await page.Locator("#side:not([hidden])").CountAsync() > 0 && await page.Locator("[data-testid=side-close]").IsVisibleAsync())
                await page.Locator("[data-testid=side-close]").ClickAsync();
            if (await page.Locator("#panel:not(.lm-panel-closed)").CountAsync() > 0) await page.Locator("#panel-toggle").ClickAsync();
            await page.WaitForTimeoutAsync(150);
            var free = await map.JsonAsync(RoomScripts.FreeRoom);
            Assert.True(free.GetProperty("above").GetProperty("width").GetDouble() >= width - 1, $"closed, the map is {free}");
            // A finger's drag pans the map (touch events through Leaflet's own handler).
            var before = await map.JsAsync<double[]>("() => { const c = window.landmap.map.getCenter(); return [c.lat, c.lng]; }");
            await map.JsAsync("""
                async () => {
                  const el = document.getElementById('map'), r = el.getBoundingClientRect();
                  const at = (x, y) => new Touch({ identifier: 1, target: el, clientX: x, clientY: y });
                  const fire = (type, x, y) => el.dispatchEvent(new TouchEvent(type, { bubbles: true, cancelable: true,
                    touches: type === 'touchend' ? [] : [at(x, y)], changedTouches: [at(x, y)] }));
                  const x = r.left + r.width / 2, y = r.top + r.height / 2;
                  fire('touchstart', x, y);
                  for (let i = 1; i <= 10; i++) { fire('touchmove', x + i * 8, y + i * 6); await new Promise(r => setTimeout(r, 16)); }
                  fire('touchend', x + 80, y + 60);
                  await new Promise(r => setTimeout(r, 300));
                }
                """);
            var after = await map.JsAsync<double[]>("() => { const c = window.landmap.map.getCenter(); return [c.lat, c.lng]; }");
            Assert.NotEqual(before, after);
            await map.ScreenshotAsync($"sweep-phone-closed-{width}x{height}-{lang}");
        }
    }

    private async Task<MapSession> SweepAsync(int width, int height, string lang, bool keep = false)
    {
        var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;
        var found = new List<string>();

        // The legend open, the tools panel open (a drawer in portrait), the layer tree shown.
        await map.JsAsync("() => { document.getElementById('legend').open = true; }");
        if (await page.Locator("#panel.lm-panel-closed").CountAsync() > 0) await page.Locator("#panel-toggle").ClickAsync();
        await AssertRoomAsync(map, "layer tree + legend", found);
        await map.ScreenshotAsync($"sweep-layers-{width}x{height}-{lang}");

        // A parcel selected and framed: the feature panel with its history.
        await map.JsAsync("""
            async () => {
              const all = window.landmap.layers.parcels.getLayers().map(l => l.feature);
              const big = all.reduce((a, b) => (a.properties.area_m2 > b.properties.area_m2 ? a : b));
              await window.landmap.select('parcels', big, { zoom: true });
              await window.landmap.procedure.run;
            }
            """);
        await AssertRoomAsync(map, "feature panel", found);
        // Framed where it is seen: clear of the panels that are there once it shows (on a phone the tools fold for it).
        if (!await map.JsAsync<bool>(RoomScripts.HighlightClear)) found.Add("feature panel: the parcel is framed under a panel or the legend");
        await map.ScreenshotAsync($"sweep-feature-{width}x{height}-{lang}");

        // Filters with the compliance totals.
        await TabAsync(map, "filters");
        await page.Locator("[data-testid=compliance-toggle]").ClickAsync();
        await map.JsAsync("() => window.landmap.compliance.loadTotals()");
        await AssertRoomAsync(map, "filters + compliance", found);

        // Search results.
        await TabAsync(map, "search");
        await page.EvaluateAsync("q => window.landmap.search.search(q)", "WZKF");
        await AssertRoomAsync(map, "search results", found);

        // Statistics.
        await TabAsync(map, "stats");
        await map.JsAsync("() => window.landmap.stats.state.run");
        await AssertRoomAsync(map, "statistics", found);

        // The site check of the selected parcel: its verdicts in the feature panel.
        await TabAsync(map, "tools");
        await map.JsAsync("""
            async () => {
              const code = document.getElementById('side').dataset.code;
              const parcel = window.landmap.layers.parcels.getLayers().map(l => l.feature).find(f => f.properties.code === code);
              window.landmap.siteCheck.checkParcel(parcel);
              await window.landmap.siteCheck.state.run;
            }
            """);
        await AssertRoomAsync(map, "site check", found);
        await map.ScreenshotAsync($"sweep-site-check-{width}x{height}-{lang}");

        // The supervision lists.
        await TabAsync(map, "supervision");
        await map.JsAsync("() => window.landmap.supervision.open()");
        await AssertRoomAsync(map, "supervision", found);
        // Its CSV and xlsx links ask for the page's language (headers, values, the note of a cut cell).
        var links = await page.Locator("a[data-testid^=supervision-][download]").EvaluateAllAsync<string[]>("a => a.map(x => x.href)");
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.Contains($"lang={lang}", href));

        // An upload's dry run with problems: its problem table.
        await TabAsync(map, "upload");
        await page.Locator("[data-testid=upload-token]").FillAsync(LandMapServer.TestWriteToken);
        await page.Locator("[data-testid=upload-sign]").ClickAsync();
        await map.JsAsync("() => window.landmap.upload.state.signing");
        var bad = UploadTests.Square("WEB-SWEEP-1", 121.176, 27.652, 80, status: "bogus");
        await page.Locator("[data-testid=upload-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "sweep.geojson", MimeType = "application/geo+json", Buffer = Encoding.UTF8.GetBytes(UploadTests.Collection(bad)),
        });
        await page.Locator("[data-testid=upload-dryrun]").ClickAsync();
        await map.JsAsync("() => window.landmap.upload.state.run");
        await page.Locator("[data-testid=upload-problems]").WaitForAsync();
        await AssertRoomAsync(map, "upload problems", found);
        await map.ScreenshotAsync($"sweep-upload-{width}x{height}-{lang}");

        // The site check cleared (its panel closes): the corners come back.
        await map.JsAsync("() => window.landmap.siteCheck.clear()");
        await AssertRoomAsync(map, "site check cleared", found);

        // 出图: the sheet alone, fitting the window.
        await page.Locator("[data-testid=print-open]").ClickAsync();
        await map.JsAsync("() => window.landmap.print.state.ready");
        await AssertRoomAsync(map, "print", found);
        await map.ScreenshotAsync($"sweep-print-{width}x{height}-{lang}");

        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.DoesNotContain(map.Errors, e => !e.Contains("422")); // the dry run's refusal, as the browser logs it
        if (!keep) await map.DisposeAsync();
        return map;
    }
}
