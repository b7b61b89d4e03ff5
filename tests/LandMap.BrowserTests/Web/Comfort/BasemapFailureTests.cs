using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web.Comfort;

/// <summary>
/// Basemaps (issue 17 point 7): without a key the panel says why Tianditu is absent; a basemap whose
/// tiles fail (offline) is named on the map and in the panel, in the page's language, the data stays
/// drawn, and "no basemap" (the offline default) clears it. Tile hosts are never reached: requests
/// to them are aborted, as offline, and a Tianditu key is given by answering /api/config.
/// </summary>
public sealed class BasemapFailureTests(LandMapServer server)
{
    [Theory]
    [ClassData(typeof(DesksAndTablets))]
    public async Task A_failing_basemap_is_named_the_data_stays_drawn_and_Tianditu_says_why_it_is_absent(string lang, int width, int height)
    {
        var zh = lang == "zh";
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var tileHosts = new List<string>();
        await map.Page.RouteAsync(url => !url.StartsWith(server.BaseUrl, StringComparison.Ordinal), async route =>
        {
            lock (tileHosts) tileHosts.Add(new Uri(route.Request.Url).Host);
            await route.AbortAsync("internetdisconnected");
        });

        // The offline default: no basemap, nothing fetched, nothing failed; Tianditu's absence explained.
        Assert.False(await map.Page.Locator("[data-testid=basemap-failed]").IsVisibleAsync());
        Assert.Empty(map.ForeignRequests);
        await map.Page.Locator("#tabbtn-layers").ClickAsync();
        var absent = await map.Page.Locator("[data-testid=basemap-tianditu-absent]").InnerTextAsync();
        Assert.Contains(zh ? "未提供天地图" : "Tianditu is not offered", absent);
        Assert.Contains("LandMap:Web:TiandituKey", absent);
        var parcels = await map.Page.Locator("path.lm-parcel").CountAsync();
        Assert.True(parcels > 1000);

        // OpenStreetMap offline: named on the map and in the panel; the parcels still drawn.
        await map.Page.Locator("[data-testid=basemaps] input[value=osm]").CheckAsync();
        var notice = map.Page.Locator("[data-testid=basemap-failed]");
        await notice.WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Visible, Timeout = 10_000 });
        var text = await notice.InnerTextAsync();
        Assert.Contains(zh ? "底图“OpenStreetMap”加载失败" : "The basemap “OpenStreetMap” failed to load", text);
        Assert.Contains(zh ? "数据照常显示" : "the data is still drawn", text);
        Assert.Contains(zh ? "加载失败" : "failed to load", await map.Page.Locator("[data-testid=basemap-error]").InnerTextAsync());
        lock (tileHosts) Assert.Contains("tile.openstreetmap.org", tileHosts);
        Assert.Equal(parcels, await map.Page.Locator("path.lm-parcel").CountAsync());
        await map.ScreenshotAsync($"basemap-failed-{lang}-{width}x{height}");

        // The way back: no basemap, no notice.
        await notice.Locator("button").ClickAsync();
        Assert.False(await notice.IsVisibleAsync());
        Assert.True(await map.Page.Locator("[data-testid=basemaps] input[value=none]").IsCheckedAsync());
        Assert.Equal("", await map.Page.Locator("[data-testid=basemap-error]").InnerTextAsync());

        // With a key: Tianditu offered, no note of its absence; offline it is named the same way.
        await map.Page.RouteAsync("**/api/config", route => route.FulfillAsync(new() { ContentType = "application/json", Body = """{"tiandituKey":"test-key"}""" }));
        await map.Page.ReloadAsync();
        await map.JsAsync("() => window.landmap.ready");
        await map.Page.Locator("#tabbtn-layers").ClickAsync();
        var choices = await map.Page.Locator("[data-testid=basemaps] input[type=radio]").EvaluateAllAsync<string[]>("r => r.map(x => x.value)");
        Assert.Equal(["none", "osm", "tdt-vec", "tdt-img"], choices);
        Assert.Equal(0, await map.Page.Locator("[data-testid=basemap-tianditu-absent]").CountAsync());
        await map.Page.Locator("[data-testid=basemaps] input[value=tdt-vec]").CheckAsync();
        await notice.WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Visible, Timeout = 10_000 });
        Assert.Contains(zh ? "底图“天地图 矢量”加载失败" : "The basemap “Tianditu vector” failed to load", await notice.InnerTextAsync());
        Assert.True(await map.Page.Locator("path.lm-parcel").CountAsync() > 1000);
        await map.ScreenshotAsync($"basemap-tianditu-failed-{lang}-{width}x{height}");
        Assert.DoesNotContain(map.Errors, e => !e.Contains("ERR_INTERNET_DISCONNECTED") && !e.Contains("Failed to load resource"));
    }
}
