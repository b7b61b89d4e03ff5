using System.Text;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LandMap.Tests.Web;

/// <summary>
/// The site-check tool end to end over the hand-made plan (<see cref="HandMadePlan"/>): a site drawn
/// with the mouse, a parcel clicked, a WKT file uploaded; the side panel shows the server's verdict per
/// rule and its numbers, which agree with the API's answer and with shares worked out from the degrees.
/// </summary>
public sealed class SiteCheckToolTests(LandMapServer server)
{
    // A box 3/4 in the M2 zone (lon 121.1505-121.1520) and 1/4 in the G1 zone (121.1520-121.1525), from
    // lat 27.6505 to 27.6519: its top 0.0001 deg (1/14 of its height) lies in the red line (27.6518-27.6520).
    private static readonly (double Lon, double Lat)[] Site =
        [(121.1505, 27.6505), (121.1525, 27.6505), (121.1525, 27.6519), (121.1505, 27.6519)];

    private static async Task<MapSession> OpenAsync(WriteServer ws, string lang = "zh")
    {
        await HandMadePlan.EnsureAsync(ws);
        var map = await MapSession.OpenAsync(ws.BaseUrl, lang);
        await map.Page.Locator("[data-testid=tree-group-planning]").CheckAsync();
        await map.JsAsync("() => window.landmap.plan.ready()");
        await HandMadePlan.FrameAsync(map);
        await map.Page.Locator("#tabbtn-tools").ClickAsync();
        return map;
    }

    /// <summary>Click the map at a lon/lat (page pixels from Leaflet's own projection).</summary>
    private static async Task ClickAtAsync(MapSession map, double lon, double lat)
    {
        var point = await map.Page.EvaluateAsync<double[]>(
            "([lat, lon]) => { const p = window.landmap.map.latLngToContainerPoint([lat, lon]); const r = document.getElementById('map').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; }",
            new[] { lat, lon });
        await map.Page.Mouse.ClickAsync((float)point[0], (float)point[1]);
        await map.Page.WaitForTimeoutAsync(350); // apart, so not a double-click
    }

