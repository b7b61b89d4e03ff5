using LandMap.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LandMap.Tests.Web;

/// <summary>The Leaflet map in real Chromium (Debian's /usr/bin/chromium, no browser download).</summary>
public sealed class MapBrowserTests(LandMapServer server) : IAsyncLifetime
{
    private static readonly string[] Layers = ["parks", "parcels", "projects", "roads", "rivers", "reservoirs"];
    private static readonly string Screenshots = Path.Combine(LandMapServer.RepositoryRoot, "artifacts", "screenshots");

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task Map_draws_every_layer_and_a_parcel_popup_shows_its_area_in_mu()
    {
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);

        await page.GotoAsync(server.BaseUrl + "/");
        var counts = await page.EvaluateAsync<Dictionary<string, int>>("() => window.landmap.ready");

        foreach (var layer in Layers)
        {
            await using var cmd = server.DataSource.CreateCommand($"select count(*) from {layer}");
            Assert.Equal((long)(await cmd.ExecuteScalarAsync())!, counts[layer]);
        }
        Assert.True(await page.Locator("path.lm-parcel").CountAsync() > 0, "no parcel drawn");
        Assert.True(await page.Locator("#legend").IsVisibleAsync());

        // The first parcel's popup, compared with what the API says of the same feature.
        var feature = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "() => { const l = window.landmap.layers.parcels.getLayers()[0]; l.openPopup(); return l.feature; }");
        var popup = page.Locator(".lm-popup[data-testid=popup-parcels]");
        await popup.WaitForAsync();
        var text = await popup.InnerTextAsync();
        var areaMu = feature.GetProperty("properties").GetProperty("area_mu").GetDouble();
        Assert.Contains("亩", text);
        Assert.Contains(areaMu.ToString("F2", System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.Contains(feature.GetProperty("properties").GetProperty("code").GetString()!, text);

        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, "map.png") });
        Assert.Empty(errors);
    }
}
