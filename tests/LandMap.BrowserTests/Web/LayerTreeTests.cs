using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>The layer tree and the legend: switches change what is drawn; the legend counts the view.</summary>
public sealed class LayerTreeTests(LandMapServer server)
{
    [Fact]
    public async Task Unticking_a_state_removes_its_parcels_from_the_map_and_ticking_brings_them_back()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        var idle = map.Page.Locator("path.lm-status-idle");
        var before = await idle.CountAsync();
        var inUse = await map.Page.Locator("path.lm-status-in_use").CountAsync();
        Assert.True(before > 0, "no idle parcel drawn");

        await map.Page.Locator("[data-testid=tree-parcels-idle]").UncheckAsync();
        await map.SettledAsync();
        Assert.Equal(0, await idle.CountAsync());
        Assert.Equal(inUse, await map.Page.Locator("path.lm-status-in_use").CountAsync());
        Assert.Equal("0", await map.Page.Locator("[data-testid=legend-total-idle]").GetAttributeAsync("data-count"));
        await map.ScreenshotAsync("layer-tree-idle-off");

        await map.Page.Locator("[data-testid=tree-parcels-idle]").CheckAsync();
        await map.SettledAsync();
        Assert.Equal(before, await idle.CountAsync());

        // A whole group: infrastructure off takes roads, rivers and reservoirs away.
        await map.Page.Locator("[data-testid=tree-group-infrastructure]").UncheckAsync();
        await map.SettledAsync();
        Assert.Equal(0, await map.Page.Locator("path.lm-road, path.lm-river, path.lm-reservoir").CountAsync());
        Assert.True(await map.Page.Locator("path.lm-parcel").CountAsync() > 0);
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task The_legend_gives_count_and_mu_of_each_state_in_view_as_the_api_sums_them()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        // Frame the whole zone: every parcel is in view, so the legend equals the API's totals.
        await map.JsAsync("() => window.landmap.map.fitBounds(window.landmap.layers.parcels.getBounds())");
        await map.SettledAsync();
        // The legend counts each parcel under its computed state today (the recorded status where none), as it is coloured.
        var totals = await ShownStates.TotalsAsync(server.CreateClient());
        Assert.Equal(await server.DataSource.ScalarAsync<long>("select count(*) from parcels"), totals.Values.Sum(t => (long)t.Parcels));
        foreach (var (state, (parcels, mu)) in totals)
        {
            var figures = map.Page.Locator($"[data-testid=legend-total-{state}]");
            Assert.Equal(parcels, int.Parse((await figures.GetAttributeAsync("data-count"))!));
            Assert.Equal(mu, double.Parse((await figures.GetAttributeAsync("data-mu"))!, System.Globalization.CultureInfo.InvariantCulture), 2);
        }
        await map.ScreenshotAsync("legend-whole-zone");
    }
}
