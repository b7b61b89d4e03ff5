namespace LandMap.Tests.Web;

/// <summary>
/// Page-side checks of the map's room and text (issue 17), shared by its browser tests. Each is a
/// JavaScript function for <c>page.EvaluateAsync</c>.
/// </summary>
internal static class RoomScripts
{
    /// <summary>The sizes a planner uses: a desktop, a tablet in landscape (and, for the layout, in portrait).</summary>
    public static TheoryData<int, int, string> DesktopAndTablet => new()
    {
        { 1600, 1000, "zh" }, { 1600, 1000, "en" }, { 1024, 768, "zh" }, { 1024, 768, "en" },
    };

    /// <summary><see cref="DesktopAndTablet"/> and a tablet in portrait.</summary>
    public static TheoryData<int, int, string> WithPortrait => new()
    {
        { 1600, 1000, "zh" }, { 1600, 1000, "en" }, { 1024, 768, "zh" }, { 1024, 768, "en" }, { 768, 1024, "zh" }, { 768, 1024, "en" },
    };

    /// <summary><see cref="WithPortrait"/> and a phone (390x844, as an iPhone 12-15) in portrait and landscape.</summary>
    public static TheoryData<int, int, string> WithPhones => new()
    {
        { 1600, 1000, "zh" }, { 1600, 1000, "en" }, { 1024, 768, "zh" }, { 1024, 768, "en" }, { 768, 1024, "zh" }, { 768, 1024, "en" },
        { 390, 844, "zh" }, { 390, 844, "en" }, { 844, 390, "zh" }, { 844, 390, "en" },
    };

    /// <summary>Phones alone, portrait and landscape.</summary>
    public static TheoryData<int, int, string> Phones => new()
    {
        { 390, 844, "zh" }, { 390, 844, "en" }, { 844, 390, "zh" }, { 844, 390, "en" },
    };

    /// <summary>
    /// () => the parts of the map nothing lies over, as { beside, above, viewWidth, viewHeight }: the
    /// map's box less the tools panel and the feature panel (real boxes; one as tall as the map cuts
    /// its side, one at the bottom cuts from below), then the legend in its corner leaves the strip
    /// beside it and the strip above it (both the whole rest when it is not over the map).
    /// </summary>
    public const string FreeRoom = """
        () => {
          const m = document.getElementById('map').getBoundingClientRect();
          let left = m.left, right = m.right, top = m.top, bottom = m.bottom;
          const visible = (el) => el && el.checkVisibility() && el.getBoundingClientRect().width > 0;
          const boxes = [...document.querySelectorAll('#panel, #side')].filter(visible).map(el => el.getBoundingClientRect())
            .filter(r => !(r.right <= m.left || r.left >= m.right || r.bottom <= m.top || r.top >= m.bottom));
          const tall = (r) => r.top <= m.top + 1 && r.bottom >= m.bottom - 1;
          for (const r of boxes.filter(tall)) {
            if (r.left - m.left <= m.right - r.right) left = Math.max(left, r.right); else right = Math.min(right, r.left);
          }
          for (const r of boxes.filter(r => !tall(r))) {
            if (r.bottom >= m.bottom - 1) bottom = Math.min(bottom, r.top); else top = Math.max(top, r.bottom);
          }
          const width = Math.max(0, right - left), height = Math.max(0, bottom - top);
          let beside = { width, height }, above = { width, height };
          const legend = document.getElementById('legend');
          if (visible(legend)) {
            const g = legend.getBoundingClientRect();
            if (g.right > left && g.left < right && g.bottom > top && g.top < bottom) {
              beside = { width: Math.max(0, g.left - left), height };
              above = { width, height: Math.max(0, g.top - top) };
            }
          }
          return { beside, above, viewWidth: window.innerWidth, viewHeight: window.innerHeight };
        }
        """;

