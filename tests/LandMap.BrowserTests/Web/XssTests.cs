using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>Attribute values are text, never HTML: a parcel named like markup shows as those characters.</summary>
public sealed class XssTests(LandMapServer server)
{
    [Fact]
    public async Task A_parcel_named_like_an_img_tag_is_shown_as_text_everywhere()
    {
        const string name = "<img src=x onerror=alert(1)>";
        var ws = await server.WriteServerAsync();
        var code = $"WEB-XSS-{Guid.NewGuid().ToString("N")[..6]}";
        var client = ws.CreateWriterClient();
        const double lon = 121.17, lat = 27.66, d = 0.0006; // an empty corner of the zone; [lon, lat] below
        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject
            {
                ["code"] = code, ["name"] = name, ["land_user"] = "<script>alert(2)</script>", ["park_code"] = "P-BH",
                ["land_use"] = "0601", ["land_use_edition"] = "2017", ["status"] = "idle",
            },
            ["geometry"] = new JsonObject
            {
                ["type"] = "Polygon",
                ["coordinates"] = new JsonArray(new JsonArray(
                    new JsonArray(lon, lat), new JsonArray(lon + d, lat), new JsonArray(lon + d, lat + d), new JsonArray(lon, lat + d), new JsonArray(lon, lat))),
            },
        };
        using var created = await client.PostAsync("ogc/collections/parcels/items",
            new StringContent(feature.ToJsonString(), Encoding.UTF8, "application/geo+json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        await using var map = await MapSession.OpenAsync(ws.BaseUrl);
        // Search by its code and open its panel (the one place for a feature's details).
        await map.Page.Locator("#tabbtn-search").ClickAsync();
        await map.Page.Locator("[data-testid=search-input]").FillAsync(code);
        await map.Page.Locator("[data-testid=search-button]").ClickAsync();
        var result = map.Page.Locator($"[data-testid=search-result-parcels][data-code='{code}']");
        await result.ClickAsync();
        var side = map.Page.Locator("[data-testid=side-panel]");
        Assert.Contains(name, await side.InnerTextAsync());
        Assert.Contains("<script>alert(2)</script>", await side.InnerTextAsync());
        await map.Page.EvaluateAsync("code => window.landmap.layers.parcels.getLayers().find(l => l.feature.properties.code === code).fire('click')", code);
        Assert.Contains(name, await side.InnerTextAsync());

        Assert.Equal(0, await map.Page.Locator("img[src=x], #side img, .lm-results img").CountAsync());
        Assert.Equal(0, await map.Page.Locator("#side script, .lm-results script").CountAsync());
        await map.Page.WaitForTimeoutAsync(300);
        Assert.Empty(map.Dialogs);
        await map.ScreenshotAsync("xss-as-text");
    }
}
