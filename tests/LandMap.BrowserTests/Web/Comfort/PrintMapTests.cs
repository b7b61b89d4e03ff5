using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web.Comfort;

/// <summary>
/// 出图 (issue 17 point 8): the print preview and the PDF Chromium makes of it, A4 and A3 landscape,
/// at a desk's and a tablet's size, in Chinese and English: title, the current view, the legend
/// with the view's totals (as the server sums them), scale bar and 1:N, north arrow, date, source line.
/// </summary>
public sealed partial class PrintMapTests(LandMapServer server)
{
    // PDF points (1/72 in) of the landscape papers: A4 297 x 210 mm, A3 420 x 297 mm.
    private static readonly Dictionary<string, (double W, double H)> Papers = new()
    {
        ["a4"] = (297 / 25.4 * 72, 210 / 25.4 * 72),
        ["a3"] = (420 / 25.4 * 72, 297 / 25.4 * 72),
    };

    [Theory]
    [ClassData(typeof(DesksAndTablets))]
    public async Task The_print_sheet_holds_title_view_legend_totals_scale_north_date_and_source_on_A4_and_A3(string lang, int width, int height)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        await map.JsAsync("() => window.landmap.map.setView([27.855, 120.745], 14, { animate: false })");
        await map.SettledAsync();
        var viewBefore = await map.JsonAsync("() => { const b = window.landmap.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }");

        await map.Page.Locator("[data-testid=print-open]").ClickAsync();
        await map.JsAsync("() => window.landmap.print.state.ready");
        Assert.True(await map.Page.Locator("[data-testid=print-sheet]").IsVisibleAsync());
        await map.Page.Locator("[data-testid=print-title-input]").FillAsync(lang == "zh" ? "瓯飞园区 用地现状" : "Oufei Park land use");

        foreach (var paper in new[] { "a4", "a3" })
        {
            await map.Page.Locator("[data-testid=print-paper]").SelectOptionAsync(paper);
            await map.JsAsync("() => window.landmap.print.state.ready");

            // The same area as on screen: the sheet's view contains the centre of the view before.
            var sheetView = await map.JsonAsync("() => { const b = window.landmap.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; }");
            var cx = (viewBefore[0].GetDouble() + viewBefore[2].GetDouble()) / 2;
            var cy = (viewBefore[1].GetDouble() + viewBefore[3].GetDouble()) / 2;
            Assert.InRange(cx, sheetView[0].GetDouble(), sheetView[2].GetDouble());
            Assert.InRange(cy, sheetView[1].GetDouble(), sheetView[3].GetDouble());
            Assert.True(await map.Page.Locator("[data-testid=print-map] path.lm-parcel").CountAsync() > 0, "no parcel on the sheet");

            // The legend's totals are the server's for the sheet's view and filters.
            var expected = await map.JsonAsync("async () => window.landmap.viewTotals()");
            var expectedCount = expected.EnumerateObject().Where(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Object).Sum(p => p.Value.GetProperty("n").GetInt32());
            var total = map.Page.Locator("[data-testid=print-legend-total]");
            Assert.Equal(expectedCount.ToString(CultureInfo.InvariantCulture), await total.GetAttributeAsync("data-count"));
            Assert.True(expectedCount > 0);

            var title = await map.Page.Locator("[data-testid=print-title]").InnerTextAsync();
            Assert.Equal(lang == "zh" ? "瓯飞园区 用地现状" : "Oufei Park land use", title);
            var legend = await map.Page.Locator("[data-testid=print-legend]").InnerTextAsync();
            Assert.Contains(lang == "zh" ? "图例" : "Legend", legend);
            Assert.Contains(lang == "zh" ? "合计" : "Total", legend);
            Assert.Contains(lang == "zh" ? "亩" : "mu", legend);
            Assert.True(await map.Page.Locator("[data-testid=print-map] .leaflet-control-scale").IsVisibleAsync(), "no scale bar");
            var scale = await map.Page.Locator("[data-testid=print-scale]").InnerTextAsync();
            Assert.Matches(lang == "zh" ? "比例尺 1:[0-9,]+" : "Scale 1:[0-9,]+", scale);
            Assert.True(await map.Page.Locator("[data-testid=print-north]").IsVisibleAsync(), "no north arrow");
            Assert.Equal(lang == "zh" ? "北" : "N", await map.Page.Locator("[data-testid=print-north] text").TextContentAsync());
            var date = await map.Page.Locator("[data-testid=print-date]").InnerTextAsync();
            var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Contains(today, date);
            Assert.Contains("UTC+8", date);
            var source = await map.Page.Locator("[data-testid=print-source]").InnerTextAsync();
            Assert.Contains(lang == "zh" ? "数据来源" : "Source", source);
            Assert.Contains("LandMap", source);
            await map.ScreenshotAsync($"print-preview-{paper}-{lang}-{width}x{height}");

            // The PDF: one page of the chosen paper, landscape.
            var pdf = await map.Page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true });
            var boxes = MediaBoxes(pdf);
            Assert.Single(boxes);
            Assert.Equal(Papers[paper].W, boxes[0].W, 0.6);
            Assert.Equal(Papers[paper].H, boxes[0].H, 0.6);
            Directory.CreateDirectory(MapSession.Screenshots);
            await File.WriteAllBytesAsync(Path.Combine(MapSession.Screenshots, $"print-{paper}-{lang}-{width}x{height}.pdf"), pdf);
        }

        // Closing gives the map back to the page, at the view it had.
        await map.Page.Keyboard.PressAsync("Escape");
        Assert.False(await map.Page.Locator("[data-testid=print-sheet]").IsVisibleAsync());
        Assert.Equal("main", await map.JsAsync<string>("() => document.getElementById('map').parentElement.className === 'lm-body' ? 'main' : 'elsewhere'"));
        Assert.Empty(map.Errors);
    }

    /// <summary>The page sizes (points) of a PDF, from its /MediaBox entries (Skia writes them uncompressed).</summary>
    private static List<(double W, double H)> MediaBoxes(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        return MediaBox().Matches(text).Select(m => (
            double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) - double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) - double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
    }

    [GeneratedRegex(@"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]")]
    private static partial Regex MediaBox();
}
