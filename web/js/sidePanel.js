// The panel of the selected feature: every attribute with its label, area in mu and m²,
// its project, its history (GET /api/parcels/{code}/history), zoom-to and a highlight
// outline on the map. Values are set with textContent only.
import { attributeList, featureTitle, projectsByCode } from './popup.js';
import { parcelHistory } from './api.js';
import { t, onLangChange } from './i18n.js';
import { renderProcedure } from './procedure.js';
import { fitClear } from './room.js';
import { sideShown } from './tabs.js';
import { versionsTable } from './versions.js';

const L = window.L;
let map;
let highlight;
let current = null; // { kind, feature }
let historyRun = null;
let eventsRun = Promise.resolve();

export const selection = {
  get current() { return current; },
  get history() { return historyRun; },
  get events() { return eventsRun; },
};

export function initSidePanel(theMap) {
  map = theMap;
  map.createPane('lm-highlight').style.zIndex = '470';
  highlight = L.geoJSON(null, {
    pane: 'lm-highlight', interactive: false,
    style: () => ({ color: '#00E5FF', weight: 5, fill: false, className: 'lm-highlight' }),
    // Points (projects) as a ring around the dot; Leaflet gives latlng as (lat, lon).
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 20, pane: 'lm-highlight' }),
  }).addTo(map);
  onLangChange(() => { if (current) render(); });
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && current) close(); });
}

function button(text, testid, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.dataset.testid = testid;
  b.addEventListener('click', onClick);
  return b;
}

/** Frame a feature where no panel, sheet or legend covers the map (a point at zoom 16 or closer). */
export function zoomTo(feature) {
  const bounds = L.geoJSON(feature).getBounds();
  if (feature.geometry?.type === 'Point') fitClear(map, bounds, { maxZoom: Math.max(map.getZoom(), 16) });
  else fitClear(map, bounds, { maxZoom: 18, margin: 40 });
}

/** Select a feature: highlight it, fill the panel, and load its history (parcels). */
export function select(kind, feature, { zoom = false } = {}) {
  current = { kind, feature };
  highlight.clearLayers();
  highlight.addData(feature);
  historyRun = kind === 'parcels' && feature.properties?.code
    ? parcelHistory(feature.properties.code).catch((e) => ({ error: e }))
    : Promise.resolve(null);
  render();
  sideShown(); // on a phone the tools panel folds for it (one panel at a time)
  // After render: the panel just opened (and the map's corners moved clear of it) is framed around.
  if (zoom) zoomTo(feature);
  historyRun.then((history) => { if (current?.feature === feature) renderHistory(history); });
  return historyRun;
}

export function close() {
  current = null;
  highlight.clearLayers();
  document.getElementById('side').hidden = true;
}

let lastHistory = null;

function render() {
  const side = document.getElementById('side');
  const { kind, feature } = current;
  const p = feature.properties || {};
  side.replaceChildren();
  side.hidden = false;
  side.dataset.kind = kind;
  side.dataset.code = p.code ?? '';
  const head = document.createElement('div');
  head.className = 'lm-side-head';
  const title = document.createElement('h2');
  title.textContent = featureTitle(kind, p);
  title.dataset.testid = 'side-title';
  head.append(title, button(t('zoomTo'), 'side-zoom', () => zoomTo(feature)), button(t('close'), 'side-close', close));
  side.append(head, attributeList(kind, p, true));
  if (kind === 'parcels' && p.project_code && projectsByCode.has(p.project_code)) {
    const h = document.createElement('h3');
    h.textContent = t('project');
    side.append(h, attributeList('projects', projectsByCode.get(p.project_code)));
  }
  if (kind === 'parcels') {
    const h = document.createElement('h3');
    h.textContent = t('history');
    const box = document.createElement('div');
    box.id = 'side-history';
    box.dataset.testid = 'side-history';
    side.append(h, box);
    if (lastHistory?.code === p.code) renderHistory(lastHistory);
    // The idle-land procedure's events (and the step form, for a surveyor), before the versions.
    const eh = document.createElement('h3');
    eh.textContent = t('events');
    const events = document.createElement('div');
    events.dataset.testid = 'side-procedure';
    h.before(eh, events);
    eventsRun = renderProcedure(events, p.code);
  }
  if (window.innerWidth < 700) side.scrollIntoView?.({ block: 'nearest' });
}

function renderHistory(history) {
  const box = document.getElementById('side-history');
  if (!box) return;
  box.replaceChildren();
  if (!history || history.error || !history.versions?.length) {
    box.textContent = history?.error ? history.error.message : t('historyNone');
    return;
  }
  lastHistory = history;
  box.append(versionsTable(history));
}
