using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>Basemaps (off by default, only fetched when chosen, remembered), keyboard use, a tablet screen.</summary>
public sealed class BasemapKeyboardTests(LandMapServer server)
{
    // A 1x1 transparent PNG stands in for OpenStreetMap's tiles: tests never reach the internet.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    [Fact]
    public async Task OpenStreetMap_is_fetched_only_when_chosen_and_the_choice_is_remembered()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        var osm = new List<string>();
        await map.Page.RouteAsync("https://tile.openstreetmap.org/**", async route =>
        {
            osm.Add(route.Request.Url);
            await route.FulfillAsync(new() { ContentType = "image/png", BodyBytes = Png });
        });
        // No key configured: no Tianditu choice; none chosen: nothing fetched.
        var choices = await map.Page.Locator("[data-testid=basemaps] input[type=radio]").EvaluateAllAsync<string[]>("r => r.map(x => x.value)");
        Assert.Equal(["none", "osm"], choices);
        Assert.Empty(map.ForeignRequests);
        var config = await server.CreateClient().GetJsonAsync("api/config");
        Assert.Null((string?)config["tiandituKey"]);

        await map.Page.Locator("[data-testid=basemaps] input[value=osm]").CheckAsync();
        await map.Page.WaitForTimeoutAsync(500);
        Assert.NotEmpty(osm);
        Assert.Equal("osm", await map.JsAsync<string>("() => localStorage.getItem('landmap.basemap')"));
        // Data does not depend on it: the parcels are still all drawn.
        Assert.Equal(1049, await map.Page.Locator("path.lm-parcel").CountAsync());

        await map.Page.ReloadAsync();
        await map.JsAsync("() => window.landmap.ready");
        Assert.True(await map.Page.Locator("[data-testid=basemaps] input[value=osm]").IsCheckedAsync());
        await map.Page.Locator("[data-testid=basemaps] input[value=none]").CheckAsync();
    }

    [Fact]
    public async Task The_panel_works_by_keyboard_and_reads_on_a_tablet()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, width: 820, height: 1180);
        // On a tablet in portrait the panel starts folded; the ☰ button opens it.
        Assert.False(await map.Page.Locator("#panel").IsVisibleAsync());
        await map.Page.Locator("#panel-toggle").FocusAsync();
        await map.Page.Keyboard.PressAsync("Enter");
        Assert.True(await map.Page.Locator("#panel").IsVisibleAsync());

        // Tabs by arrow keys; a state switched off by Space.
        await map.Page.Locator("#tabbtn-layers").FocusAsync();
        await map.Page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal("true", await map.Page.Locator("#tabbtn-filters").GetAttributeAsync("aria-selected"));
        Assert.True(await map.Page.Locator("#tab-filters").IsVisibleAsync());
        await map.Page.Keyboard.PressAsync("ArrowLeft");
        await map.Page.Locator("[data-testid=tree-parcels-reclaimed]").FocusAsync();
        await map.Page.Keyboard.PressAsync("Space");
        await map.SettledAsync();
        Assert.Equal(0, await map.Page.Locator("path.lm-status-reclaimed").CountAsync());

        // Search by keyboard: type, Enter, Tab to the result, Enter opens the panel.
        await map.Page.Locator("#tabbtn-search").ClickAsync();
        await map.Page.Locator("[data-testid=search-input]").FocusAsync();
        await map.Page.Keyboard.TypeAsync("WZKF-HC-0001");
        await map.Page.Keyboard.PressAsync("Enter");
        await map.Page.Locator("[data-testid=search-result-parcels]").First.FocusAsync();
        await map.Page.Keyboard.PressAsync("Enter");
        Assert.True(await map.Page.Locator("[data-testid=side-panel]").IsVisibleAsync());
        await map.ScreenshotAsync("tablet-portrait");
        await map.Page.Keyboard.PressAsync("Escape");
        Assert.False(await map.Page.Locator("[data-testid=side-panel]").IsVisibleAsync());
        Assert.Empty(map.Errors);
    }
}