    private static async Task<JsonNode> PostAsync(WriteServer ws, string body, string? code = null)
    {
        using var response = await ws.CreateClient().PostAsync("api/site-check" + (code is null ? "" : $"?code={code}"),
            new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    private static double Number(string? text) => double.Parse(text!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The verdict rows of the panel (rule -> result) equal the API's.</summary>
    private static async Task AssertVerdictsAsync(MapSession map, JsonNode api)
    {
        var shown = await map.Page.EvaluateAsync<Dictionary<string, string>>(
            "() => Object.fromEntries([...document.querySelectorAll('[data-testid=site-verdicts] tbody tr')].map(r => [r.dataset.rule, r.dataset.result]))");
        var expected = api["verdicts"]!.AsArray().ToDictionary(v => (string)v!["rule"]!, v => (string)v!["result"]!);
        Assert.Equal(expected.OrderBy(k => k.Key), shown.OrderBy(k => k.Key));
        var result = map.Page.Locator("[data-testid=site-result]");
        Assert.Equal(((bool)api["compliant"]!).ToString().ToLowerInvariant(), await result.GetAttributeAsync("data-compliant"));
        Assert.Equal((double)api["areaM2"]!, Number(await result.GetAttributeAsync("data-area-m2")), 6);
    }

    [Fact]
    public async Task A_site_drawn_with_the_mouse_shows_the_verdicts_zone_shares_and_the_red_line_taken_and_Esc_cancels_a_drawing()
    {
        var ws = await server.WriteServerAsync();
        await using var map = await OpenAsync(ws);
        await map.Page.Locator("[data-testid=site-use]").SelectOptionAsync("M2");
        await map.Page.Locator("[data-testid=site-plot-ratio]").FillAsync("1.5");
        await map.Page.Locator("[data-testid=site-draw]").ClickAsync();
        foreach (var (lon, lat) in Site) await ClickAtAsync(map, lon, lat);
        await map.Page.Locator("[data-testid=site-finish]").ClickAsync();
        await map.JsAsync("() => window.landmap.siteCheck.state.run");
        Assert.Equal("", await map.JsAsync<string>("() => window.landmap.siteCheck.state.error"));

        var geometry = await map.JsAsync<string>("() => JSON.stringify(window.landmap.siteCheck.state.geometry)");
        var api = await PostAsync(ws, $$"""{"geometry":{{geometry}},"proposedUse":"M2","proposedUseEdition":"gb50137","plotRatio":1.5}""");
        await AssertVerdictsAsync(map, api);

        // Shares from the degrees (mouse clicks land within a pixel, ~0.3 m here): 3/4 M2, 1/4 G1; the red line 1/14 of the site.
        var zones = await map.Page.EvaluateAsync<Dictionary<string, double>>(
            "() => Object.fromEntries([...document.querySelectorAll('[data-testid=site-zones] tbody tr')].map(r => [r.dataset.code, Number(r.dataset.share)]))");
        Assert.Equal(0.75, zones["T16-PZ-M2"], 0.01);
        Assert.Equal(0.25, zones["T16-PZ-G1"], 0.01);
        Assert.DoesNotContain("T16-PZ-R2-OLD", zones.Keys); // repealed: not in force today
        var area = Number(await map.Page.Locator("[data-testid=site-result]").GetAttributeAsync("data-area-m2"));
        var line = map.Page.Locator("[data-testid=site-lines] tbody tr[data-code=T16-CL-RED]");
        Assert.Equal(area / 14, Number(await line.GetAttributeAsync("data-m2")), area / 14 * 0.03);
        Assert.Equal("fail", await map.Page.Locator("[data-testid=site-verdicts] tr[data-rule=control_lines]").GetAttributeAsync("data-result"));
        Assert.Equal("false", await map.Page.Locator("[data-testid=site-result]").GetAttributeAsync("data-compliant"));
        // The plan's figures (the M2 zone, the larger share) beside the proposal's.
        var plotRatioRow = await map.Page.Locator("[data-testid=site-figures] tr[data-figure=plot_ratio]").InnerTextAsync();
        Assert.Contains("1.00 – 2.00", plotRatioRow);
        Assert.Contains("1.50", plotRatioRow);
        Assert.Contains("不符合规划", await map.Page.Locator("[data-testid=site-verdict]").InnerTextAsync());
        await map.ScreenshotAsync("site-check-drawn");

        // Esc cancels a new drawing; the checked site and its result stay until cleared.
        await map.Page.Locator("[data-testid=site-draw]").ClickAsync();
        await ClickAtAsync(map, 121.1535, 27.6505);
        await ClickAtAsync(map, 121.1545, 27.6505);
        await map.Page.Keyboard.PressAsync("Escape");
        Assert.Null(await map.JsAsync<string?>("() => window.landmap.siteCheck.state.mode"));
        Assert.Equal(1, await map.JsAsync<int>("() => window.landmap.siteCheck.drawn()"));
        Assert.True(await map.Page.Locator("[data-testid=site-result]").IsVisibleAsync());
        Assert.Equal(0, await map.Page.Locator("[data-testid=site-finish]").CountAsync());

        await map.Page.Locator("[data-testid=site-result-clear]").ClickAsync();
        Assert.Equal(0, await map.JsAsync<int>("() => window.landmap.siteCheck.drawn()"));
        Assert.False(await map.Page.Locator("#side").IsVisibleAsync());
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task A_parcel_clicked_is_checked_with_its_own_figures_beside_the_plans()
    {
        var ws = await server.WriteServerAsync();
        await using var map = await OpenAsync(ws, "en");
        await map.Page.Locator("[data-testid=site-pick]").ClickAsync();
        await ClickAtAsync(map, (HandMadePlan.ParcelWest + HandMadePlan.ParcelEast) / 2, (HandMadePlan.ParcelSouth + HandMadePlan.ParcelNorth) / 2);
        await map.JsAsync("() => window.landmap.siteCheck.state.run");
        Assert.Equal("", await map.JsAsync<string>("() => window.landmap.siteCheck.state.error"));

        Assert.Contains(HandMadePlan.ParcelCode, await map.Page.Locator("[data-testid=site-result] [data-testid=side-title]").InnerTextAsync());
        var api = await PostAsync(ws, "{}", HandMadePlan.ParcelCode);
        await AssertVerdictsAsync(map, api);
        // All of it in the M2 zone; its plot ratio 2.5 over the zone's 2.0; no line, no farmland.
        var zone = map.Page.Locator("[data-testid=site-zones] tbody tr");
        Assert.Equal(1, await zone.CountAsync());
        Assert.Equal("T16-PZ-M2", await zone.GetAttributeAsync("data-code"));
        Assert.Equal(1.0, Number(await zone.GetAttributeAsync("data-share")), 4);
        Assert.Equal("fail", await map.Page.Locator("[data-testid=site-verdicts] tr[data-rule=plot_ratio]").GetAttributeAsync("data-result"));
        Assert.Equal(0, await map.Page.Locator("[data-testid=site-lines]").CountAsync()); // "None"
        var plotRatioRow = await map.Page.Locator("[data-testid=site-figures] tr[data-figure=plot_ratio]").InnerTextAsync();
        Assert.Contains("1.00 – 2.00", plotRatioRow);
        Assert.Contains("2.50", plotRatioRow);
        Assert.Contains("Does not comply", await map.Page.Locator("[data-testid=site-verdict]").InnerTextAsync());
        Assert.Equal(1, await map.JsAsync<int>("() => window.landmap.siteCheck.drawn()"));
        await map.ScreenshotAsync("site-check-parcel-en");
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task A_WKT_file_uploaded_over_the_farmland_fails_the_protected_area_rule()
    {
        var ws = await server.WriteServerAsync();
        await using var map = await OpenAsync(ws);
        // Half in the G1 zone (121.1530-121.1540), half in the farmland (121.1540-121.1550).
        const string wkt = "POLYGON((121.153 27.6505, 121.155 27.6505, 121.155 27.6515, 121.153 27.6515, 121.153 27.6505))";
        await map.Page.Locator("[data-testid=site-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "site.wkt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(wkt),
        });
        await map.Page.WaitForFunctionAsync("() => window.landmap.siteCheck.state.answer || window.landmap.siteCheck.state.error");
        await map.JsAsync("() => window.landmap.siteCheck.state.run");
        var api = await PostAsync(ws, $$"""{"wkt":"{{wkt}}"}""");
        await AssertVerdictsAsync(map, api);
        var farm = map.Page.Locator("[data-testid=site-protected] tbody tr[data-code=T16-PA-FARM]");
        Assert.Equal(0.5, Number(await farm.GetAttributeAsync("data-m2")) / Number(await map.Page.Locator("[data-testid=site-result]").GetAttributeAsync("data-area-m2")), 3);
        Assert.Equal("fail", await map.Page.Locator("[data-testid=site-verdicts] tr[data-rule=protected_areas]").GetAttributeAsync("data-result"));
        Assert.Empty(map.Errors);
    }
}
