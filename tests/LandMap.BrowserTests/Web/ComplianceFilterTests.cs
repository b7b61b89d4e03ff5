using System.Text.Json.Nodes;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>
/// The compliance filter (tab 筛选): its totals per rule are the API's (/api/planning/compliance/totals),
/// choosing a rule draws exactly the parcels the API lists as failing it (the filter goes to the server
/// as CQL2 on the computed noncompliant_rules, nothing judged in the page), the filter count agrees, and
/// the colouring paints each non-compliant parcel in the colour of the first rule it breaks. On the write
/// server, whose hand-made plan makes T16-PARCEL-1 (plot ratio 2.5 in an M2 zone of at most 2.0) fail plot_ratio_over.
/// </summary>
public sealed class ComplianceFilterTests(LandMapServer server)
{
    private const string Rule = "plot_ratio_over";

    private static double Number(string? text) => double.Parse(text!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Choosing_a_rule_draws_the_parcels_failing_it_with_the_apis_totals_and_colours()
    {
        var ws = await server.WriteServerAsync();
        await HandMadePlan.EnsureAsync(ws);
        var client = ws.CreateClient();
        var totals = await client.GetJsonAsync("api/planning/compliance/totals");
        // The same selection asked another way: the items whose noncompliant_rules name the rule.
        var failing = await client.GetJsonAsync("ogc/collections/parcels/items?limit=10000&filter=" +
            Uri.EscapeDataString($"noncompliant_rules LIKE '%{Rule}%'"));
        var failingCodes = failing["features"]!.AsArray().Select(f => (string)f!["properties"]!["code"]!).Order().ToArray();
        Assert.Contains(HandMadePlan.ParcelCode, failingCodes);

        await using var map = await MapSession.OpenAsync(ws.BaseUrl);
        await map.JsAsync("() => window.landmap.showTab('tab-filters')");
        await map.Page.Locator("[data-testid=compliance-toggle]").ClickAsync();
        await map.JsAsync("() => window.landmap.compliance.state.run");
        var shownTotals = map.Page.Locator("[data-testid=compliance-totals] tbody tr");
        Assert.Equal((int)totals["parcels"]!, int.Parse((await shownTotals.First.GetAttributeAsync("data-count"))!));
        foreach (var row in totals["rules"]!.AsArray())
        {
            var tr = map.Page.Locator($"[data-testid=compliance-totals] tr[data-rule={(string)row!["rule"]!}]");
            Assert.Equal((int)row["parcels"]!, int.Parse((await tr.GetAttributeAsync("data-count"))!));
            Assert.Equal((double)row["areaMu"]!, Number(await tr.GetAttributeAsync("data-mu")), 4);
        }

        await map.Page.Locator("[data-testid=filter-compliance]").SelectOptionAsync(Rule);
        await map.SettledAsync();
        var drawn = await map.JsAsync<string[]>("() => window.landmap.layers.parcels.getLayers().map(l => l.feature.properties.code).sort()");
        Assert.Equal(failingCodes, drawn.Order().ToArray());
        var ruleTotal = totals["rules"]!.AsArray().First(r => (string)r!["rule"]! == Rule)!;
        var count = map.Page.Locator("[data-testid=filter-count]");
        Assert.Equal((int)ruleTotal["parcels"]!, int.Parse((await count.GetAttributeAsync("data-count"))!));
        Assert.Equal((double)ruleTotal["areaMu"]!, Number(await count.GetAttributeAsync("data-mu")), 2);
        await HandMadePlan.FrameAsync(map);

        // Colours: each parcel in the colour of the first rule (the vocabulary's order) it breaks.
        var rules = (await client.GetJsonAsync("api/vocabulary"))["complianceRules"]!.AsArray()
            .OrderBy(r => (int)r!["order"]!).Select(r => ((string)r!["code"]!, (string)r["color"]!)).ToList();
        await map.Page.Locator("[data-testid=compliance-colour]").CheckAsync();
        await map.JsAsync("() => window.landmap.compliance.drawn()");
        var colours = await map.JsAsync<Dictionary<string, string>>("() => window.landmap.compliance.colours()");
        var parcel = failing["features"]!.AsArray().First(f => (string)f!["properties"]!["code"]! == HandMadePlan.ParcelCode)!;
        var broken = ((string)parcel["properties"]!["noncompliant_rules"]!).Split(',');
        Assert.Equal(rules.First(r => broken.Contains(r.Item1)).Item2, colours[HandMadePlan.ParcelCode], ignoreCase: true);
        Assert.True(await map.Page.Locator($"[data-testid=legend-compliance-{Rule}]").IsVisibleAsync());
        await map.ScreenshotAsync("compliance-filter");

        // Cleared with the other filters.
        await map.Page.Locator("[data-testid=filter-reset]").ClickAsync();
        await map.SettledAsync();
        Assert.True(await map.JsAsync<int>("() => window.landmap.layers.parcels.getLayers().length") > failingCodes.Length);
        Assert.Empty(map.Errors);
    }
}
