using System.Globalization;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>
/// The page adds nothing up and filters no tile itself: the legend and filter totals are
/// /api/parcels/totals for the page's filter at the year's end, in tile mode as in feature mode,
/// and a filter change reaches the tiles as their CQL2 <c>filter</c> and <c>date</c>.
/// </summary>
public sealed class ServerTotalsTests(LandMapServer server)
{
    private static double Number(string? s) => double.Parse(s!, CultureInfo.InvariantCulture);

    /// <summary>Park P-JH, idle hidden, at the end of 2014: the page's filter written by hand, over
    /// the states the vocabulary has (<paramref name="states"/>).</summary>
    private static string Filter(string[] states)
    {
        var shown = string.Join(",", states.Where(s => s != "idle").Select(s => $"'{s}'"));
        return $"(state IN ({shown}) OR (state IS NULL AND status IN ({shown}))) " +
               "AND park_code = 'P-JH' AND (approved_on <= DATE('2014-12-31') OR approved_on IS NULL)";
    }

    private static async Task FilterAsync(MapSession map)
    {
        await map.JsAsync("() => window.landmap.showTab('tab-filters')");
        await map.Page.Locator("[data-testid=filter-park]").SelectOptionAsync("P-JH");
        await map.Page.Locator("[data-testid=filter-state-idle]").UncheckAsync();
        await map.Page.Locator("[data-testid=filter-year]").FillAsync("2014");
        // The whole zone in view: the legend's view totals are the filter's totals.
        await map.JsAsync("() => window.landmap.map.fitBounds([[27.7, 120.6], [28.0, 121.0]], { animate: false })");
        await map.SettledAsync();
    }

    [Theory]
    [InlineData("/?parcels=tiles")]
    [InlineData("/?parcels=features")]
    public async Task Legend_and_filter_totals_are_the_apis_for_the_filter_at_the_years_end(string path)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, path: path);
        await FilterAsync(map);
        var states = await ShownStates.CodesAsync(server.CreateClient());
        var api = await server.CreateClient().GetJsonAsync("api/parcels/totals?date=2014-12-31&filter=" + Uri.EscapeDataString(Filter(states)));
        var totals = api["totals"]!.AsArray().ToDictionary(t => (string)t!["state"]!, t => t!);
        Assert.True((int)api["parcels"]! > 0);
        Assert.DoesNotContain("idle", totals.Keys);
        foreach (var state in states)
        {
            var figures = map.Page.Locator($"[data-testid=legend-total-{state}]");
            var (n, mu) = totals.TryGetValue(state, out var t) ? ((int)t["parcels"]!, (double)t["areaMu"]!) : (0, 0.0);
            Assert.Equal(n, int.Parse((await figures.GetAttributeAsync("data-count"))!));
            Assert.Equal(mu, Number(await figures.GetAttributeAsync("data-mu")), 2);
        }
        var count = map.Page.Locator("[data-testid=filter-count]");
        Assert.Equal((int)api["parcels"]!, int.Parse((await count.GetAttributeAsync("data-count"))!));
        Assert.Equal((double)api["areaMu"]!, Number(await count.GetAttributeAsync("data-mu")), 1);
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task A_filter_change_reaches_the_tiles_as_their_filter_and_date()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, path: "/?parcels=tiles");
        var requested = new List<string>();
        map.Page.Request += (_, r) => { if (r.Url.Contains("/tiles/WebMercatorQuad/")) lock (requested) requested.Add(r.Url); };
        await FilterAsync(map);
        var painted = await map.TilesDrawnAsync();

        string[] urls;
        lock (requested) urls = [.. requested];
        var last = new Uri(urls.Last());
        var query = System.Web.HttpUtility.ParseQueryString(last.Query);
        Assert.Equal("2014-12-31", query["date"]);
        Assert.Contains("park_code IN ('P-JH')", query["filter"]);
        Assert.Contains("state IN (", query["filter"]);
        Assert.DoesNotContain("'idle'", query["filter"]);

        // What the worker paints is what the server put in the tiles: none outside the park, all
        // parcels of the filter in the whole-zone view (a tile overlap counts a parcel once per tile).
        Assert.InRange(painted, 1, int.MaxValue);
        var matching = (int)(await server.CreateClient().GetJsonAsync("api/parcels/totals?date=2014-12-31&filter=" + Uri.EscapeDataString(Filter(await ShownStates.CodesAsync(server.CreateClient())))))["parcels"]!;
        var everything = (int)(await server.CreateClient().GetJsonAsync("api/parcels/totals"))["parcels"]!;
        Assert.True(painted < everything, $"{painted} painted of {everything} parcels: the filter did not reach the tiles");
        Assert.True(painted >= matching, $"{painted} painted, {matching} match");
        Assert.Empty(map.Errors);
    }
}
