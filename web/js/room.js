// The map's room (issue 17): what of the map the panels, the bottom sheet and the legend leave
// free. Targets are framed inside that part (fitBounds padding measured from the covers' real
// boxes, on every layout), and Leaflet is told whenever its container changes size (a panel
// folds, the side panel opens, the window turns from landscape to portrait), so no blank strip
// is left where the map did not repaint.
import { PHONE } from './tabs.js';

const L = window.L;

// Everything that can lie over the map: the floating panels (tablet layouts), the legend (moved
// clear of the panels by clearCorners), and
// any control in the top-right corner (basemap notes and the like).
const COVERS = '#panel, #side, .lm-legend, .leaflet-top.leaflet-right .leaflet-control';

/**
 * How far the covers reach into the map on each side, plus a margin, as fitBounds' padding. Each
 * cover is taken from the side where it takes the least (a tall panel from the left or right, a
 * bottom sheet from the bottom); at least a third of the map is always left for the target.
 * @param {any} map Leaflet map
 */
export function coverPadding(map, margin = 30) {
  const box = map.getContainer().getBoundingClientRect();
  const pad = { left: 0, right: 0, top: 0, bottom: 0 };
  for (const el of document.querySelectorAll(COVERS)) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || r.bottom <= box.top || r.top >= box.bottom || r.right <= box.left || r.left >= box.right) continue;
    const reach = { left: r.right - box.left, right: box.right - r.left, top: r.bottom - box.top, bottom: box.bottom - r.top };
    // A sheet as wide as the map covers from below or above, a panel as tall as the map from its side,
    // even where (on a phone) the sheet is taller than wide or the panel wider than the map is high.
    const across = r.left <= box.left + 1 && r.right >= box.right - 1;
    const tall = r.top <= box.top + 1 && r.bottom >= box.bottom - 1;
    const sides = across && !tall ? ['top', 'bottom'] : tall && !across ? ['left', 'right'] : Object.keys(reach);
    const side = /** @type {keyof typeof pad} */ (sides.reduce((a, b) => (reach[a] <= reach[b] ? a : b)));
    pad[side] = Math.max(pad[side], reach[side]);
  }
  const keep = (size, a, b) => {
    const room = size / 3;
    return a + b > size - room ? [a, Math.max(0, size - room - a)] : [a, b];
  };
  [pad.left, pad.right] = keep(box.width, pad.left, pad.right);
  [pad.top, pad.bottom] = keep(box.height, pad.top, pad.bottom);
  return { paddingTopLeft: L.point(pad.left + margin, pad.top + margin), paddingBottomRight: L.point(pad.right + margin, pad.bottom + margin) };
}

/**
 * Frame bounds (a point's zero-size bounds too: at maxZoom) where nothing covers the map.
 * @param {any} map Leaflet map
 * @param {any} bounds Leaflet LatLngBounds
 */
export function fitClear(map, bounds, { maxZoom = 18, margin = 30 } = {}) {
  if (!bounds.isValid()) return;
  map.invalidateSize({ pan: false }); // the side panel may just have taken room from the map
  clearCorners(map); // and the legend moved out from under it (now, not at the next frame)
  map.fitBounds(bounds, { ...coverPadding(map, margin), maxZoom, animate: false });
}

/**
 * Move the map's corner controls (the legend, zoom and 出图 buttons, scale, attribution, basemap
 * notes) out from under the panels that float over the map: a full-height panel on the left or
 * right edge (the tools drawer in portrait, the feature panel at 901-1280 px) pushes that side's
 * corners in by its width, a bottom sheet lifts the bottom corners above it. Nothing moves while
 * the print sheet holds the map. Sets --lm-clear-left/right/bottom on the map's container (map.css).
 * @param {any} map Leaflet map
 */
export function clearCorners(map) {
  const container = map.getContainer();
  const clear = { left: 0, right: 0, bottom: 0 };
  const box = container.getBoundingClientRect();
  for (const el of document.body.classList.contains('lm-printing') ? [] : document.querySelectorAll('#panel, #side')) {
    const r = el.getBoundingClientRect();
    if (!el.checkVisibility() || !r.width || r.bottom <= box.top || r.top >= box.bottom || r.right <= box.left || r.left >= box.right) continue;
    if (r.top <= box.top + 1 && r.bottom >= box.bottom - 1) {
      if (r.left <= box.left + 1) clear.left = Math.max(clear.left, r.right - box.left);
      else if (r.right >= box.right - 1) clear.right = Math.max(clear.right, box.right - r.left);
    } else if (r.bottom >= box.bottom - 1) {
      clear.bottom = Math.max(clear.bottom, box.bottom - r.top);
    }
  }
  for (const [side, px] of Object.entries(clear)) container.style.setProperty(`--lm-clear-${side}`, `${Math.round(px)}px`);
  foldLegendWhenCrowded();
}

let crowded = false;

/**
 * The legend folds to its toggle while the panels floating over the map would leave too little of
 * it (as a phone's map app hides its legend under an open sheet): on a phone (one panel at a time)
 * when either panel is open; on a tablet (up to 1280 px) when the tools panel and the feature's panel
 * are both open (in portrait the legend beside the drawer and the sheet left ~160 px of a 768 px map;
 * in landscape 172 px beside it). It opens again when they close,
 * unless the planner folded or opened it meanwhile (legend.js: that choice is theirs and remembered).
 */
function foldLegendWhenCrowded() {
  const legend = /** @type {HTMLDetailsElement | null} */ (document.getElementById('legend'));
  if (!legend || document.body.classList.contains('lm-printing')) return;
  const open = ['panel', 'side'].map((id) => document.getElementById(id)).filter((el) => el.checkVisibility()).length;
  const now = window.matchMedia(PHONE).matches ? open >= 1 : open >= 2 && window.innerWidth <= 1280;
  if (now === crowded) return;
  crowded = now;
  if (crowded && legend.open) {
    legend.dataset.auto = 'folding';
    legend.open = false;
  } else if (!crowded && legend.dataset.auto === 'folded') {
    legend.dataset.auto = 'opening';
    legend.open = true;
  }
}

/** Tell Leaflet each time its container's size changes, whatever changed it; the centre stays put,
 * as on a window resize (Leaflet's default), so what was in the middle is still there. The panels
 * are watched too: one opening, folding or growing over the map moves the corners clear of it. */
export function keepSized(map) {
  const observer = new ResizeObserver(() => {
    clearCorners(map);
    map.invalidateSize();
  });
  observer.observe(map.getContainer());
  for (const id of ['panel', 'side']) observer.observe(document.getElementById(id));
  return observer;
}
