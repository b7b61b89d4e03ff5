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
