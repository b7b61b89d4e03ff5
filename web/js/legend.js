// The legend: one section per coloured attribute, drawn from the tables in styles.js so the
// legend and the map cannot disagree. Parcel states carry, for the current view and
// filters, the count and the area in mu (legendTotals() in viewTotals.js). A <details>
// element keeps it collapsible by keyboard and mouse without any script of ours.
import { PARCEL_STATUS, PROJECT_STAGE, ROAD_STAGE, RIVER_STATE, RESERVOIR_STYLE } from './styles.js';
import { t, label, fmt, onLangChange } from './i18n.js';
import { view } from './store.js';

const L = window.L;

const SECTIONS = [
  { title: 'parcelStates', kind: 'parcel', table: PARCEL_STATUS, swatch: 'fill', totals: true },
  { title: 'projectStages', kind: 'project', table: PROJECT_STAGE, swatch: 'dot' },
  { title: 'roadStages', kind: 'road', table: ROAD_STAGE, swatch: 'line' },
  { title: 'riverStates', kind: 'river', table: RIVER_STATE, swatch: 'line' },
  {
    title: 'reservoirs', kind: 'reservoir', swatch: 'fill',
    table: { reservoir: { zh: '水库水面', en: 'Reservoir water', color: RESERVOIR_STYLE.fillColor } },
  },
];

// Sections other modules add (the planning layers): shown while their visible() says so.
const extraSections = [];
let root;
let lastTotals = null;

export function swatch(kind, color, lineStyle) {
  const el = document.createElement('span');
  el.className = `lm-swatch lm-swatch-${kind}`;
  if (kind === 'line') {
    // A border stands in for the line; its style mimics the road's dash pattern.
    el.style.borderTopColor = color;
    el.style.borderTopStyle = lineStyle ?? 'solid';
  } else {
    el.style.backgroundColor = color;
  }
  return el;
}

function item(section, code, entry) {
  const li = document.createElement('li');
  li.dataset.testid = `legend-${section.kind}-${code}`;
  const name = document.createElement('span');
  name.textContent = label(entry);
  const mark = swatch(section.swatch, entry.color, entry.lineStyle);
  section.look?.(mark, code, entry);
  li.append(mark, name);
  if (section.totals) {
    const total = lastTotals?.[code] ?? { n: 0, mu: 0 };
    const figures = document.createElement('span');
    figures.className = 'lm-legend-figures';
    figures.dataset.testid = `legend-total-${code}`;
    figures.dataset.count = String(total.n);
    figures.dataset.mu = String(total.mu);
    figures.textContent = t('legendCount', { n: total.n, mu: fmt(total.mu, 1) });
    li.append(figures);
  }
  return li;
}

function render() {
  root.replaceChildren();
  const summary = document.createElement('summary');
  summary.textContent = t('legend');
  summary.dataset.testid = 'legend-toggle';
  root.append(summary);
  for (const section of [...SECTIONS, ...extraSections.filter((s) => s.visible())]) {
    const h = document.createElement('h4');
    h.textContent = section.totals ? `${t(section.title)} · ${t('inView')}` : t(section.title);
    // The stage filter acts on the project dots only; the legend says which stage they are cut to.
    if (section.kind === 'project' && view.stage) h.textContent += ` · ${t('stageOnly', { stage: label(section.table[view.stage]) })}`;
    const ul = document.createElement('ul');
    // Sections without figures flow as short rows of swatches: the legend stays compact.
    if (!section.totals) ul.className = 'lm-legend-inline';
    for (const [code, entry] of Object.entries(section.table)) ul.append(item(section, code, entry));
    root.append(h, ul);
  }
}

/**
 * Add a legend section drawn after the built-in ones while visible() is true: { title (i18n key), kind
 * (testid part), table (code -> { zh, en, color }), swatch, visible, look?(swatch element, code, entry) }.
 */
export function addLegendSection(section) {
  extraSections.push(section);
}

/** Draw the legend again (a section's table or visibility changed). */
export function redrawLegend() {
  if (root) render();
}

const STORE = 'landmap.legend';

function legendOpen() {
  try {
    const kept = localStorage.getItem(STORE);
    if (kept) return kept === 'open';
  } catch { /* private mode: fall through to the default */ }
  return window.innerWidth >= 1280 && window.innerHeight >= 800;
}

function rememberLegend(open) {
  try {
    localStorage.setItem(STORE, open ? 'open' : 'closed');
  } catch { /* private mode: remembered for this page only */ }
}

/** Add the legend to the bottom-right corner of the map. */
export function addLegend(map) {
  const control = L.control({ position: 'bottomright' });
  control.onAdd = () => {
    root = L.DomUtil.create('details', 'lm-legend leaflet-bar');
    root.id = 'legend';
    root.dataset.testid = 'legend';
    // Open or folded as the planner left it; the first time, open only where the map has room.
    root.open = legendOpen();
    root.addEventListener('toggle', () => {
      // Folded or reopened by the map's room (room.js foldLegendWhenCrowded): not the planner's choice.
      const auto = root.dataset.auto;
      if (auto === 'folding') { root.dataset.auto = 'folded'; return; }
      if (auto === 'opening') { delete root.dataset.auto; return; }
      delete root.dataset.auto; // the planner's own choice: remembered, and not undone when room returns
      rememberLegend(root.open);
    });
    render();
    // Clicks and wheel on the legend must not pan or zoom the map underneath.
    L.DomEvent.disableClickPropagation(root);
    L.DomEvent.disableScrollPropagation(root);
    return root;
  };
  control.addTo(map);
  onLangChange(render);
  return control;
}

/** Show per-state totals for the view: { status: { n, mu } }. */
export function showLegendTotals(totals) {
  lastTotals = totals;
  if (root) render();
}
