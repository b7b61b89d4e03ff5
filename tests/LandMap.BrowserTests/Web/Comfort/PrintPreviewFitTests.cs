using LandMap.Tests.Infrastructure;

namespace LandMap.Tests.Web.Comfort;

/// <summary>
/// 出图 on a tablet (issue 17's gap): the on-screen preview scales the whole A4 or A3 sheet into the
/// window instead of scrolling, at a desk's size and a tablet's in landscape and portrait, while the
/// sheet's own layout (what is printed: <see cref="PrintMapTests"/> checks the PDF) keeps its size.
/// </summary>
public sealed class PrintPreviewFitTests(LandMapServer server)
{
    [Theory]
    [MemberData(nameof(RoomScripts.WithPortrait), MemberType = typeof(RoomScripts))]
    public async Task The_preview_shows_the_whole_sheet_in_the_window_without_scrolling(int width, int height, string lang)
    {
        await using var map = await MapSession.OpenAsync(server.BaseUrl, lang, width, height);
        await map.Page.Locator("[data-testid=print-open]").ClickAsync();
        await map.JsAsync("() => window.landmap.print.state.ready");
        foreach (var paper in new[] { "a4", "a3" })
        {
            await map.Page.Locator("[data-testid=print-paper]").SelectOptionAsync(paper);
            await map.JsAsync("() => window.landmap.print.state.ready");
            var fit = await map.JsonAsync("""
                () => {
                  const sheet = document.getElementById('print-sheet'), page = document.querySelector('[data-testid=print-page]');
                  const r = page.getBoundingClientRect(), bar = document.querySelector('[data-testid=print-toolbar]').getBoundingClientRect();
                  return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, barBottom: bar.bottom,
                           scroll: [sheet.scrollWidth, sheet.clientWidth, sheet.scrollHeight, sheet.clientHeight],
                           layoutWidthMm: page.offsetWidth / 96 * 25.4, shown: r.width / page.offsetWidth };
                }
                """);
            Assert.True(fit.GetProperty("left").GetDouble() >= 0 && fit.GetProperty("right").GetDouble() <= width,
                $"{paper}: the sheet spans x {fit.GetProperty("left")}..{fit.GetProperty("right")} in a {width} px window");
            Assert.True(fit.GetProperty("top").GetDouble() >= fit.GetProperty("barBottom").GetDouble() && fit.GetProperty("bottom").GetDouble() <= height,
                $"{paper}: the sheet spans y {fit.GetProperty("top")}..{fit.GetProperty("bottom")} under a toolbar ending at {fit.GetProperty("barBottom")} in a {height} px window");
            var scroll = fit.GetProperty("scroll");
            Assert.True(scroll[0].GetDouble() <= scroll[1].GetDouble() && scroll[2].GetDouble() <= scroll[3].GetDouble(),
                $"{paper}: the preview scrolls ({scroll})");
            // The printed layout keeps its size (281 or 404 mm wide); only the preview is scaled, never up.
            Assert.Equal(paper == "a4" ? 281 : 404, fit.GetProperty("layoutWidthMm").GetDouble(), 1);
            Assert.InRange(fit.GetProperty("shown").GetDouble(), 0.2, 1.0001);
            await map.ScreenshotAsync($"print-fit-{paper}-{width}x{height}-{lang}");
        }
        Assert.Empty(map.Errors);
    }
}
