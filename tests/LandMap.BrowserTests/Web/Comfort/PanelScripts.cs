namespace LandMap.Tests.Web.Comfort;

/// <summary>
/// Page-side checks that no panel hides another and none scrolls sideways (issue 17's gaps), as
/// JavaScript functions for <c>page.EvaluateAsync</c>. Boxes are the elements' real bounding boxes.
/// </summary>
internal static class PanelScripts
{
    /// <summary>
    /// () => the pairs of visible panels whose boxes overlap ("#side × #legend"): the tools panel,
    /// the feature panel, and every control on the map (legend, zoom and 出图 buttons, scale,
    /// attribution, basemap notes); with the print sheet open, those on the sheet.
    /// </summary>
    public const string Overlaps = """
        () => {
          const name = (el) => el.id ? `#${el.id}` : el.dataset.testid ? `[${el.dataset.testid}]` : `.${[...el.classList].join('.')}`;
          // While the print sheet is open it is all there is to see: only what lies on it counts.
          const scope = document.querySelector('#print-sheet:not([hidden])') ?? document;
          const panels = [...scope.querySelectorAll('#panel, #side, .lm-map .leaflet-control')]
            .filter((el) => el.checkVisibility() && el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().height > 0);
          const bad = [];
          for (let i = 0; i < panels.length; i++) {
            for (let j = i + 1; j < panels.length; j++) {
              const a = panels[i].getBoundingClientRect(), b = panels[j].getBoundingClientRect();
              const apart = a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
              if (!apart) bad.push(`${name(panels[i])} × ${name(panels[j])}`);
            }
          }
          return bad;
        }
        """;

    /// <summary>
    /// () => the visible elements inside a panel (the tools panel, the feature panel, the legend, the
    /// print sheet) that scroll sideways: a scroll container (overflow-x auto or scroll) whose content
    /// is wider than its box, named with its width and its content's.
    /// </summary>
    public const string SidewaysScrolls = """
        () => {
          const bad = [];
          for (const root of document.querySelectorAll('#panel, #side, #legend, #print-sheet')) {
            if (!root.checkVisibility()) continue;
            for (const el of [root, ...root.querySelectorAll('*')]) {
              const x = getComputedStyle(el).overflowX;
              if ((x === 'auto' || x === 'scroll') && el.checkVisibility() && el.scrollWidth > el.clientWidth + 1)
                bad.push(`${root.id} ${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
            }
          }
          return bad;
        }
        """;

    /// <summary>
    /// () => the visible panels and map controls that reach past the window (a panel cut off at the
    /// right edge reads like one that scrolls sideways, and the page itself must not scroll sideways).
    /// </summary>
    public const string CutOff = """
        () => {
          const bad = [];
          if (document.documentElement.scrollWidth > window.innerWidth + 1) bad.push(`page ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
          for (const el of document.querySelectorAll('#panel, #side, .lm-map .leaflet-control, .lm-header > *')) {
            const r = el.getBoundingClientRect();
            if (!el.checkVisibility() || !r.width) continue;
            if (r.left < -0.5 || r.right > window.innerWidth + 0.5 || r.bottom > window.innerHeight + 0.5)
              bad.push(`${el.id || el.className} ${Math.round(r.left)}..${Math.round(r.right)} x ..${Math.round(r.bottom)}`);
          }
          return bad;
        }
        """;
}