    /// <summary>Whether <see cref="FreeRoom"/>'s answer leaves a part of the map at least
    /// <paramref name="widthShare"/> of the window wide (half by default) and a third of it high; and
    /// that part, to say in a failure.</summary>
    public static (bool Roomy, string Said) Roomy(System.Text.Json.JsonElement free, double widthShare = 0.5)
    {
        double viewW = free.GetProperty("viewWidth").GetDouble(), viewH = free.GetProperty("viewHeight").GetDouble();
        var parts = new[] { free.GetProperty("beside"), free.GetProperty("above") }
            .Select(p => (W: p.GetProperty("width").GetDouble(), H: p.GetProperty("height").GetDouble())).ToList();
        var roomy = parts.Any(p => p.W >= widthShare * viewW && p.H >= viewH / 3);
        return (roomy, $"map left {string.Join(" or ", parts.Select(p => $"{p.W:0}x{p.H:0}"))} of {viewW:0}x{viewH:0}");
    }

    /// <summary>() => the map's own buttons (zoom, 出图, the legend's toggle, a basemap note's button)
    /// smaller than 44x44 CSS px, the touch target WCAG 2.5.5 and Apple's guidelines ask for.</summary>
    public const string SmallTouchTargets = """
        () => [...document.querySelectorAll('.lm-map .leaflet-control:not(.leaflet-control-attribution) a, .lm-map .leaflet-control button, .lm-map .lm-legend summary')]
          .filter((el) => el.checkVisibility())
          .map((el) => [el, el.getBoundingClientRect()])
          .filter(([, r]) => r.width < 44 - 0.5 || r.height < 44 - 0.5)
          .map(([el, r]) => `${el.dataset.testid ?? el.className ?? el.tagName} ${Math.round(r.width)}x${Math.round(r.height)}`)
        """;

    /// <summary>
    /// (selector) => the figures, words and codes under the matching elements that the layout split
    /// over two lines ("2,995,98 / 3", "loade / r", "WZKF- / JH-0001"): every visible text node's
    /// tokens measured with a Range, a token on more than one line reported.
    /// </summary>
    public const string SplitTokens = """
        (selector) => {
          const bad = [];
          const token = /\d{4}-\d{2}-\d{2}|[A-Z]{2,}(?:-[A-Z0-9]+)+|[A-Za-z0-9][A-Za-z0-9.,:_%]*[A-Za-z0-9%]/g;
          for (const root of document.querySelectorAll(selector)) {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              if (!n.parentElement?.checkVisibility()) continue;
              for (const m of n.textContent.matchAll(token)) {
                const r = document.createRange();
                r.setStart(n, m.index);
                r.setEnd(n, m.index + m[0].length);
                const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
                if (tops.size > 1) bad.push(m[0]);
              }
            }
          }
          return bad;
        }
        """;

    /// <summary>() => the part of the map no panel, sheet or legend covers: { width, height } in px,
    /// and the map's own size.</summary>
    public const string FreeMap = """
        () => {
          const m = document.getElementById('map').getBoundingClientRect();
          let left = m.left, right = m.right, top = m.top, bottom = m.bottom;
          for (const el of document.querySelectorAll('#panel, #side')) {
            const r = el.getBoundingClientRect();
            if (!el.checkVisibility() || !r.width || r.right <= m.left || r.left >= m.right || r.bottom <= m.top || r.top >= m.bottom) continue;
            if (r.width >= m.width * 0.9) bottom = Math.min(bottom, r.top);      // a bottom sheet
            else if (r.left - m.left < m.right - r.right) left = Math.max(left, r.right);
            else right = Math.min(right, r.left);
          }
          return { width: right - left, height: bottom - top, mapWidth: m.width, mapHeight: m.height };
        }
        """;

    /// <summary>() => true when the selection's outline lies inside the map and clear of every
    /// panel and the legend.</summary>
    public const string HighlightClear = """
        () => {
          const box = (el) => el.getBoundingClientRect();
          const h = box(document.querySelector('.lm-highlight'));
          const m = box(document.getElementById('map'));
          const apart = (a, b) => a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
          const covers = [...document.querySelectorAll('#side, #panel, .lm-legend')].filter(el => el.checkVisibility()).map(box);
          return h.width > 0 && h.left >= m.left - 1 && h.right <= m.right + 1 && h.top >= m.top - 1 && h.bottom <= m.bottom + 1
            && covers.every((c) => apart(h, c));
        }
        """;
}
