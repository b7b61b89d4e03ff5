using System.Text.Json;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web;

/// <summary>
/// Issue 17 point 2, numbers and tables: tabular numerals; no figure, word or code broken over two
/// lines in the panels, the legend and the tables; a long value cut off with its whole text in a
/// tooltip while the other columns keep their width; the chart's park names level and whole.
/// </summary>
public sealed class NumbersTablesTests(LandMapServer server)
{
    [Theory]
    [MemberData(nameof(RoomScripts.DesktopAndTablet), MemberType = typeof(RoomScripts))]
    public async Task Figures_words_and_codes_never_break_across_lines_and_a_long_value_is_cut_with_a_tooltip(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        var page = map.Page;
        // A history whose source is one long run of text (a file path as an upload records it): the
        // page's table must keep its other columns readable.
        var longSource = HistoryRoute.LongSource;
        await HistoryRoute.WithLongSourceAsync(page);

        // The biggest parcel (the longest figures) in the side panel, with its history.
        await map.JsAsync("""
            async () => {
              const all = window.landmap.layers.parcels.getLayers().map(l => l.feature);
              const big = all.reduce((a, b) => (a.properties.area_m2 > b.properties.area_m2 ? a : b));
              await window.landmap.select('parcels', big);
            }
            """);
        var history = page.Locator("[data-testid=side-history] tbody tr");
        await history.First.WaitForAsync();
        await map.JsAsync("() => window.landmap.showTab('tab-stats')");
        await map.JsAsync("() => window.landmap.stats.state.run");

        var split = await page.EvaluateAsync<string[]>(RoomScripts.SplitTokens,
            "#side, #legend, [data-testid=filter-count], [data-testid=stats-parks], [data-testid=stats-indicators], [data-testid=stats-evaluation]");
        Assert.True(split.Length == 0, "split over two lines: " + string.Join(" | ", split.Distinct()));

        // Figures in tabular numerals, in the side panel and the tables.
        foreach (var selector in new[] { "#side dd", "[data-testid=side-history] td", "[data-testid=stats-indicators] td" })
            Assert.Contains("tabular-nums", await page.Locator(selector).First.EvaluateAsync<string>("e => getComputedStyle(e).fontVariantNumeric"));

        // The long source is cut off, whole in its tooltip; the other columns keep at least their longest word.
        var cells = await map.JsonAsync("""
            () => {
              const row = document.querySelector('[data-testid=side-history] tbody tr');
              const cells = [...row.cells];
              const last = cells[cells.length - 1];
              return {
                title: last.title, width: last.getBoundingClientRect().width,
                squeezed: cells.slice(0, -1).filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent),
              };
            }
            """);
        Assert.Equal(longSource, cells.GetProperty("title").GetString());
        Assert.True(cells.GetProperty("width").GetDouble() <= 13 * 16, $"the long cell is {cells.GetProperty("width")} px wide");
        Assert.Empty(cells.GetProperty("squeezed").EnumerateArray());
        await map.ScreenshotAsync($"numbers-side-{width}x{height}-{lang}");
        await map.JsAsync("() => { document.getElementById('side').hidden = true; }");
        await map.ScreenshotAsync($"numbers-stats-{width}x{height}-{lang}");
        Assert.Empty(map.Errors);
    }

    [Theory]
    [MemberData(nameof(RoomScripts.DesktopAndTablet), MemberType = typeof(RoomScripts))]
    public async Task The_charts_park_names_are_level_and_whole(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        await map.JsAsync("() => window.landmap.showTab('tab-stats')");
        await map.JsAsync("() => window.landmap.stats.state.run");
        // Every park named, level, whole (its lines no wider than the axis) and apart from the next.
        var chart = await map.JsonAsync("""
            async () => {
              const canvas = document.querySelector('[data-testid=stats-chart]');
              const chart = window.Chart.getChart(canvas);
              const axis = chart.scales[chart.options.indexAxis === 'y' ? 'y' : 'x'];
              const font = typeof axis.options.ticks.font === 'object' ? axis.options.ticks.font : {};
              const ctx = canvas.getContext('2d');
              ctx.font = `${font.size ?? 12}px ${font.family ?? getComputedStyle(canvas).fontFamily}`;
              const labels = chart.data.labels.map(l => [].concat(l));
              const widest = Math.max(...labels.flat().map(line => ctx.measureText(line).width));
              const lines = Math.max(...labels.map(l => l.length));
              const step = (chart.options.indexAxis === 'y' ? axis.height : axis.width) / labels.length;
              return {
                level: chart.options.indexAxis === 'y' || axis.labelRotation === 0,
                whole: chart.options.indexAxis === 'y' ? widest <= axis.width : widest <= step,
                apart: chart.options.indexAxis === 'y' ? lines * (font.size ?? 12) * 1.1 <= step : true,
                labels: labels.map(l => l.join(' ')), ticks: axis.ticks.length,
              };
            }
            """);
        Assert.True(chart.GetProperty("level").GetBoolean(), "park names rotated");
        Assert.True(chart.GetProperty("whole").GetBoolean(), "a park name is wider than its room");
        Assert.True(chart.GetProperty("apart").GetBoolean(), "park names overlap");
        Assert.Equal(chart.GetProperty("labels").GetArrayLength(), chart.GetProperty("ticks").GetInt32());
        if (lang == "en") Assert.Contains(chart.GetProperty("labels").EnumerateArray(), l => l.GetString() == "Oufei Park (reclamation)");
        await map.Page.Locator("[data-testid=stats-chart]").ScreenshotAsync(new() { Path = Path.Combine(MapSession.Screenshots, $"numbers-chart-{width}x{height}-{lang}.png") });
        Assert.Empty(map.Errors);
    }
}
