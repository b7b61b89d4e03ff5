// Print a map (出图): a sheet for a meeting, A4 or A3 landscape, with a title, the current view,
// the legend with the view's totals (the server's, as the on-screen legend), a scale bar and the
// scale as 1:N, a north arrow, the date in the zone's time, and a data source line. The preview
// is the sheet itself: the map element moves into it (Leaflet keeps running, so the view can
// still be panned), css/print.css prints only the sheet on its named page (A4 or A3 landscape).
// Ctrl+P without the preview opens it first (beforeprint), so a plain print is the sheet too.
import { t, addWords, fmt, zoneTime, label, onLangChange, lang } from './i18n.js';
import { PARCEL_STATUS, PROJECT_STAGE, ROAD_STAGE, RIVER_STATE } from './styles.js';
import { swatch } from './legend.js';
import { viewTotals } from './viewTotals.js';
import { view } from './store.js';

addWords({
  printOpen: ['出图', 'Print map'], printOpenAria: ['出图：打印或存为 PDF', 'Print the map or save it as PDF'],
  printToolbar: ['出图设置', 'Print settings'], printTitleLabel: ['标题', 'Title'], printPaper: ['纸张', 'Paper'],
  printA4: ['A4 横向', 'A4 landscape'], printA3: ['A3 横向', 'A3 landscape'],
  printNow: ['打印 / 存为 PDF', 'Print / save as PDF'], printClose: ['退出出图', 'Close preview'],
  printLegend: ['图例（图内合计）', 'Legend (totals in view)'], printTotal: ['合计', 'Total'],
  printNorth: ['北', 'N'], printNorthAria: ['指北针：上方为北', 'North arrow: north is up'],
  printScale: ['比例尺 1:{n}（按 96 dpi 屏幕计）', 'Scale 1:{n} (at 96 dpi)'],
  printDate: ['出图日期：{date}', 'Printed: {date}'],
  printStateNow: ['现状（{date}）', 'As of today ({date})'], printStateYear: ['{year} 年底状况', 'As at the end of {year}'],
  printSource: ['数据来源：温州经济技术开发区 LandMap 土地与基础设施数据库（{host}）；底图：{basemap}；坐标系 CGCS2000',
    'Source: Wenzhou ETDZ LandMap land and infrastructure database ({host}); basemap: {basemap}; CRS CGCS2000'],
  printNoBasemap: ['无', 'none'],
});

const L = window.L;
const PAPERS = ['a4', 'a3'];
// Metres per CSS pixel at 96 dpi: 0.0254 m per inch / 96 px per inch.
const METRES_PER_PX = 0.0254 / 96;
const BASEMAP_KEYS = { osm: 'basemapOsm', 'tdt-vec': 'basemapTdtVec', 'tdt-img': 'basemapTdtImg' };

/** What the preview holds: open, paper, title typed, the totals shown, and the last render's promise. */
export const printState = { open: false, paper: 'a4', title: '', totals: null, ready: Promise.resolve(), byBeforePrint: false };

let map;
let sheet;
let home = null; // where the map element lives outside the preview
const els = {};
let before = null; // the view before the preview, restored on close

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function testid(node, id) {
  node.dataset.testid = id;
  return node;
}

/** The map's scale at its centre as a round 1:N (Web Mercator: metres per pixel shrink with cos(lat)). */
export function scaleDenominator(theMap) {
  const size = theMap.getSize();
  const y = size.y / 2;
  const a = theMap.containerPointToLatLng([size.x / 2 - 50, y]);
  const b = theMap.containerPointToLatLng([size.x / 2 + 50, y]);
  const metresPerPx = theMap.distance(a, b) / 100;
  const n = metresPerPx / METRES_PER_PX;
  const step = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / step) * step;
}

