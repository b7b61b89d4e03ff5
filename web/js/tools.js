// Tools: measure a distance or an area on the ellipsoid; draw a polygon or pick a park and
// list the parcels inside with their total area (the server's POST /api/parcels/area and
// /api/parcels/intersecting, /api/parks/{code}/parcels); export the selection or the
// filtered parcels. Results stay on the map with their labels until cleared (issue 17): the
// measured lines and polygons, the query polygons, and the query's parcels outlined.
import { Sketch } from './sketch.js';
import { lengthMetres, areaSquareMetres, formatLength, formatArea } from './measure.js';
import { parcelsArea, parcelsIntersecting, parkParcels } from './api.js';
import { data, filteredParcels, onChange, parcelsQuery } from './store.js';
import { parcelsAsOf } from './parcels.js';
import { equals, intersects } from './cql.js';
import { exportButtons } from './exportData.js';
import { select } from './sidePanel.js';
import { fitCells } from './tables.js';
import { parkNames } from './popup.js';
import { t, label, fmt, onLangChange } from './i18n.js';

const MAX_LISTED = 500;

export const toolState = { sketch: null, measure: null, selection: [], total: null, run: Promise.resolve() };
let box;
let result;
/** @type {any} Leaflet layer group: the kept drawings (measures, query polygons) with their labels */
let kept;
/** @type {any} Leaflet GeoJSON layer: the last query's parcels, outlined */
let hits;
const L = window.L;

function button(key, testid, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = t(key);
  b.dataset.testid = testid;
  b.addEventListener('click', onClick);
  return b;
}

function startSketch(kind, map, onDone) {
  toolState.sketch?.cancel();
  const sketch = new Sketch(map, kind, () => { if (kind !== 'polygon-query') showMeasure(sketch); });
  toolState.sketch = sketch;
  renderSketchBar();
  toolState.run = sketch.done.then((s) => {
    toolState.sketch = null;
    renderSketchBar();
    return s && onDone(s);
  });
  return sketch;
}

async function showMeasure(sketch) {
  const points = sketch.points;
  if (sketch.kind === 'line') {
    const m = await lengthMetres(points);
    toolState.measure = { metres: m };
    setResult(`${t('distance')}: ${formatLength(m, fmt)}`, { metres: m });
  } else {
    const m2 = await areaSquareMetres(points);
    toolState.measure = { m2 };
    setResult(`${t('area')}: ${formatArea(m2, fmt, t('mu'))}`, { m2 });
  }
}

function setResult(text, data = {}) {
  result.replaceChildren();
  const p = document.createElement('p');
  p.dataset.testid = 'tool-result';
  for (const [k, v] of Object.entries(data)) p.dataset[k] = String(v);
  p.textContent = text;
  result.append(p);
}

/** List the parcels of a selection; filter: the same selection as CQL2, for the server's exports. */
async function listParcels(total, collection, name, filter) {
  toolState.total = total;
  toolState.selection = collection.features;
  setResult(t('parcelsInside', { n: total.parcels, mu: fmt(total.areaMu, 2), m2: fmt(total.areaM2, 0) }),
    { count: total.parcels, mu: total.areaMu, m2: total.areaM2 });
  // The query's parcels outlined on the map, until the next query or Clear.
  hits.clearLayers();
  hits.addData(collection);
  renderClear();
  const table = document.createElement('table');
  table.className = 'lm-table';
  table.dataset.testid = 'tool-parcels';
  const head = table.createTHead().insertRow();
  for (const key of ['supCode', 'name', 'areaMu']) {
    const th = document.createElement('th');
    th.textContent = t(key);
    head.append(th);
  }
  const body = table.createTBody();
  for (const f of collection.features.slice(0, MAX_LISTED)) {
    const row = body.insertRow();
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'lm-link';
    b.textContent = f.properties.code;
    b.addEventListener('click', () => select('parcels', f, { zoom: true }));
    row.insertCell().append(b);
    row.insertCell().textContent = f.properties.name ?? '';
    row.insertCell().textContent = fmt(f.properties.area_mu, 2);
  }
  fitCells(table);
  result.append(exportButtons({ features: () => toolState.selection, query: () => ({ filter }) }, 'export-selection', name), table);
}

/** Keep a finished sketch's shape on the map with a label (as text, never HTML) until cleared. */
function keep(sketch, text, kind) {
  sketch.remove();
  if (sketch.points.length < (sketch.kind === 'line' ? 2 : 3)) return;
  // Re-added with these options: a class for tests and CSS, and no pointer, so a click on a kept
  // polygon still reaches the parcel under it.
  Object.assign(sketch.shape.options, { className: `lm-kept lm-kept-${kind}`, interactive: false });
  sketch.shape.addTo(kept);
  // The label as a layer of its own in the group, so Clear takes it off with the shape.
  L.tooltip({ permanent: true, direction: 'center', className: `lm-kept-label lm-kept-label-${kind}` })
    .setLatLng(sketch.shape.getCenter()).setContent(document.createTextNode(text)).addTo(kept);
  renderClear();
}

