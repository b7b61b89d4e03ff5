using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>Search by parcel code, project or road; the side panel with attributes, project and history.</summary>
public sealed class SearchPanelTests(LandMapServer server)
{
    [Fact]
    public async Task Searching_a_parcel_code_zooms_to_it_and_the_panel_shows_attributes_project_and_history()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        await map.Page.Locator("#tabbtn-search").ClickAsync();
        await map.Page.Locator("[data-testid=search-input]").FillAsync("WZKF-JH-0001");
        await map.Page.Locator("[data-testid=search-input]").PressAsync("Enter");
        var result = map.Page.Locator("[data-testid=search-result-parcels][data-code='WZKF-JH-0001']");
        await result.ClickAsync();
        await map.JsAsync("() => window.landmap.select.length"); // module loaded
        var side = map.Page.Locator("[data-testid=side-panel]");
        await side.WaitForAsync();
        Assert.Equal("WZKF-JH-0001", await side.GetAttributeAsync("data-code"));

        var api = await server.CreateClient().GetJsonAsync("ogc/collections/parcels/items?limit=1&filter=" + Uri.EscapeDataString("code = 'WZKF-JH-0001'"));
        var p = api["features"]![0]!["properties"]!;
        var text = await side.InnerTextAsync();
        Assert.Contains((string)p["name"]!, text);
        Assert.Contains("亩", text);
        Assert.Contains("m²", text);
        Assert.Contains(((double)p["area_mu"]!).ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.Contains("所属项目", text);
        Assert.Contains((string)p["project_code"]!, text);

        // Times read as the zone's clock to the minute, never as raw ISO text (issue 17 point 2).
        var updated = DateTimeOffset.Parse((string)p["updated_at"]!).ToOffset(TimeSpan.FromHours(8));
        Assert.Contains($"{updated:yyyy-MM-dd HH:mm} (UTC+8)", text);
        Assert.DoesNotContain((string)p["updated_at"]!, text);

        // History rows: as many as the history route has versions.
        var history = await server.CreateClient().GetJsonAsync("api/parcels/WZKF-JH-0001/history");
        var rows = map.Page.Locator("[data-testid=side-history] tbody tr");
        await rows.First.WaitForAsync();
        Assert.Equal(history["versions"]!.AsArray().Count, await rows.CountAsync());

        // Zoomed in and highlighted.
        Assert.True(await map.JsAsync<double>("() => window.landmap.map.getZoom()") >= 15);
        Assert.Equal(1, await map.Page.Locator("path.lm-highlight").CountAsync());
        await map.ScreenshotAsync("side-panel");
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task Searching_finds_projects_by_name_and_roads_by_name()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        var project = await server.CreateClient().GetJsonAsync("ogc/collections/projects/items?limit=1");
        var road = await server.CreateClient().GetJsonAsync("ogc/collections/roads/items?limit=1");
        var projectName = (string)project["features"]![0]!["properties"]!["name_zh"]!;
        var roadName = (string)road["features"]![0]!["properties"]!["name"]!;

        await map.Page.Locator("#tabbtn-search").ClickAsync();
        var found = await map.Page.EvaluateAsync<System.Text.Json.JsonElement>("q => window.landmap.search.search(q)", projectName);
        Assert.Contains(found.EnumerateArray(), r => r.GetProperty("kind").GetString() == "projects");
        found = await map.Page.EvaluateAsync<System.Text.Json.JsonElement>("q => window.landmap.search.search(q)", roadName);
        Assert.Contains(found.EnumerateArray(), r => r.GetProperty("kind").GetString() == "roads");
        await map.Page.Locator("[data-testid=search-result-roads]").First.ClickAsync();
        Assert.Equal("roads", await map.Page.Locator("[data-testid=side-panel]").GetAttributeAsync("data-kind"));
    }
}
