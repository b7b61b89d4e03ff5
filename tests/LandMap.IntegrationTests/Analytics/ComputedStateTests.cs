using System.Net;
using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;
using LandMap.Tests.Tiles;

namespace LandMap.Tests.Analytics;

/// <summary>
/// The computed <c>state</c> the OGC items and the vector tiles carry next to the recorded
/// <c>status</c>, on the hand-made parcels, against what /api/parcels/states says today (both on
/// the zone's date). T1-D is recorded in_use but has been idle by the halted rule since 2020-06-30;
/// T1-B is recorded supplied_unused and has been idle since 2020-07-01; neither is determined
/// (认定), so both are suspected_idle, while T1-R, determined in 2017, is idle.
/// </summary>
[Collection(AnalyticsSite.Name)]
public sealed class ComputedStateTests(AnalyticsSite site)
{
    private const string Items = "ogc/collections/parcels/items";

    /// <summary>Every parcel's state today by code, from the lifecycle route.</summary>
    private async Task<Dictionary<string, string?>> StatesTodayAsync()
    {
        var r = await site.Client.GetJsonAsync("api/parcels/states");
        return r["parcels"]!.AsArray().ToDictionary(p => (string)p!["code"]!, p => (string?)p!["state"]);
    }

    private async Task<JsonArray> FeaturesAsync(string query)
    {
        var r = await site.Client.GetJsonAsync($"{Items}?limit=1000&{query}");
        return r["features"]!.AsArray();
    }

    private static HashSet<string> Codes(JsonArray features) =>
        features.Select(f => (string)f!["properties"]!["code"]!).ToHashSet();

    [Fact]
    public async Task An_item_recorded_in_use_but_idle_by_the_rules_shows_both()
    {
        var f = Assert.Single(await FeaturesAsync("filter=" + Uri.EscapeDataString("code = 'T1-D'")));
        Assert.Equal("in_use", (string?)f!["properties"]!["status"]);
        Assert.Equal("suspected_idle", (string?)f["properties"]!["state"]);
        var one = await site.Client.GetJsonAsync($"{Items}/{(long)f["id"]!}");
        Assert.Equal("in_use", (string?)one["properties"]!["status"]);
        Assert.Equal("suspected_idle", (string?)one["properties"]!["state"]);
        // Read asOf a moment (here: now, the rows are new), the state is taken on that moment's zone date.
        var asOf = Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"));
        var then = Assert.Single(await FeaturesAsync($"asOf={asOf}&filter=" + Uri.EscapeDataString("code = 'T1-D'")));
        Assert.Equal(("in_use", "suspected_idle"), ((string?)then!["properties"]!["status"], (string?)then["properties"]!["state"]));
        // A parcel whose record agrees with its dates shows the same value twice.
        var a = Assert.Single(await FeaturesAsync("filter=" + Uri.EscapeDataString("code = 'T1-A'")));
        Assert.Equal(("in_use", "in_use"), ((string?)a!["properties"]!["status"], (string?)a["properties"]!["state"]));
    }

    [Fact]
    public async Task Every_item_carries_the_state_the_lifecycle_route_gives_today()
    {
        var states = await StatesTodayAsync();
        var features = await FeaturesAsync("properties=code,state");
        Assert.Equal(HandMadeLand.Parcels.Length, features.Count);
        foreach (var f in features)
            Assert.Equal(states[(string)f!["properties"]!["code"]!], (string?)f["properties"]!["state"]);
        // The hand-made zone has drifted from its records by today: at least T1-B and T1-D.
        Assert.Contains(features, f => (string?)f!["properties"]!["state"] == "suspected_idle"
                                       && HandMadeLand.Get((string)f["properties"]!["code"]!).Status != "idle");
    }

