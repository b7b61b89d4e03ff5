using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>Measure (on the ellipsoid) and draw-a-polygon / pick-a-park queries.</summary>
public sealed class ToolsTests(LandMapServer server)
{
    [Fact]
    public async Task Measuring_along_a_road_gives_its_length_within_half_a_percent()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        // A one-part road; its vertices clicked in order (hooks stand in for the mouse).
        var measured = await map.JsonAsync("""
            async () => {
              const road = window.landmap.data.roads.find(f => f.geometry.coordinates.length === 1 && f.geometry.coordinates[0].length >= 2);
              const sketch = window.landmap.tools.start('line');
              // GeoJSON [lon, lat] -> Leaflet (lat, lon)
              for (const [lon, lat] of road.geometry.coordinates[0]) sketch.add(L.latLng(lat, lon));
              sketch.finish();
              const m = await window.landmap.tools.state.run;
              return { code: road.properties.code, metres: m.metres, text: document.querySelector('[data-testid=tool-result]').textContent };
            }
            """);
        var code = measured.GetProperty("code").GetString();
        var api = await server.CreateClient().GetJsonAsync("ogc/collections/roads/items?filter=" + Uri.EscapeDataString($"code = '{code}'"));
        var length = (double)api["features"]![0]!["properties"]!["length_m"]!;
        var metres = measured.GetProperty("metres").GetDouble();
        Assert.InRange(metres, length * 0.995, length * 1.005);
        Assert.Contains(" m", measured.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Measuring_an_area_gives_m2_and_mu_on_the_ellipsoid()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        var parcel = await server.CreateClient().GetJsonAsync("ogc/collections/parcels/items?limit=1&filter=" + Uri.EscapeDataString("code = 'WZKF-BH-0002'"));
        var m2 = await map.Page.EvaluateAsync<double>("""
            async (ring) => {
              const sketch = window.landmap.tools.start('polygon');
              for (const [lon, lat] of ring.slice(0, -1)) sketch.add(L.latLng(lat, lon));
              sketch.finish();
              return (await window.landmap.tools.state.run).m2;
            }
            """, parcel["features"]![0]!["geometry"]!["coordinates"]![0]![0]!.AsArray().Select(p => new[] { (double)p![0]!, (double)p[1]! }).ToArray());
        var apiM2 = (double)parcel["features"]![0]!["properties"]!["area_m2"]!;
        Assert.InRange(m2, apiM2 * 0.999, apiM2 * 1.001); // a parcel without holes: the same ring, the same ellipsoid
    }

    [Fact]
    public async Task A_polygon_drawn_with_the_mouse_lists_the_parcels_inside_with_the_api_total()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        await map.Page.Locator("#tabbtn-tools").ClickAsync();
        await map.Page.Locator("[data-testid=tool-draw]").ClickAsync();
        var box = (await map.Page.Locator("#map").BoundingBoxAsync())!;
        // A triangle around the middle of the map, by mouse clicks on the map.
        var cx = box.X + box.Width / 2;
        var cy = box.Y + box.Height / 2;
        foreach (var (dx, dy) in new[] { (-200, -150), (200, -150), (0, 180) })
        {
            await map.Page.Mouse.ClickAsync((float)(cx + dx), (float)(cy + dy));
            await map.Page.WaitForTimeoutAsync(350); // apart, so not a double-click
        }
        await map.Page.Locator("[data-testid=tool-finish]").ClickAsync();
        await map.JsAsync("() => window.landmap.tools.state.run");

        var geometry = await map.JsAsync<string>("() => JSON.stringify(window.landmap.tools.state.geometry)");
        var client = server.CreateClient();
        using var response = await client.PostAsync("api/parcels/area",
            new StringContent($$"""{"geometry":{{geometry}}}""", System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var api = JsonNode.Parse(text);
        var result = map.Page.Locator("[data-testid=tool-result]");
        Assert.Equal((int)api!["parcels"]!, int.Parse((await result.GetAttributeAsync("data-count"))!));
        Assert.Equal((double)api["areaMu"]!, double.Parse((await result.GetAttributeAsync("data-mu"))!, System.Globalization.CultureInfo.InvariantCulture), 4);
        Assert.True((int)api["parcels"]! > 0, "the triangle should hold parcels");
        Assert.Equal(Math.Min(500, (int)api["parcels"]!), await map.Page.Locator("[data-testid=tool-parcels] tbody tr").CountAsync());
        await map.ScreenshotAsync("draw-polygon");
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task Picking_a_park_lists_its_parcels_with_the_api_total()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        await map.Page.Locator("#tabbtn-tools").ClickAsync();
        await map.Page.Locator("[data-testid=tool-park]").SelectOptionAsync("P-HC");
        await map.JsAsync("() => window.landmap.tools.state.run");
        var api = await (await server.CreateClient().PostAsJsonAsync("api/parcels/area", new { park = "P-HC" })).Content.ReadFromJsonAsync<JsonNode>();
        var result = map.Page.Locator("[data-testid=tool-result]");
        Assert.Equal((int)api!["parcels"]!, int.Parse((await result.GetAttributeAsync("data-count"))!));
        Assert.Equal((int)api["parcels"]!, await map.JsAsync<int>("() => window.landmap.tools.state.selection.length"));
    }
}
