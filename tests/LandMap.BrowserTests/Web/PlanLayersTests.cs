using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>The plan on the map (issue 16): plan zones in force on the map's date coloured by planned
/// use, control lines and protected areas by kind, switched from the layer tree, with legend entries
/// in Chinese and English. On the write server, over the hand-made plan (<see cref="HandMadePlan"/>).</summary>
public sealed class PlanLayersTests(LandMapServer server)
{
    private const string DrawnCodes =
        "id => window.landmap.plan.layers[id].getLayers().map(l => l.feature.properties.code).filter(c => c.startsWith('T16-')).sort()";

    private static Task<string> FillOfAsync(MapSession map, string id, string code) => map.Page.EvaluateAsync<string>(
        "([id, code]) => window.landmap.plan.layers[id].getLayers().find(l => l.feature.properties.code === code)?.options.fillColor ?? ''",
        new[] { id, code });

    private static async Task SettledPlanAsync(MapSession map)
    {
        await map.SettledAsync();
        await map.JsAsync("() => window.landmap.plan.ready()");
    }

    [Fact]
    public async Task The_plan_layers_are_off_at_first_switch_on_from_the_tree_follow_the_date_and_have_legend_entries_in_both_languages()
    {
        var ws = await server.WriteServerAsync();
        await HandMadePlan.EnsureAsync(ws);
        var vocabulary = await ws.CreateClient().GetJsonAsync("api/vocabulary");
        var m2Colour = (string?)vocabulary["landUse"]!["codes"]!.AsArray()
            .First(c => (string?)c!["code"] == "M2" && (string?)c["edition"] == "GB 50137-2011")!["color"];
        var redColour = (string?)vocabulary["controlLineKinds"]!.AsArray().First(k => (string?)k!["code"] == "red")!["color"];
        Assert.False(string.IsNullOrEmpty(m2Colour), "the vocabulary gives M2 (GB 50137) a colour");
        Assert.False(string.IsNullOrEmpty(redColour), "the vocabulary gives the red line a colour");

        var requests = new List<string>();
        await using var map = await MapSession.OpenAsync(ws.BaseUrl);
        map.Page.Request += (_, r) => { if (r.Url.Contains("/collections/plan_zones/")) requests.Add(r.Url); };
        // Off by default: nothing drawn, nothing asked, no legend section.
        Assert.Equal(0, await map.Page.Locator("path.lm-plan-zone, path.lm-control-line, path.lm-protected-area").CountAsync());
        Assert.Equal(0, await map.Page.Locator("[data-testid^=legend-plan-], [data-testid^=legend-control-]").CountAsync());
        Assert.False(await map.Page.Locator("[data-testid=tree-group-planning]").IsCheckedAsync());

        await map.Page.Locator("[data-testid=tree-group-planning]").CheckAsync();
        await SettledPlanAsync(map);
        await HandMadePlan.FrameAsync(map);
        // Today the 2015 edition is in force, not the repealed 2010 one.
        Assert.Equal(["T16-PZ-G1", "T16-PZ-M2"], await map.Page.EvaluateAsync<string[]>(DrawnCodes, "plan_zones"));
        Assert.Equal(["T16-CL-RED"], await map.Page.EvaluateAsync<string[]>(DrawnCodes, "control_lines"));
        Assert.Equal(["T16-PA-FARM"], await map.Page.EvaluateAsync<string[]>(DrawnCodes, "protected_areas"));
        Assert.Single(requests);
        Assert.Equal(m2Colour, await FillOfAsync(map, "plan_zones", "T16-PZ-M2"), ignoreCase: true);
        Assert.Equal(redColour, await FillOfAsync(map, "control_lines", "T16-CL-RED"), ignoreCase: true);
        Assert.Equal("url(#lm-hatch-basic_farmland)", await FillOfAsync(map, "protected_areas", "T16-PA-FARM"));
        Assert.Contains("二类工业用地", await map.Page.Locator("[data-testid=legend-plan-M2]").InnerTextAsync());
        Assert.Contains("道路红线", await map.Page.Locator("[data-testid=legend-control-red]").InnerTextAsync());
        Assert.Contains("永久基本农田", await map.Page.Locator("[data-testid=legend-protected-basic_farmland]").InnerTextAsync());
        Assert.True(await map.Page.Locator("[data-testid=tree-plan_zones-M2]").IsCheckedAsync());
        await map.ScreenshotAsync("plan-layers-zh");

        // A use switched off in the tree: its zones go, the others stay.
        await map.Page.Locator("[data-testid=tree-plan_zones-M2]").UncheckAsync();
        await SettledPlanAsync(map);
        Assert.Equal(["T16-PZ-G1"], await map.Page.EvaluateAsync<string[]>(DrawnCodes, "plan_zones"));
        await map.Page.Locator("[data-testid=tree-plan_zones-M2]").CheckAsync();

        // The end of 2012: the 2010 edition (R2) was in force, the 2015 one not yet; the farmland not yet designated.
        await map.JsAsync("() => window.landmap.filters.set({ year: 2012 })");
        await SettledPlanAsync(map);
        Assert.Equal(["T16-PZ-R2-OLD"], await map.Page.EvaluateAsync<string[]>(DrawnCodes, "plan_zones"));
        Assert.Empty(await map.Page.EvaluateAsync<string[]>(DrawnCodes, "protected_areas"));
        Assert.Contains("2012-12-31", await map.Page.Locator("[data-testid=plan-date]").InnerTextAsync());
        await map.JsAsync("() => window.landmap.filters.set({ year: null })");
        await SettledPlanAsync(map);

        // One layer off: its shapes and legend section go.
        await map.Page.Locator("[data-testid=tree-layer-control_lines]").UncheckAsync();
        await SettledPlanAsync(map);
        Assert.Equal(0, await map.Page.Locator("path.lm-control-line").CountAsync());
        Assert.Equal(0, await map.Page.Locator("[data-testid=legend-control-red]").CountAsync());
        Assert.True(await map.Page.Locator("path.lm-plan-zone").CountAsync() > 0);
        await map.Page.Locator("[data-testid=tree-layer-control_lines]").CheckAsync();
        await SettledPlanAsync(map);

        // English: the tree and the legend in the vocabulary's English names.
        await map.Page.Locator("[data-testid=lang-switch]").ClickAsync();
        await SettledPlanAsync(map);
        Assert.Contains("Class 2 industrial land", await map.Page.Locator("[data-testid=legend-plan-M2]").InnerTextAsync());
        Assert.Contains("Road red line", await map.Page.Locator("[data-testid=legend-control-red]").InnerTextAsync());
        Assert.Contains("Permanent basic farmland", await map.Page.Locator("[data-testid=legend-protected-basic_farmland]").InnerTextAsync());
        Assert.Contains("Planning", await map.Page.Locator("[data-testid=layer-tree]").InnerTextAsync());
        await map.ScreenshotAsync("plan-layers-en");
        Assert.Empty(map.Errors);
    }
}