function legendSection(title, table, kind, totals) {
  const box = el('section', { className: 'lm-print-legend-section' }, el('h3', { textContent: title }));
  const list = el('table');
  const body = list.createTBody();
  let n = 0;
  let mu = 0;
  for (const [code, entry] of Object.entries(table)) {
    const row = body.insertRow();
    row.dataset.testid = `print-legend-${code}`;
    row.insertCell().append(swatch(kind, entry.color, entry.lineStyle));
    row.insertCell().textContent = label(entry);
    if (totals) {
      const total = totals[code] ?? { n: 0, mu: 0 };
      n += total.n;
      mu += total.mu;
      Object.assign(row.insertCell(), { className: 'lm-num', textContent: `${total.n} ${t('unit_parcels')}`.trim() });
      Object.assign(row.insertCell(), { className: 'lm-num', textContent: `${fmt(total.mu, 1)} ${t('mu')}` });
    }
  }
  if (totals) {
    const row = list.createTFoot().insertRow();
    row.dataset.testid = 'print-legend-total';
    row.insertCell();
    row.insertCell().textContent = t('printTotal');
    Object.assign(row.insertCell(), { className: 'lm-num', textContent: `${n} ${t('unit_parcels')}`.trim() });
    Object.assign(row.insertCell(), { className: 'lm-num', textContent: `${fmt(mu, 1)} ${t('mu')}` });
    row.dataset.count = String(n);
    row.dataset.mu = String(mu);
  }
  box.append(list);
  return box;
}

function basemapName() {
  const id = localStorage.getItem('landmap.basemap');
  return BASEMAP_KEYS[id] ? t(BASEMAP_KEYS[id]) : t('printNoBasemap');
}

/** Fill the sheet's texts and legend from the current state (language, totals, view). */
function renderSheet() {
  if (!sheet) return;
  const title = printState.title || t('title');
  els.title.textContent = title;
  els.titleInput.placeholder = t('title');
  const today = zoneTime(new Date().toISOString());
  els.subtitle.textContent = view.year == null ? t('printStateNow', { date: today.slice(0, 10) }) : t('printStateYear', { year: view.year });
  els.legend.replaceChildren(el('h2', { textContent: t('printLegend') }),
    legendSection(t('parcelStates'), PARCEL_STATUS, 'fill', printState.totals ?? {}),
    legendSection(t('projectStages'), PROJECT_STAGE, 'dot'),
    legendSection(t('roadStages'), ROAD_STAGE, 'line'),
    legendSection(t('riverStates'), RIVER_STATE, 'line'));
  const n = scaleDenominator(map);
  els.scale.textContent = t('printScale', { n: fmt(n, 0) });
  els.scale.dataset.denominator = String(n);
  els.date.textContent = t('printDate', { date: today });
  els.source.textContent = t('printSource', { host: location.host, basemap: basemapName() });
  els.north.querySelector('text').textContent = t('printNorth');
  els.north.setAttribute('aria-label', t('printNorthAria'));
  sheet.dataset.paper = printState.paper;
  sheet.setAttribute('lang', lang() === 'en' ? 'en' : 'zh-CN');
}

let refreshes = 0;

/** The totals of the parcels in the sheet's view, then the sheet drawn with them. ready settles with
 * the latest view's: a refresh started meanwhile (the map resized or moved again) is waited for too. */
function refreshTotals() {
  const mine = ++refreshes;
  const work = viewTotals(map)
    .then((totals) => { if (mine === refreshes) printState.totals = totals; }, (e) => console.warn('LandMap: print totals', e))
    .then(() => { if (mine === refreshes) renderSheet(); });
  printState.ready = work.then(() => (mine === refreshes ? undefined : printState.ready));
  return printState.ready;
}

/** The next frame: layout done and the page's resize observers (room.js keepSized) run. */
function nextFrame() {
  return new Promise((resolve) => window.requestAnimationFrame(() => resolve(undefined)));
}

