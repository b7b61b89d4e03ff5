using System.Text.RegularExpressions;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>Chinese by default, English by the switch: every visible label changes.</summary>
public sealed partial class LanguageTests(LandMapServer server)
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    // Every text node that is rendered, per tab; values that are data (names typed by people)
    // sit in the map and side panel, not in these labels.
    private const string VisibleText = """
        () => {
          const out = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement;
            if (!n.textContent.trim() || !el || el.closest('.leaflet-pane, script, noscript, style, [data-testid=lang-switch]')) continue;
            if (!el.checkVisibility()) continue;
            out.push(n.textContent.trim());
          }
          for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
            // The switch names the other language in that language, as language switches do.
            if (!el.checkVisibility() || el.dataset.testid === 'lang-switch') continue;
            for (const a of ['aria-label', 'title', 'placeholder']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
          }
          return out;
        }
        """;

    [Fact]
    public async Task Switching_to_English_changes_every_visible_label_and_the_choice_is_remembered()
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl);
        Assert.Equal("zh-CN", await map.Page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains("地块", await map.Page.Locator("header").InnerTextAsync());

        await map.Page.Locator("[data-testid=lang-switch]").ClickAsync();
        await map.SettledAsync();
        Assert.Equal("en", await map.Page.Locator("html").GetAttributeAsync("lang"));
        foreach (var tab in new[] { "layers", "filters", "search", "stats", "tools", "upload" })
        {
            await map.Page.Locator($"#tabbtn-{tab}").ClickAsync();
            if (tab == "stats") await map.JsAsync("() => window.landmap.stats.state.run");
            var texts = await map.JsAsync<string[]>(VisibleText);
            var chinese = texts.Where(t => Han().IsMatch(t)).ToList();
            Assert.True(chinese.Count == 0, $"tab {tab}: still Chinese: {string.Join(" | ", chinese)}");
            if (tab is "layers" or "stats") await map.ScreenshotAsync($"english-{tab}");
        }
        Assert.Contains("Parcels", await map.Page.Locator("header").InnerTextAsync());
        Assert.Contains("Parcel states", await map.Page.Locator("#legend").InnerTextAsync());

        // Remembered: a reload comes back in English (the session's init script sets 'zh' only
        // before the first load; here we read what the switch stored).
        Assert.Equal("en", await map.JsAsync<string>("() => localStorage.getItem('landmap.lang')"));
        await map.Page.Locator("[data-testid=lang-switch]").ClickAsync();
        Assert.Contains("地块", await map.Page.Locator("header").InnerTextAsync());
        Assert.Empty(map.Errors);
    }
}
