using LandMap.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LandMap.Tests.Web;

/// <summary>
/// Issue 18 point 4: the year slider asks the legend's totals once per slide and cancels the
/// previous slide's request, so fast slides never queue totals at the server (at a million parcels
/// each used to cost seconds and piled up behind the tiles).
/// </summary>
public sealed class TotalsCancelTests(LandMapServer server)
{
    [Fact]
    public async Task Each_slide_cancels_the_legend_totals_of_the_slide_before()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, path: "/?parcels=tiles");
        await map.JsAsync("() => window.landmap.showTab('tab-filters')");
        await map.SettledAsync();
        var gate = new object();
        var (asked, cancelled) = (new List<string>(), 0);
        static bool Legend(IRequest r) => r.Url.Contains("/api/parcels/totals") && r.Url.Contains("bbox=");
        map.Page.Request += (_, r) =>
        {
            if (!Legend(r)) return;
            lock (gate) asked.Add(r.Url);
        };
        map.Page.RequestFailed += (_, r) => { if (Legend(r)) lock (gate) cancelled++; };
        // Every totals answer held back longer than the slides are apart (as at a million parcels, live).
        await map.Page.RouteAsync("**/api/parcels/totals?*", async route =>
        {
            await Task.Delay(1500);
            try { await route.ContinueAsync(); } catch (PlaywrightException) { /* cancelled by the page meanwhile */ }
        });
        var slider = map.Page.Locator("[data-testid=filter-year]");
        foreach (var year in new[] { "2012", "2014", "2016" })
        {
            await slider.FillAsync(year);
            await Task.Delay(400); // past the legend's 150 ms pause, so each slide asks
        }
        await map.SettledAsync();

        lock (gate)
        {
            Assert.True(asked.Count >= 3, $"one legend totals request per slide: {asked.Count}");
            Assert.Contains("date=2016-12-31", asked[^1]);
            Assert.Equal(asked.Count - 1, cancelled); // all but the last slide's were cancelled: one in flight
        }
        Assert.Empty(map.Errors);
    }
}
