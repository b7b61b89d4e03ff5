using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>
/// The vector-tile mode the page uses beyond 20,000 parcels (the 1,000,000-parcel set), forced
/// with ?parcels=tiles on the sample data: tiles painted in the worker follow the switches, a click
/// at low zoom selects the parcel under it, and from z17 the parcels are clickable features.
/// </summary>
public sealed class TiledParcelsTests(LandMapServer server)
{
    [Fact]
    public async Task Tiles_follow_the_state_switches_and_a_click_selects_the_parcel_under_it()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, path: "/?parcels=tiles");
        Assert.Equal("tiles", await map.JsAsync<string>("() => window.landmap.parcels.mode"));
        const string drawn = """
            async () => {
              const tiles = window.landmap.parcels.tiles;
              if (tiles.isLoading()) await new Promise(r => tiles.once('load', r));
              await new Promise(r => setTimeout(r, 50));
              await tiles.idle();
              return tiles.drawnNow();
            }
            """;
        var all = await map.JsAsync<int>(drawn);
        Assert.True(all > 0, "no parcel painted from tiles");
        Assert.Equal(0, await map.Page.Locator("path.lm-parcel").CountAsync()); // tiles, not SVG paths

        // Every state off: nothing painted; back on: the same as before.
        foreach (var state in new[] { "approved_unsupplied", "supplied_unused", "idle", "in_use", "under_used", "low_efficiency", "unused_tidal_flat", "reclaimed" })
            await map.Page.Locator($"[data-testid=tree-parcels-{state}]").UncheckAsync();
        Assert.Equal(0, await map.JsAsync<int>(drawn));
        await map.Page.Locator("[data-testid=tree-parcels-reclaimed]").CheckAsync();
        var reclaimed = await map.JsAsync<int>(drawn);
        Assert.InRange(reclaimed, 1, all - 1);
        await map.ScreenshotAsync("tiles-reclaimed-only");
        foreach (var state in new[] { "approved_unsupplied", "supplied_unused", "idle", "in_use", "under_used", "low_efficiency", "unused_tidal_flat" })
            await map.Page.Locator($"[data-testid=tree-parcels-{state}]").CheckAsync();
        Assert.Equal(all, await map.JsAsync<int>(drawn));

        // A click inside a parcel at low zoom asks the server which parcel is there.
        var at = await map.JsonAsync("""
            async () => {
              const r = await fetch("/ogc/collections/parcels/items?filter=" + encodeURIComponent("code = 'WZKF-HC-0001'"));
              const ring = (await r.json()).features[0].geometry.coordinates[0][0].slice(0, -1);
              // The mean of the corners: inside a convex parcel. GeoJSON [lon, lat] -> Leaflet (lat, lon).
              const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length, lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
              const map = window.landmap.map;
              map.setView([lat, lon], 15, { animate: false });
              const pt = map.latLngToContainerPoint([lat, lon]);
              const box = map.getContainer().getBoundingClientRect();
              return { x: box.left + pt.x, y: box.top + pt.y };
            }
            """);
        await map.Page.WaitForTimeoutAsync(300);
        await map.Page.Mouse.ClickAsync((float)at.GetProperty("x").GetDouble(), (float)at.GetProperty("y").GetDouble());
        var side = map.Page.Locator("[data-testid=side-panel][data-code='WZKF-HC-0001']");
        await side.WaitForAsync();

        // From z17 the view's parcels are features again (clickable, listed, exported).
        await map.JsAsync("() => { window.landmap.map.setZoom(17, { animate: false }); }");
        await map.Page.WaitForFunctionAsync("() => window.landmap.data.parcels.length > 0");
        Assert.Contains("WZKF-HC-0001", await map.JsAsync<string[]>("() => window.landmap.data.parcels.map(f => f.properties.code)"));
        Assert.Empty(map.Errors);
    }
}
