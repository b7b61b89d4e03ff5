using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LandMap.Tests.Web;

/// <summary>Issue 17 §3 / issue 18 point 4: the year slider repaints from one request for the year
/// (no parcels loaded again), shows a busy sign while it works, and draws exactly the server's states.</summary>
public sealed class YearSliderTests(LandMapServer server)
{
    private const string DrawnStates =
        "() => Object.fromEntries(window.landmap.layers.parcels.getLayers().map(l => [l.feature.properties.code, [...l._path.classList].find(c => c.startsWith('lm-status-')).slice(10)]))";

    [Fact]
    public async Task Moving_the_year_shows_a_busy_sign_until_the_server_states_for_that_year_are_drawn_from_one_request()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        await map.JsAsync("() => window.landmap.showTab('tab-filters')");
        var asked = new List<string>();
        var itemLoads = 0;
        map.Page.Request += (_, r) =>
        {
            if (r.Url.Contains("/api/parcels/shown")) asked.Add(r.Url);
            if (r.Url.Contains("/collections/parcels/items")) itemLoads++;
        };
        // The year's answer held back a moment, so the sign can be seen while the page waits.
        await map.Page.RouteAsync("**/api/parcels/shown?*", async route =>
        {
            await Task.Delay(700);
            await route.ContinueAsync();
        });
        var busy = map.Page.Locator("[data-testid=map-busy]");
        await map.Page.Locator("[data-testid=filter-year]").FillAsync("2014");
        await Assertions.Expect(busy).ToBeVisibleAsync(new() { Timeout = 2000 });
        Assert.Equal("true", await map.Page.Locator("#map").GetAttributeAsync("aria-busy"));
        await Assertions.Expect(busy).ToBeHiddenAsync(new() { Timeout = 10000 });
        await map.SettledAsync();

        var url = Assert.Single(asked); // one request for the year's states
        Assert.Contains("date=2014-12-31", url);
        Assert.Equal(0, itemLoads); // the parcels held are not loaded again
        var server_ = JsonNode.Parse(await server.CreateClient().GetStringAsync(new Uri(url).PathAndQuery.TrimStart('/')))!;
        var expected = server_["states"]!.AsObject().ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        var drawn = await map.JsAsync<Dictionary<string, string>>(DrawnStates);
        Assert.Equal(expected.Count, drawn.Count);
        foreach (var (code, state) in drawn) Assert.Equal(expected[code], state);
        Assert.Empty(map.Errors);
    }
}
