using System.Text.Json;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>
/// Issue 17 point 3, feedback and keyboard: a filter change keeps the focus where it was; a skip link
/// and one Tab stop for the layer tree (arrow keys inside); search says when the year filter hid
/// parcels and searches every year on request; the stage filter says it acts on key projects and how
/// many it leaves; roads and rivers found by their English names too.
/// </summary>
public sealed class FeedbackKeyboardTests(LandMapServer server)
{
    private const string Focused = "() => document.activeElement?.dataset?.testid ?? document.activeElement?.id ?? document.activeElement?.tagName";

    [Theory]
    [MemberData(nameof(RoomScripts.DesktopAndTablet), MemberType = typeof(RoomScripts))]
    public async Task A_skip_link_leads_to_the_map_and_the_layer_tree_is_one_tab_stop(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;

        // The first Tab reaches the skip link, which takes the keyboard to the map.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-to-map", await map.JsAsync<string>(Focused));
        Assert.True(await page.Locator("[data-testid=skip-to-map]").IsVisibleAsync());
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("map", await map.JsAsync<string>(Focused));

        // The layer tree: Tab enters it once and leaves it with the next Tab; arrows move inside.
        await page.Locator("#tabbtn-layers").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        var stops = 0;
        while (await map.JsAsync<bool>("() => !!document.activeElement.closest('[data-testid=layer-tree]')") && stops < 50)
        {
            stops++;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Equal(1, stops);
        await page.Locator("[data-testid=tree-group-parks]").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("tree-layer-parks", await map.JsAsync<string>(Focused));
        await map.ScreenshotAsync($"feedback-tree-{width}x{height}-{lang}");
        Assert.Empty(map.Errors);
    }

    [Theory]
    [MemberData(nameof(RoomScripts.DesktopAndTablet), MemberType = typeof(RoomScripts))]
    public async Task A_filter_or_switch_changed_by_keyboard_keeps_the_focus(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;
        await page.Locator("[data-testid=tree-layer-parks]").FocusAsync();
        await page.Keyboard.PressAsync("Space"); // switched off: the tree redraws, the focus stays
        await map.SettledAsync();
        Assert.Equal("tree-layer-parks", await map.JsAsync<string>(Focused));

        // Filters: a park chosen by keyboard, a state switched by Space: the focus stays on each control.
        await map.JsAsync("() => window.landmap.showTab('tab-filters')");
        await page.Locator("[data-testid=filter-park]").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await map.SettledAsync();
        Assert.NotEqual("", await map.JsAsync<string>("() => document.querySelector('[data-testid=filter-park]').value"));
        Assert.Equal("filter-park", await map.JsAsync<string>(Focused));
        await page.Locator("[data-testid=filter-state-idle]").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await map.SettledAsync();
        Assert.Equal("filter-state-idle", await map.JsAsync<string>(Focused));
        await map.ScreenshotAsync($"feedback-focus-{width}x{height}-{lang}");
        Assert.Empty(map.Errors);
    }

    [Theory]
    [MemberData(nameof(RoomScripts.DesktopAndTablet), MemberType = typeof(RoomScripts))]
    public async Task Search_says_the_year_filter_hid_a_parcel_and_finds_it_in_all_years(int width, int height, string lang)
    {
        // A parcel approved in 2015: not among the parcels of the end of 2012.
        var later = await server.CreateClient().GetJsonAsync("ogc/collections/parcels/items?limit=1&filter=" +
                                                             Uri.EscapeDataString("approved_on > DATE('2014-12-31')"));
        var code = (string)later["features"]![0]!["properties"]!["code"]!;
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;
        await map.JsAsync("() => window.landmap.filters.set({ year: 2012 })");
        await map.SettledAsync();
        await page.Locator("#tabbtn-search").ClickAsync();
        await page.Locator("[data-testid=search-input]").FillAsync(code);
        await page.Locator("[data-testid=search-input]").PressAsync("Enter");
        var note = page.Locator("[data-testid=search-year-note]");
        await note.WaitForAsync();
        Assert.Contains("2012", await note.InnerTextAsync());
        Assert.Equal(0, await page.Locator("[data-testid=search-none]").CountAsync());
        await page.Locator("[data-testid=search-all-years]").ClickAsync();
        var found = page.Locator($"[data-testid=search-result-parcels][data-code='{code}']");
        await found.WaitForAsync();
        await map.ScreenshotAsync($"feedback-search-years-{width}x{height}-{lang}");
        await found.ClickAsync();
        Assert.Equal(code, await page.Locator("[data-testid=side-panel]").GetAttributeAsync("data-code"));
        Assert.Empty(map.Errors);
    }

    [Theory]
    [MemberData(nameof(RoomScripts.DesktopAndTablet), MemberType = typeof(RoomScripts))]
    public async Task The_stage_filter_says_it_filters_key_projects_and_how_many_are_shown(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;
        await map.JsAsync("() => window.landmap.showTab('tab-filters')");
        var note = page.Locator("[data-testid=filter-stage-note]");
        Assert.Contains(lang == "en" ? "not parcels" : "不筛选地块", await note.InnerTextAsync());
        await page.Locator("[data-testid=filter-stage]").FocusAsync();
        await page.Locator("[data-testid=filter-stage]").SelectOptionAsync("in_operation");
        await map.SettledAsync();
        var drawn = await page.Locator("path.lm-project").CountAsync();
        var api = await server.CreateClient().GetJsonAsync("ogc/collections/projects/items?limit=100&filter=" + Uri.EscapeDataString("stage = 'in_operation'"));
        Assert.Equal(api["features"]!.AsArray().Count, drawn);
        Assert.Equal(drawn.ToString(), await note.GetAttributeAsync("data-projects"));
        Assert.Contains(drawn.ToString(), await note.InnerTextAsync());
        Assert.Contains(drawn.ToString(), await page.Locator("[data-testid=filter-count]").InnerTextAsync());
        Assert.Equal("filter-stage", await map.JsAsync<string>(Focused));
        await map.ScreenshotAsync($"feedback-stage-{width}x{height}-{lang}");
        Assert.Empty(map.Errors);
    }

    [Theory]
    [MemberData(nameof(RoomScripts.DesktopAndTablet), MemberType = typeof(RoomScripts))]
    public async Task Roads_and_rivers_are_found_by_their_English_and_Chinese_names(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;
        var roads = await server.CreateClient().GetJsonAsync("ogc/collections/roads/items?limit=100");
        var rivers = await server.CreateClient().GetJsonAsync("ogc/collections/rivers/items?limit=100");
        var road = roads["features"]!.AsArray().First(f => (string?)f!["properties"]!["name_en"] == "Binhai 3rd Road")!["properties"]!;
        var river = rivers["features"]!.AsArray().First(f => (string?)f!["properties"]!["name_en"] == "Tianhe River")!["properties"]!;
        Assert.Equal("滨海三路", (string)road["name"]!);

        await page.Locator("#tabbtn-search").ClickAsync();
        foreach (var (kind, p) in new[] { ("roads", road), ("rivers", river) })
        {
            foreach (var q in new[] { (string)p["name_en"]!, ((string)p["name_en"]!).ToLowerInvariant(), (string)p["name"]! })
            {
                var found = await page.EvaluateAsync<JsonElement>("q => window.landmap.search.search(q)", q);
                Assert.Contains(found.EnumerateArray(), r => r.GetProperty("kind").GetString() == kind && r.GetProperty("code").GetString() == (string)p["code"]!);
            }
        }
        // Picked: the panel names the road in the page's language.
        await page.EvaluateAsync("q => window.landmap.search.search(q)", "Binhai 3rd Road");
        await page.Locator($"[data-testid=search-result-roads][data-code='{(string)road["code"]!}']").ClickAsync();
        var title = await page.Locator("[data-testid=side-title]").InnerTextAsync();
        Assert.Equal(lang == "en" ? "Binhai 3rd Road" : "滨海三路", title);
        await map.ScreenshotAsync($"feedback-road-search-{width}x{height}-{lang}");
        Assert.Empty(map.Errors);
    }
}