function northArrow() {
  const svgNs = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', '0 0 40 56');
  svg.setAttribute('role', 'img');
  svg.classList.add('lm-print-north');
  svg.dataset.testid = 'print-north';
  const arrow = document.createElementNS(svgNs, 'path');
  arrow.setAttribute('d', 'M20 2 L34 40 L20 32 L6 40 Z');
  const half = document.createElementNS(svgNs, 'path');
  half.setAttribute('d', 'M20 2 L20 32 L6 40 Z');
  half.setAttribute('class', 'lm-print-north-half');
  const text = document.createElementNS(svgNs, 'text');
  text.setAttribute('x', '20');
  text.setAttribute('y', '54');
  text.setAttribute('text-anchor', 'middle');
  svg.append(arrow, half, text);
  return svg;
}

function build() {
  els.titleInput = testid(el('input', { type: 'text', id: 'print-title-input' }), 'print-title-input');
  els.titleInput.addEventListener('input', () => { printState.title = els.titleInput.value; renderSheet(); });
  els.paper = testid(el('select', { id: 'print-paper' }), 'print-paper');
  els.paper.addEventListener('change', () => setPaper(els.paper.value));
  els.print = testid(el('button', { type: 'button' }), 'print-now');
  els.print.addEventListener('click', () => printState.ready.then(() => window.print()));
  els.close = testid(el('button', { type: 'button' }), 'print-close');
  els.close.addEventListener('click', () => closePrint());
  els.titleLabel = el('label', { htmlFor: 'print-title-input' });
  els.paperLabel = el('label', { htmlFor: 'print-paper' });
  els.toolbar = testid(el('div', { className: 'lm-print-toolbar', role: 'toolbar' },
    els.titleLabel, els.titleInput, els.paperLabel, els.paper, els.print, els.close), 'print-toolbar');

  els.title = testid(el('h1'), 'print-title');
  els.subtitle = testid(el('p', { className: 'lm-print-subtitle' }), 'print-subtitle');
  els.north = northArrow();
  els.slot = testid(el('div', { className: 'lm-print-map' }, els.north), 'print-map');
  els.legend = testid(el('aside', { className: 'lm-print-legend' }), 'print-legend');
  els.scale = testid(el('span'), 'print-scale');
  els.date = testid(el('span'), 'print-date');
  els.source = testid(el('span'), 'print-source');
  els.page = testid(el('div', { className: 'lm-print-page' },
    el('header', {}, els.title, els.subtitle),
    el('div', { className: 'lm-print-body' }, els.slot, els.legend),
    el('footer', {}, els.scale, els.date, els.source)), 'print-page');
  // The stage takes the scaled sheet's size in the preview's layout (a transform alone leaves the
  // unscaled box behind, which scrolls).
  const stage = el('div', { className: 'lm-print-stage' }, els.page);
  sheet = testid(el('div', { id: 'print-sheet', className: 'lm-print-sheet', hidden: true }, els.toolbar, stage), 'print-sheet');
  document.body.append(sheet);
  labelControls();
}

function labelControls() {
  els.titleLabel.textContent = t('printTitleLabel');
  els.paperLabel.textContent = t('printPaper');
  els.toolbar.setAttribute('aria-label', t('printToolbar'));
  els.paper.replaceChildren(...PAPERS.map((p) => el('option', { value: p, textContent: t(p === 'a4' ? 'printA4' : 'printA3'), selected: p === printState.paper })));
  els.print.textContent = t('printNow');
  els.close.textContent = t('printClose');
}

/**
 * Scale the on-screen sheet to the window (never up): the whole A4 or A3 page in view on a tablet,
 * as a planner checks it before printing. Only the preview is scaled (a CSS transform, which leaves
 * the layout and so the map's pixels and the 1:N as printed); on paper the sheet is its own size.
 */
