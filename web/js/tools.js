// Tools: measure a distance or an area on the ellipsoid; draw a polygon or pick a park and
// list the parcels inside with their total area (the server's POST /api/parcels/area and
// /api/parcels/intersecting, /api/parks/{code}/parcels); export the selection or the
// filtered parcels.
import { Sketch } from './sketch.js';
import { lengthMetres, areaSquareMetres, formatLength, formatArea } from './measure.js';
import { parcelsArea, parcelsIntersecting, parkParcels } from './api.js';
import { data, filteredParcels, onChange, parcelsQuery } from './store.js';
import { parcelsAsOf } from './parcels.js';
import { equals, intersects } from './cql.js';
import { exportButtons } from './exportData.js';
import { select } from './sidePanel.js';
import { parkNames } from './popup.js';
import { t, label, fmt, onLangChange } from './i18n.js';

const MAX_LISTED = 500;

export const toolState = { sketch: null, measure: null, selection: [], total: null, run: Promise.resolve() };
let box;
let result;

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
  const table = document.createElement('table');
  table.className = 'lm-table';
  table.dataset.testid = 'tool-parcels';
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
  result.append(exportButtons({ features: () => toolState.selection, query: () => ({ filter }) }, 'export-selection', name), table);
}

async function measuredResult(sketch) {
  await showMeasure(sketch);
  sketch.remove();
  return toolState.measure;
}

async function polygonQuery(sketch) {
  const geometry = sketch.geometry();
  toolState.geometry = geometry;
  sketch.remove();
  if (sketch.points.length < 3) return null;
  const [total, collection] = await Promise.all([parcelsArea({ geometry }), parcelsIntersecting(geometry)]);
  await listParcels(total, collection, 'landmap-polygon', intersects(geometry));
  return total;
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
}

export function initTools(container, map) {
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
    /** 'line' | 'polygon' (measure) | 'query' (parcels inside); returns the Sketch. */
    start: (kind) => (kind === 'query' ? startSketch('polygon-query', map, polygonQuery) : startSketch(kind, map, measuredResult)),
  };
}
