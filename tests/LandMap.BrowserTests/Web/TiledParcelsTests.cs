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
        var all = await map.TilesDrawnAsync();
        Assert.True(all > 0, "no parcel painted from tiles");
        Assert.Equal(0, await map.Page.Locator("path.lm-parcel").CountAsync()); // tiles, not SVG paths

        // Every state off: nothing painted; back on: the same as before.
        var states = await ShownStates.CodesAsync(server.CreateClient());
        foreach (var state in states)
            await map.Page.Locator($"[data-testid=tree-parcels-{state}]").UncheckAsync();
        Assert.Equal(0, await map.TilesDrawnAsync());
        await map.Page.Locator("[data-testid=tree-parcels-reclaimed]").CheckAsync();
        var reclaimed = await map.TilesDrawnAsync();
        Assert.InRange(reclaimed, 1, all - 1);
        await map.ScreenshotAsync("tiles-reclaimed-only");
        foreach (var state in states.Where(s => s != "reclaimed"))
            await map.Page.Locator($"[data-testid=tree-parcels-{state}]").CheckAsync();
        Assert.Equal(all, await map.TilesDrawnAsync());

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

    /// <summary>The tiles' pixel under the centre of a parcel, unblended: [r, g, b, alpha] of the tile
    /// canvas itself (alpha 0 where nothing is painted), after the pending repaints.</summary>
    private const string PixelAtProbe = """
        async (probe) => {
          const tiles = window.landmap.parcels.tiles;
          if (tiles.isLoading()) await new Promise(r => tiles.once('load', r));
          await new Promise(r => setTimeout(r, 50));
          await tiles.idle();
          const map = window.landmap.map;
          const pt = map.latLngToContainerPoint([probe.lat, probe.lon]);
          const box = map.getContainer().getBoundingClientRect();
          const [x, y] = [box.left + pt.x, box.top + pt.y];
          for (const t of Object.values(tiles._tiles)) {
            const r = t.el.getBoundingClientRect();
            if (!t.current || x < r.left || x >= r.right || y < r.top || y >= r.bottom) continue;
            const copy = document.createElement('canvas');
            copy.width = t.el.width; copy.height = t.el.height;
            const ctx = copy.getContext('2d');
            ctx.drawImage(t.el, 0, 0);
            const px = Math.floor((x - r.left) * t.el.width / r.width), py = Math.floor((y - r.top) * t.el.height / r.height);
            return [...ctx.getImageData(px, py, 1, 1).data];
          }
          return null;
        }
        """;

    [Fact]
    public async Task Tiles_colour_and_switch_a_parcel_by_its_computed_state_not_its_recorded_status()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, path: "/?parcels=tiles");
        // The biggest sample parcel whose record differs from what its dates say today; the map centred on it below z17.
        var probe = await map.JsonAsync("""
            async () => {
              const filter = encodeURIComponent("state <> status AND state IS NOT NULL");
              const r = await fetch(`/ogc/collections/parcels/items?limit=1&sortby=-area_m2&filter=${filter}`);
              const f = (await r.json()).features[0];
              if (!f) return null;
              const polygon = f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates[0] : f.geometry.coordinates;
              const ring = polygon[0].slice(0, -1);
              const lon = ring.reduce((s, p) => s + p[0], 0) / ring.length, lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
              window.landmap.map.setView([lat, lon], 16, { animate: false });
              const { PARCEL_STATUS } = await import('/js/styles.js');
              return { lon, lat, code: f.properties.code, state: f.properties.state, status: f.properties.status,
                       colour: PARCEL_STATUS[f.properties.state].color };
            }
            """);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, probe.ValueKind);
        var state = probe.GetProperty("state").GetString()!;
        var status = probe.GetProperty("status").GetString()!;
        Assert.NotEqual(state, status);
        var at = new { lat = probe.GetProperty("lat").GetDouble(), lon = probe.GetProperty("lon").GetDouble() };
        var all = await ShownStates.CodesAsync(server.CreateClient());

        async Task<int[]> OnlyAsync(string shown)
        {
            foreach (var s in all)
            {
                var box = map.Page.Locator($"[data-testid=tree-parcels-{s}]");
                if (s == shown) await box.CheckAsync(); else await box.UncheckAsync();
            }
            return await map.Page.EvaluateAsync<int[]>(PixelAtProbe, at);
        }

        // Only the computed state switched on: the parcel is painted, in that state's colour.
        var painted = await OnlyAsync(state);
        Assert.True(painted[3] > 0, $"{probe.GetProperty("code")} ({status} recorded, {state} computed) is not painted when only {state} is shown");
        var colour = Convert.FromHexString(probe.GetProperty("colour").GetString()!.TrimStart('#'));
        for (var i = 0; i < 3; i++) Assert.InRange(painted[i], colour[i] - 3, colour[i] + 3);
        // Only the recorded status switched on: nothing painted there.
        Assert.Equal(0, (await OnlyAsync(status))[3]);
        Assert.Empty(map.Errors);
    }
}
