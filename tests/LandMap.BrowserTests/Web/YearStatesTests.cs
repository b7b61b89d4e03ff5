using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>The year slider draws the API's states at the year's end (/api/parcels/shown, one request)
/// and works out none of its own: a halted project's parcel is idle when the API says so, and the
/// page draws exactly the parcels and states the API answers, never a state made up from dates.</summary>
public sealed class YearStatesTests(LandMapServer server)
{
    private const string DrawnStates =
        "() => Object.fromEntries(window.landmap.layers.parcels.getLayers().map(l => [l.feature.properties.code, [...l._path.classList].find(c => c.startsWith('lm-status-')).slice(10)]))";

    private static async Task SlideToAsync(MapSession map, string year)
    {
        await map.JsAsync("() => window.landmap.showTab('tab-filters')");
        await map.Page.Locator("[data-testid=filter-year]").FillAsync(year);
        await map.SettledAsync();
    }

    [Fact]
    public async Task A_parcel_idle_by_the_halted_rule_is_drawn_idle_at_that_year()
    {
        // The first year end at which some parcel is idle by the halted rule, as the API computes it.
        var client = server.CreateClient();
        (string Year, string Code)? found = null;
        for (var year = 2012; year <= 2020 && found is null; year++)
        {
            var states = await client.GetJsonAsync($"api/parcels/states?date={year}-12-31");
            var halted = states["parcels"]!.AsArray().FirstOrDefault(p => (string?)p!["idleRule"] == "halted" && (string?)p!["state"] == "idle");
            if (halted is not null) found = (year.ToString(), (string)halted["code"]!);
        }
        Assert.True(found is not null, "no parcel of the sample is idle by the halted rule at any year end 2012-2020");

        var requests = new List<string>();
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        map.Page.Request += (_, r) => { if (r.Url.Contains("/api/parcels/shown")) requests.Add(r.Url); };
        await SlideToAsync(map, found.Value.Year);
        var drawn = await map.JsAsync<Dictionary<string, string>>(DrawnStates);
        Assert.Equal("idle", drawn[found.Value.Code]);
        Assert.Contains($"date={found.Value.Year}-12-31", Assert.Single(requests)); // one request for the year, not one per parcel
        Assert.Empty(map.Errors);
    }

    /// <summary>In tile mode from z17 the parcels are features fetched with the year's date: each is drawn
    /// by the state the API gives it on that date, not by its record.</summary>
    [Fact]
    public async Task In_tile_mode_at_z17_a_parcel_is_drawn_by_the_apis_state_at_the_year()
    {
        var client = server.CreateClient();
        var states = (await client.GetJsonAsync("api/parcels/states?date=2014-12-31"))["parcels"]!.AsArray()
            .Where(p => p!["state"] is not null).ToDictionary(p => (string)p!["code"]!, p => (string)p!["state"]!);
        var items = await client.GetJsonAsync("ogc/collections/parcels/items?limit=10000&properties=code,status,area_m2&sortby=-area_m2");
        var target = items["features"]!.AsArray().Select(f => f!)
            .First(f => states.TryGetValue((string)f["properties"]!["code"]!, out var state) && state != (string?)f["properties"]!["status"]);
        var code = (string)target["properties"]!["code"]!;
        var ring = target["geometry"]!["coordinates"]![0]![0]!.AsArray();
        var (lon, lat) = (ring.Average(p => (double)p![0]!), ring.Average(p => (double)p![1]!)); // GeoJSON: lon, lat

        await using var map = await MapSession.OpenAsync(server.BaseUrl, path: "/?parcels=tiles");
        await SlideToAsync(map, "2014");
        await map.JsAsync($"() => window.landmap.map.setView([{lat}, {lon}], 17, {{ animate: false }})"); // Leaflet: lat, lon
        await map.Page.WaitForFunctionAsync($"() => window.landmap.data.parcels.some(f => f.properties.code === '{code}')");
        await map.SettledAsync();
        // By the style each layer was given (its SVG path may not exist yet for parcels off the view).
        var drawn = await map.JsAsync<Dictionary<string, string>>(
            "() => Object.fromEntries(window.landmap.layers.parcels.getLayers().map(l => [l.feature.properties.code, l.options.className.split(' ').find(c => c.startsWith('lm-status-')).slice(10)]))");
        Assert.True(drawn.ContainsKey(code), $"{code} is not drawn at z17 ({drawn.Count} parcels drawn)");
        Assert.Equal(states[code], drawn[code]);
        Assert.Empty(map.Errors);
    }

    [Fact]
    public async Task The_page_draws_exactly_the_parcels_and_states_the_API_answers_not_a_state_worked_out_in_the_page()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        // The API's answer changed on its way: one parcel left out, every other in_use. The page, which
        // holds every parcel with its dates and records, has nothing to go by but the answer.
        string? left = null;
        await map.Page.RouteAsync("**/api/parcels/shown?*", async route =>
        {
            var response = await route.FetchAsync();
            var body = JsonNode.Parse(await response.TextAsync())!;
            var states = body["states"]!.AsObject();
            left = states.First().Key;
            states.Remove(left);
            foreach (var code in states.Select(kv => kv.Key).ToList()) states[code] = "in_use";
            await route.FulfillAsync(new() { Response = response, Body = body.ToJsonString() });
        });
        await SlideToAsync(map, "2014");
        var drawn = await map.JsAsync<Dictionary<string, string>>(DrawnStates);
        Assert.True(drawn.Count > 900, $"only {drawn.Count} parcels drawn");
        Assert.DoesNotContain(left!, drawn.Keys);
        Assert.All(drawn.Values, state => Assert.Equal("in_use", state));
        Assert.Empty(map.Errors);
    }
}
