using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>
/// In feature mode (the page holds the parcels as GeoJSON) the filters are the server's: the page
/// sends them as CQL2 and draws exactly the parcels /api/parcels/shown answers, in the states it
/// gives, so the map agrees with the legend's totals. A predicate over the held properties would
/// go by what the page loaded, not by what the server computes.
/// </summary>
public sealed class ServerSelectionTests(LandMapServer server)
{
    private const string Drawn =
        "() => Object.fromEntries(window.landmap.layers.parcels.getLayers().map(l => [l.feature.properties.code, l.options.className.split(' ').find(c => c.startsWith('lm-status-')).slice(10)]))";

    [Fact]
    public async Task A_state_the_server_computes_after_the_page_loaded_decides_the_filter_not_the_held_properties()
    {
        // The write server's own database: this test changes a parcel's events (and takes the change back).
        var ws = await server.WriteServerAsync();
        var code = await ws.DataSource.ScalarAsync<string>("""
            select p.code from parcels p cross join lateral parcel_state_at(p, current_date) s
            where s.state = 'approved_unsupplied' order by p.code limit 1
            """);
        await using var map = await MapSession.OpenAsync(ws.BaseUrl, path: "/?parcels=features");
        Assert.Equal("approved_unsupplied", (await map.JsAsync<Dictionary<string, string>>(Drawn))[code]);
        var held = await map.JsAsync<string>($"() => window.landmap.data.parcels.find(f => f.properties.code === '{code}').properties.state");
        Assert.Equal("approved_unsupplied", held);

        // Reclaimed since the page loaded: the server computes it 'reclaimed' (parcel_state_at), the page's copy still says otherwise.
        await ws.DataSource.ScalarAsync<int>(
            $"insert into parcel_events (parcel_id, kind, occurred_on, note) select id, 'reclaimed', date '2001-01-01', 'browser test' from parcels where code = '{code}' returning 1");
        var asked = new List<string>();
        map.Page.Request += (_, r) => { if (r.Url.Contains("/api/parcels/shown")) asked.Add(r.Url); };
        try
        {
            await map.JsAsync("() => window.landmap.showTab('tab-filters')");
            await map.Page.Locator("[data-testid=filter-state-approved_unsupplied]").UncheckAsync();
            await map.SettledAsync();

            var drawn = await map.JsAsync<Dictionary<string, string>>(Drawn);
            Assert.True(drawn.ContainsKey(code), $"{code}, reclaimed on the server, was hidden by its held state");
            Assert.Equal("reclaimed", drawn[code]);
            Assert.DoesNotContain("approved_unsupplied", drawn.Values);
            // The map shows exactly what the API answers to the CQL2 the page sent, and what the legend's totals count.
            var api = await ws.CreateClient().GetJsonAsync(new Uri(asked.Last()).PathAndQuery.TrimStart('/'));
            Assert.Contains("filter=", asked.Last());
            Assert.Equal(api["states"]!.AsObject().Select(kv => kv.Key).Order(StringComparer.Ordinal), drawn.Keys.Order(StringComparer.Ordinal));
            Assert.Equal((int)api["parcels"]!, int.Parse((await map.Page.Locator("[data-testid=filter-count]").GetAttributeAsync("data-count"))!));
            Assert.Empty(map.Errors);
        }
        finally
        {
            await ws.DataSource.ScalarAsync<int>(
                $"with d as (delete from parcel_events where note = 'browser test' and parcel_id = (select id from parcels where code = '{code}') returning 1) select count(*)::int from d");
        }
    }

    [Fact]
    public async Task One_request_per_filter_change_and_a_late_answer_to_an_older_filter_is_not_drawn()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, path: "/?parcels=features");
        var asked = new List<string>();
        map.Page.Request += (_, r) => { if (r.Url.Contains("/api/parcels/shown")) asked.Add(r.Url); };
        // The first filter's answer is held back until the second's has been drawn.
        var release = new TaskCompletionSource();
        var first = true;
        await map.Page.RouteAsync("**/api/parcels/shown?*", async route =>
        {
            if (first) { first = false; await release.Task; }
            await route.ContinueAsync();
        });
        await map.JsAsync("() => window.landmap.showTab('tab-filters')");
        await map.Page.Locator("[data-testid=filter-park]").SelectOptionAsync("P-JH");
        await map.Page.Locator("[data-testid=filter-park]").SelectOptionAsync("P-BH");
        await map.Page.WaitForFunctionAsync(
            "() => window.landmap.layers.parcels.getLayers().length > 0 && window.landmap.layers.parcels.getLayers().every(l => l.feature.properties.park_code === 'P-BH')");
        release.SetResult();
        await map.SettledAsync();
        await map.Page.WaitForTimeoutAsync(300);
        var parks = await map.JsAsync<string[]>("() => [...new Set(window.landmap.layers.parcels.getLayers().map(l => l.feature.properties.park_code))]");
        Assert.Equal(["P-BH"], parks);
        Assert.Equal(2, asked.Count); // one per change, none per parcel
        var expected = (int)(await server.CreateClient().GetJsonAsync("api/parcels/totals?filter=" + Uri.EscapeDataString("park_code IN ('P-BH')")))["parcels"]!;
        Assert.Equal(expected, await map.JsAsync<int>("() => window.landmap.layers.parcels.getLayers().length"));
        Assert.Empty(map.Errors);
    }
}
