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
    }

    private static async Task TabAsync(MapSession map, string tab)
    {
        await map.Page.Locator($"#tabbtn-{tab}").ClickAsync();
        await map.Page.WaitForTimeoutAsync(100);
    }

    [Theory]
    [MemberData(nameof(RoomScripts.WithPortrait), MemberType = typeof(RoomScripts))]
    public async Task Each_panel_opened_in_turn_leaves_no_two_panels_overlapping_and_none_scrolling_sideways(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;
        var found = new List<string>();

        // The legend open, the tools panel open (a drawer in portrait), the layer tree shown.
        await map.JsAsync("() => { document.getElementById('legend').open = true; }");
        if (await page.Locator("#panel.lm-panel-closed").CountAsync() > 0) await page.Locator("#panel-toggle").ClickAsync();
        await AssertRoomAsync(map, "layer tree + legend", found);

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

        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.DoesNotContain(map.Errors, e => !e.Contains("422")); // the dry run's refusal, as the browser logs it
    }
}