    [Theory]
    [InlineData("cql2-text", "state = 'suspected_idle'")]
    [InlineData("cql2-json", """{"op":"=","args":[{"property":"state"},"suspected_idle"]}""")]
    public async Task A_state_filter_returns_exactly_the_parcels_the_lifecycle_route_calls_suspected_idle(string lang, string filter)
    {
        var idle = (await StatesTodayAsync()).Where(kv => kv.Value == "suspected_idle").Select(kv => kv.Key).ToHashSet();
        Assert.Contains("T1-D", idle);
        Assert.Contains("T1-B", idle);
        var found = Codes(await FeaturesAsync($"filter-lang={lang}&filter={Uri.EscapeDataString(filter)}"));
        Assert.Equal(idle.Order(), found.Order());
        // The recorded status misses the parcels that became idle by the rules.
        var recorded = Codes(await FeaturesAsync("filter=" + Uri.EscapeDataString("status = 'suspected_idle'")));
        Assert.NotEqual(idle.Order(), recorded.Order());
    }

    [Fact]
    public async Task State_in_a_list_and_a_bbox_narrow_together_and_sortby_state_orders_by_it()
    {
        var states = await StatesTodayAsync();
        var wanted = states.Where(kv => kv.Value is "suspected_idle" or "in_use").Select(kv => kv.Key).Order().ToList();
        var found = Codes(await FeaturesAsync("filter=" + Uri.EscapeDataString("state IN ('suspected_idle', 'in_use')")));
        Assert.Equal(wanted, found.Order());
        // With a bbox over the whole zone the same set: the box narrows first, the state after.
        var boxed = Codes(await FeaturesAsync("bbox=120,27,122,29&filter=" + Uri.EscapeDataString("state IN ('suspected_idle', 'in_use')")));
        Assert.Equal(wanted, boxed.Order());

        // sortby=state pages through every parcel in state order (nulls last), 5 a page.
        var order = new List<string?>();
        var next = $"{Items}?sortby=state&limit=5&properties=code,state";
        while (next is not null)
        {
            var page = await site.Client.GetJsonAsync(next);
            order.AddRange(page["features"]!.AsArray().Select(f => (string?)f!["properties"]!["state"]));
            next = page["links"]!.AsArray().Where(l => (string?)l!["rel"] == "next").Select(l => (string?)l!["href"]).FirstOrDefault();
        }
        Assert.Equal(states.Values.OrderBy(s => s ?? "\uffff", StringComparer.Ordinal), order);
    }

    [Fact]
    public async Task The_queryables_describe_state_as_computed_and_read_only_and_status_as_recorded()
    {
        var q = await site.Client.GetJsonAsync("ogc/collections/parcels/queryables");
        var state = q["properties"]!["state"]!;
        Assert.Equal("string", (string?)state["type"]);
        Assert.True((bool)state["readOnly"]!);
        Assert.Contains("computed", (string)state["description"]!, StringComparison.OrdinalIgnoreCase);
        var status = q["properties"]!["status"]!;
        Assert.Null(status["readOnly"]);
        Assert.Contains("recorded", (string)status["description"]!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_tiles_parcels_carry_the_state_the_lifecycle_route_gives_today()
    {
        var states = await StatesTodayAsync();
        var d = Assert.Single(await FeaturesAsync("filter=" + Uri.EscapeDataString("code = 'T1-D'")));
        var corner = d!["geometry"]!["coordinates"]![0]![0]![0]!;
        const int z = 12;
        var (x, y) = Slippy.TileAt((double)corner[0]!, (double)corner[1]!, z);
        using var response = await site.Client.GetAsync($"ogc/collections/parcels/tiles/WebMercatorQuad/{z}/{y}/{x}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var features = (await Mvt.ReadLayerAsync(await response.Content.ReadAsByteArrayAsync(), z, x, y, "parcels"))!;
        Assert.True(features.Count >= 10, $"the tile should hold most hand-made parcels; it has {features.Count}");
        foreach (var f in features)
        {
            var p = f!["properties"]!;
            // A null state travels as no attribute at all (ST_AsMVT leaves nulls out).
            Assert.Equal(states[(string)p["code"]!], (string?)p["state"]);
        }
        var t1d = features.Single(f => (string?)f!["properties"]!["code"] == "T1-D")!["properties"]!;
        Assert.Equal(("in_use", "suspected_idle"), ((string?)t1d["status"], (string?)t1d["state"]));
    }
}
