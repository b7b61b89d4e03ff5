using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>The map works under its Content-Security-Policy: no violation and no console error
/// while it loads, draws its layers, shows a feature's side panel, a chart and the other panels.</summary>
public sealed class CspTests(LandMapServer server)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/?parcels=tiles")] // vector tiles, decoded in a module worker
    public async Task The_map_loads_and_its_panels_work_under_the_CSP_without_a_violation(string path)
    {
        using (var client = server.CreateClient())
        using (var response = await client.GetAsync(""))
            Assert.Contains("script-src 'self' 'sha256-", response.Headers.GetValues("Content-Security-Policy").Single());

        await using var map = await MapSession.OpenAsync(server.BaseUrl, path: path);
        if (path == "/")
        {
            Assert.True(await map.Page.Locator("path.lm-parcel").CountAsync() > 0, "no parcel drawn");
            await map.Page.EvaluateAsync("() => window.landmap.layers.parcels.getLayers()[0].fire('click')");
            await map.Page.Locator("[data-testid=side-panel][data-kind=parcels]").WaitForAsync();
        }
        else
        {
            var painted = await map.Page.EvaluateAsync<int>("""
                async () => {
                  const tiles = window.landmap.parcels.tiles;
                  if (tiles.isLoading()) await new Promise(r => tiles.once('load', r));
                  await tiles.idle();
                  return tiles.drawnNow();
                }
                """);
            Assert.True(painted > 0, "no parcel painted from tiles");
        }
        await map.Page.Locator("#tabbtn-stats").ClickAsync();
        await map.Page.Locator("[data-testid=stats-chart]").WaitForAsync();
        foreach (var tab in new[] { "filters", "search", "tools", "upload", "layers" })
            await map.Page.Locator($"#tabbtn-{tab}").ClickAsync();
        await map.SettledAsync();

        Assert.Empty(await map.CspViolationsAsync());
        Assert.Empty(map.Errors);
    }
}