async function measuredResult(sketch) {
  await showMeasure(sketch);
  const m = toolState.measure;
  keep(sketch, sketch.kind === 'line' ? formatLength(m.metres, fmt) : formatArea(m.m2, fmt, t('mu')), 'measure');
  return m;
}

async function polygonQuery(sketch) {
  const geometry = sketch.geometry();
  toolState.geometry = geometry;
  if (sketch.points.length < 3) {
    sketch.remove();
    return null;
  }
  const [total, collection] = await Promise.all([parcelsArea({ geometry }), parcelsIntersecting(geometry)]);
  keep(sketch, t('queryLabel', { n: total.parcels, mu: fmt(total.areaMu, 2) }), 'query');
  await listParcels(total, collection, 'landmap-polygon', intersects(geometry));
  return total;
}

/** Take every kept result off the map (and the query's list from the panel). */
export function clearResults() {
  kept.clearLayers();
  hits.clearLayers();
  toolState.selection = [];
  result.replaceChildren();
  renderClear();
}

function renderClear() {
  const clear = box.querySelector('[data-testid=tool-clear]');
  if (clear) clear.hidden = !kept.getLayers().length && !hits.getLayers().length;
}

export async function parkQuery(code) {
  if (!code) return null;
  const [total, collection] = await Promise.all([parcelsArea({ park: code }), parkParcels(code)]);
  await listParcels(total, collection, `landmap-${code}`, equals('park_code', code));
  return total;
}

function renderSketchBar() {
  const bar = box.querySelector('.lm-sketchbar');
  bar.replaceChildren();
  const sketch = toolState.sketch;
  if (!sketch) return;
  const hint = document.createElement('p');
  hint.className = 'lm-note';
  hint.textContent = t('toolHint');
  bar.append(hint, button('addCentre', 'tool-add-centre', () => sketch.addCentre()),
    button('finish', 'tool-finish', () => sketch.finish()), button('cancel', 'tool-cancel', () => sketch.cancel()));
}

function render(map) {
  box.replaceChildren();
  const row = document.createElement('div');
  row.className = 'lm-toolbar';
  row.append(
    button('measureDistance', 'tool-distance', () => startSketch('line', map, measuredResult)),
    button('measureArea', 'tool-area', () => startSketch('polygon', map, measuredResult)),
    button('drawPolygon', 'tool-draw', () => startSketch('polygon-query', map, polygonQuery)),
    button('clearResults', 'tool-clear', clearResults),
  );
  const parkSelect = document.createElement('select');
  parkSelect.dataset.testid = 'tool-park';
  parkSelect.setAttribute('aria-label', t('pickPark'));
  const first = document.createElement('option');
  first.value = '';
  first.textContent = t('pickPark');
  parkSelect.append(first);
  for (const f of data.parks) {
    const o = document.createElement('option');
    o.value = f.properties.code;
    o.textContent = label(parkNames.get(f.properties.code)) || f.properties.code;
    parkSelect.append(o);
  }
  parkSelect.addEventListener('change', () => { toolState.run = parkQuery(parkSelect.value); });
  const bar = document.createElement('div');
  bar.className = 'lm-sketchbar';
  result = document.createElement('div');
  result.className = 'lm-tool-result';
  const exportTitle = document.createElement('h3');
  exportTitle.textContent = `${t('exportTitle')} · ${t('exportFiltered')}`;
  box.append(row, parkSelect, bar, result, exportTitle, exportButtons({ features: filteredParcels, query: () => ({ ...parcelsQuery(), asOf: parcelsAsOf() }) }, 'export-filtered', 'landmap-filtered'));
  renderSketchBar();
  renderClear();
}

export function initTools(container, map) {
  map.createPane('lm-tools').style.zIndex = '475'; // above the data and the selection's outline
  kept = L.layerGroup().addTo(map);
  hits = L.geoJSON(null, {
    pane: 'lm-tools', interactive: false,
    style: () => ({ color: '#FF6D00', weight: 3, fillColor: '#FF6D00', fillOpacity: 0.2, className: 'lm-query-hit' }),
  }).addTo(map);
  box = document.createElement('div');
  box.className = 'lm-tools';
  container.append(box);
  render(map);
  onLangChange(() => render(map));
  // The park list fills in once the parks have loaded.
  onChange((what) => {
    if (what === 'data' && box.querySelector('[data-testid=tool-park]').options.length <= 1 && data.parks.length) render(map);
  });
  return {
    state: toolState,
    parkQuery,
    clear: clearResults,
    /** 'line' | 'polygon' (measure) | 'query' (parcels inside); returns the Sketch. */
    start: (kind) => (kind === 'query' ? startSketch('polygon-query', map, polygonQuery) : startSketch(kind, map, measuredResult)),
  };
}
