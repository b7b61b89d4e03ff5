using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>The first map: every layer drawn, a parcel's details in the side panel, no request to the internet.</summary>
public sealed class MapBrowserTests(LandMapServer server)
{
    private static readonly string[] Layers = ["parks", "parcels", "projects", "roads", "rivers", "reservoirs"];

    [Fact]
    public async Task Map_draws_every_layer_and_a_clicked_parcel_shows_its_area_in_mu_in_the_side_panel()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        var page = map.Page;
        var counts = await page.EvaluateAsync<Dictionary<string, int>>("() => window.landmap.ready");

        foreach (var layer in Layers)
        {
            await using var cmd = server.DataSource.CreateCommand($"select count(*) from {layer}");
            Assert.Equal((long)(await cmd.ExecuteScalarAsync())!, counts[layer]);
        }
        Assert.True(await page.Locator("path.lm-parcel").CountAsync() > 0, "no parcel drawn");
        Assert.True(await page.Locator("#legend").IsVisibleAsync());

        // The first parcel's details (the side panel, the one place for them: no popup as well),
        // compared with what the API says of the same feature.
        var feature = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "() => { const l = window.landmap.layers.parcels.getLayers()[0]; l.fire('click'); return l.feature; }");
        var popup = page.Locator("[data-testid=side-panel][data-kind=parcels]");
        await popup.WaitForAsync();
        var text = await popup.InnerTextAsync();
        var areaMu = feature.GetProperty("properties").GetProperty("area_mu").GetDouble();
        Assert.Contains("亩", text);
        Assert.Contains(areaMu.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.Contains(feature.GetProperty("properties").GetProperty("code").GetString()!, text);
        Assert.Equal(0, await page.Locator(".leaflet-popup").CountAsync());

        await map.ScreenshotAsync("map");
        Assert.Empty(map.Errors);
        Assert.Empty(map.ForeignRequests); // no basemap by default: nothing from the internet
    }
}
