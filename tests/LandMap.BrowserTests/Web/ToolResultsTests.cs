using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>
/// Issue 17 point 4, tool results stay: a measured line and a query polygon stay on the map with their
/// labels until cleared, the query's parcels are outlined, the hit list has a header, and Esc cancels a
/// drawing (and only that).
/// </summary>
public sealed class ToolResultsTests(LandMapServer server)
{
    [Theory]
    [MemberData(nameof(RoomScripts.DesktopAndTablet), MemberType = typeof(RoomScripts))]
    public async Task Measures_and_queries_stay_on_the_map_with_labels_until_cleared_and_Esc_cancels_a_drawing(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;
        await page.Locator("#tabbtn-tools").ClickAsync();
        var box = (await page.Locator("#map").BoundingBoxAsync())!;
        var cx = box.X + box.Width / 2;
        var cy = box.Y + box.Height / 2;
        async Task ClickAll((int dx, int dy)[] points)
        {
            foreach (var (dx, dy) in points)
            {
                await page.Mouse.ClickAsync((float)(cx + dx), (float)(cy + dy));
                await page.WaitForTimeoutAsync(350); // apart, so not a double-click
            }
        }

        // A distance, by mouse: the line and its label stay once finished.
        await page.Locator("[data-testid=tool-distance]").ClickAsync();
        await ClickAll([(-150, 120), (100, 140)]);
        await page.Locator("[data-testid=tool-finish]").ClickAsync();
        Assert.True((await map.JsonAsync("() => window.landmap.tools.state.run")).GetProperty("metres").GetDouble() > 0);
        Assert.Equal(1, await page.Locator("path.lm-kept-measure").CountAsync());
        var label = await page.Locator(".lm-kept-label-measure").InnerTextAsync();
        Assert.Matches(@"^[\d,.]+ (m|km)", label);
        Assert.Contains(label, await page.Locator("[data-testid=tool-result]").InnerTextAsync()); // the panel's figure, on the map

        // A query polygon: it stays with "n parcels · mu", the parcels inside are outlined, the list has a header.
        await page.Locator("[data-testid=tool-draw]").ClickAsync();
        await ClickAll([(-180, -140), (180, -140), (0, 160)]);
        await page.Locator("[data-testid=tool-finish]").ClickAsync();
        await map.JsAsync("() => window.landmap.tools.state.run");
        var count = int.Parse((await page.Locator("[data-testid=tool-result]").GetAttributeAsync("data-count"))!);
        Assert.True(count > 0, "the triangle should hold parcels");
        Assert.Equal(1, await page.Locator("path.lm-kept-query").CountAsync());
        Assert.StartsWith(count.ToString("#,##0", System.Globalization.CultureInfo.InvariantCulture), await page.Locator(".lm-kept-label-query").InnerTextAsync());
        Assert.Equal(await map.JsAsync<int>("() => window.landmap.tools.state.selection.length"), await page.Locator("path.lm-query-hit").CountAsync());
        var head = await page.Locator("[data-testid=tool-parcels] thead th").AllInnerTextsAsync();
        Assert.Equal(lang == "en" ? ["Parcel", "Name", "Area (mu)"] : ["宗地编号", "名称", "面积（亩）"], head);
        Assert.Equal(1, await page.Locator("path.lm-kept-measure").CountAsync()); // the earlier measure is still there
        var split = await page.EvaluateAsync<string[]>(RoomScripts.SplitTokens, "[data-testid=tool-parcels], [data-testid=tool-result]");
        Assert.True(split.Length == 0, "split over two lines: " + string.Join(" | ", split.Distinct()));
        await map.ScreenshotAsync($"tools-kept-{width}x{height}-{lang}");

        // Esc in the middle of a drawing cancels it: nothing new kept, the panel of a selected parcel stays open.
        await map.JsAsync("() => window.landmap.select('parcels', window.landmap.layers.parcels.getLayers()[0].feature)");
        await page.Locator("[data-testid=tool-area]").ClickAsync();
        await ClickAll([(-60, -60), (60, -60)]);
        await page.Keyboard.PressAsync("Escape");
        Assert.Null(await map.JsAsync<object?>("() => window.landmap.tools.state.sketch"));
        Assert.Equal(0, await page.Locator("[data-testid=tool-finish]").CountAsync());
        Assert.Equal(2, await page.Locator("path.lm-kept").CountAsync());
        Assert.False(await map.JsAsync<bool>("() => document.getElementById('side').hidden"));
        Assert.False(await map.JsAsync<bool>("() => document.querySelector('#map').classList.contains('lm-sketching')"));

        // Clear: every kept result leaves the map.
        await page.Locator("[data-testid=tool-clear]").ClickAsync();
        await page.WaitForTimeoutAsync(300); // labels fade out over 200 ms
        var left = await map.JsAsync<string[]>("() => [...document.querySelectorAll('path.lm-kept, path.lm-query-hit, .lm-kept-label')].map(e => e.getAttribute('class'))");
        Assert.True(left.Length == 0, "still on the map: " + string.Join(" | ", left));
        Assert.Empty(map.Errors);
    }
}