function fitPreview() {
  if (!printState.open) return;
  const margin = 18; // the stage's 1rem above and below, and a pixel or two of rounding
  const room = { w: window.innerWidth - 2 * margin, h: window.innerHeight - els.toolbar.offsetHeight - 2 * margin };
  const scale = Math.min(1, room.w / els.page.offsetWidth, room.h / els.page.offsetHeight);
  sheet.style.setProperty('--lm-preview-scale', String(Math.max(0.1, scale)));
}

/** Show the current view on the sheet: the map element moves in and keeps the area it showed. */
function reframe(bounds) {
  fitPreview();
  // A frame later the sheet's layout has settled and the map's resize observer has run, so the
  // view framed here is the one the totals are asked for.
  printState.ready = nextFrame().then(() => {
    map.invalidateSize({ pan: false });
    map.fitBounds(bounds, { animate: false, padding: [0, 0] });
    return refreshTotals();
  });
  return printState.ready;
}

/** Open the preview on paper 'a4' or 'a3' (landscape); resolves once the legend's totals are in. */
export function openPrint(paper = printState.paper) {
  if (!sheet) build();
  printState.paper = PAPERS.includes(paper) ? paper : 'a4';
  els.paper.value = printState.paper;
  if (!printState.open) {
    const container = map.getContainer();
    before = { center: map.getCenter(), zoom: map.getZoom(), bounds: map.getBounds() };
    home = { parent: container.parentNode, next: container.nextSibling };
    sheet.hidden = false;
    document.body.classList.add('lm-printing');
    els.slot.prepend(container);
    printState.open = true;
  }
  renderSheet();
  return reframe(before.bounds);
}

/** Choose the paper: the sheet's map is resized and shows the same area. */
export function setPaper(paper) {
  if (!printState.open) { printState.paper = paper; return printState.ready; }
  const bounds = map.getBounds();
  printState.paper = PAPERS.includes(paper) ? paper : 'a4';
  sheet.dataset.paper = printState.paper;
  return reframe(bounds);
}

/** Leave the preview: the map goes back where it was, at the view it had. */
export function closePrint() {
  if (!printState.open) return;
  const container = map.getContainer();
  home.parent.insertBefore(container, home.next);
  sheet.hidden = true;
  document.body.classList.remove('lm-printing');
  printState.open = false;
  printState.byBeforePrint = false;
  map.invalidateSize({ pan: false });
  map.setView(before.center, before.zoom, { animate: false });
  document.getElementById('print-open')?.focus();
}

/** The 出图 button on the map, Esc to leave, and Ctrl+P turned into the sheet. */
export function initPrint(theMap) {
  map = theMap;
  // On the map, under the zoom buttons: the header has no room to spare on a tablet.
  const open = testid(el('button', { type: 'button', id: 'print-open', className: 'lm-print-open' }), 'print-open');
  open.dataset.i18n = 'printOpen';
  open.dataset.i18nAria = 'printOpenAria';
  open.textContent = t('printOpen');
  open.setAttribute('aria-label', t('printOpenAria'));
  open.addEventListener('click', () => openPrint().then(() => els.titleInput.focus()));
  const control = L.control({ position: 'topleft' });
  control.onAdd = () => {
    const bar = L.DomUtil.create('div', 'leaflet-bar lm-print-control');
    bar.append(open);
    L.DomEvent.disableClickPropagation(bar);
    return bar;
  };
  control.addTo(map);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && printState.open) closePrint(); });
  // A print started from the browser's menu: the sheet, not the screen layout.
  window.addEventListener('beforeprint', () => {
    if (printState.open) return;
    printState.byBeforePrint = true;
    openPrint();
  });
  window.addEventListener('afterprint', () => { if (printState.byBeforePrint) closePrint(); });
  map.on('moveend', () => { if (printState.open) refreshTotals(); });
  window.addEventListener('resize', fitPreview);
  onLangChange(() => { if (sheet) { labelControls(); renderSheet(); } });
  return { state: printState, open: openPrint, close: closePrint, setPaper };
}
