// The plan on the map (issue 16): regulatory plan zones in force on the map's date coloured by their
// planned use (the vocabulary's land-use colours: GB 50137's, else the class's), control lines by kind,
// protected areas by kind, hatched. Each is an OGC collection read as GeoJSON items like the other
// small layers, and a group in the layer tree with legend sections.
//
// Off by default: the plan covers the whole zone and would hide the parcels' state colours, the map's
// first question; and nothing is fetched until a planning layer is switched on, so the page starts as
// fast as before. Plan zones lie under the parcels (switch Land off to read the plan); control lines
// and protected areas lie over them, so an encroachment shows.
import './planTexts.js';
import { fetchCollection } from './api.js';
import { CONTROL_LINE_KIND, PROTECTED_AREA_KIND, LAND_USE, landUseEntry } from './vocabulary.js';
import { view, onChange } from './store.js';
import { addTreeGroup } from './layerTree.js';
import { addLegendSection, redrawLegend } from './legend.js';
import { UNKNOWN, lookup } from './styles.js';
import { label, t, fmt, onLangChange } from './i18n.js';
import { mapDate, inForceCql, useColour } from './planModel.js';

const L = window.L;

export const PLAN_IDS = ['plan_zones', 'control_lines', 'protected_areas'];
/** The property each layer is coloured and switched by. */
const FIELD = { plan_zones: 'land_use', control_lines: 'kind', protected_areas: 'kind' };
/** Panes: plan zones under the parcels (420), protected areas and control lines over them. */
const Z_INDEX = { plan_zones: 415, protected_areas: 428, control_lines: 435 };

/** The planned uses of the zones in force, code -> { zh, en, color }: the legend's and tree's rows. */
export const PLAN_USE = /** @type {Record<string, { zh: string, en: string, color: string }>} */ ({});

/** What the layers hold: features per layer, the date they were loaded for, the last load. */
export const planState = {
  data: { plan_zones: [], control_lines: [], protected_areas: [] },
  loadedFor: /** @type {Record<string, string>} */ ({}),
  run: /** @type {Promise<unknown>} */ (Promise.resolve()),
  date: () => mapDate(view.year),
};

/** Each layer's own date rule as CQL2: plan zones in force; lines and areas approved (designated) by the day. */
const FILTER = {
  plan_zones: inForceCql,
  control_lines: (d) => `approved_on IS NULL OR approved_on <= DATE('${d}')`,
  protected_areas: (d) => `designated_on IS NULL OR designated_on <= DATE('${d}')`,
};

const zoneColour = (p) => useColour(landUseEntry(p.land_use, p.land_use_edition), (c) => LAND_USE[c]) ?? UNKNOWN.color;
const kindColour = (table, kind) => lookup(table, kind).color ?? UNKNOWN.color;

// Protected areas are hatched: an SVG pattern per kind (Leaflet writes fillColor into the path's
// fill attribute, so `url(#id)` points at it), made once the vocabulary has the kinds' colours.
function hatchId(kind) {
  const id = `lm-hatch-${String(kind).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  if (!document.getElementById(id)) {
    const ns = 'http://www.w3.org/2000/svg';
    let defs = /** @type {Element | null} */ (document.getElementById('lm-hatches'));
    if (!defs) {
      const svg = document.createElementNS(ns, 'svg');
      svg.setAttribute('width', '0');
      svg.setAttribute('height', '0');
      svg.style.position = 'absolute';
      defs = document.createElementNS(ns, 'defs');
      defs.id = 'lm-hatches';
      svg.append(defs);
      document.body.append(svg);
    }
    const colour = kindColour(PROTECTED_AREA_KIND, kind);
    const pattern = document.createElementNS(ns, 'pattern');
    for (const [k, v] of Object.entries({ id, patternUnits: 'userSpaceOnUse', width: '8', height: '8', patternTransform: 'rotate(45)' })) pattern.setAttribute(k, v);
    const back = document.createElementNS(ns, 'rect');
    for (const [k, v] of Object.entries({ width: '8', height: '8', fill: colour, 'fill-opacity': '0.15' })) back.setAttribute(k, v);
    const stripe = document.createElementNS(ns, 'rect');
    for (const [k, v] of Object.entries({ width: '3', height: '8', fill: colour, 'fill-opacity': '0.7' })) stripe.setAttribute(k, v);
    pattern.append(back, stripe);
    defs.append(pattern);
  }
  return `url(#${id})`;
}

const STYLE = {
  plan_zones: (f) => ({
    color: '#ffffff', weight: 1, fillColor: zoneColour(f.properties), fillOpacity: 0.65,
    className: `lm-plan-zone lm-plan-use-${f.properties.land_use}`,
  }),
  control_lines: (f) => {
    const colour = kindColour(CONTROL_LINE_KIND, f.properties.kind);
    return { color: colour, weight: 1.5, fillColor: colour, fillOpacity: 0.4, className: `lm-control-line lm-kind-${f.properties.kind}` };
  },
  protected_areas: (f) => ({
    color: kindColour(PROTECTED_AREA_KIND, f.properties.kind), weight: 1.5, dashArray: '5 3',
    fillColor: hatchId(f.properties.kind), fillOpacity: 1, className: `lm-protected-area lm-kind-${f.properties.kind}`,
  }),
};

const pct = (v) => (v == null ? '—' : `${fmt(Number(v) * 100, 1)} %`);
const range = (a, b) => (a == null && b == null ? '—' : `${a ?? '—'} – ${b ?? '—'}`);
const useName = (p) => `${p.land_use} ${label(landUseEntry(p.land_use, p.land_use_edition))}`;

// Popup rows: [[zh, en], value].
const ROWS = {
  plan_zones: (p) => [[['规划地块', 'Plan zone'], p.code], [['规划名称', 'Plan'], p.plan_name], [['版本', 'Edition'], p.edition],
    [['用地性质', 'Planned use'], useName(p)], [['容积率', 'Plot ratio'], range(p.plot_ratio_min, p.plot_ratio_max)],
    [['建筑密度上限', 'Density max'], pct(p.building_density_max)], [['绿地率下限', 'Green ratio min'], pct(p.green_ratio_min)],
    [['建筑限高', 'Height limit'], p.height_max_m == null ? '—' : `${p.height_max_m} m`],
    [['批准', 'Approved'], [p.approval_doc, p.approved_on].filter(Boolean).join(' ')], [['废止', 'Repealed on'], p.repealed_on ?? '—']],
  control_lines: (p) => [[['编号', 'Code'], p.code], [['名称', 'Name'], p.name], [['类型', 'Kind'], label(lookup(CONTROL_LINE_KIND, p.kind))],
    [['控制宽度', 'Width'], p.width_m == null ? '—' : `${p.width_m} m`], [['面积', 'Area'], `${fmt(p.area_m2, 0)} m²`]],
  protected_areas: (p) => [[['编号', 'Code'], p.code], [['名称', 'Name'], p.name], [['类型', 'Kind'], label(lookup(PROTECTED_AREA_KIND, p.kind))],
    [['面积', 'Area'], `${fmt(p.area_mu, 2)} ${t('mu')}`]],
};

function popup(id, p) {
  const root = document.createElement('div');
  root.className = `lm-popup lm-popup-${id}`;
  root.dataset.testid = `popup-${id}`;
  const title = document.createElement('h3');
  title.textContent = t(id);
  const list = document.createElement('dl');
  for (const [[zh, en], value] of ROWS[id](p)) {
    const dt = document.createElement('dt');
    dt.textContent = label({ zh, en });
    const dd = document.createElement('dd');
    dd.textContent = value == null || value === '' ? '—' : String(value);
    list.append(dt, dd);
  }
  root.append(title, list);
  return root;
}

const layers = {};
let note;

function visibleFeatures(id) {
  if (view.off.has(id)) return [];
  return planState.data[id].filter((f) => !view.hidden[id].has(f.properties[FIELD[id]]));
}

function draw(id) {
  layers[id].clearLayers();
  const features = visibleFeatures(id);
  if (features.length) layers[id].addData({ type: 'FeatureCollection', features });
}

/** The uses of the zones in force, in code order, as the legend's and the tree's rows. */
function fillPlanUses() {
  for (const key of Object.keys(PLAN_USE)) delete PLAN_USE[key];
  const seen = new Map();
  for (const f of planState.data.plan_zones) seen.set(f.properties.land_use, f.properties);
  for (const code of [...seen.keys()].sort()) {
    const p = seen.get(code);
    const entry = landUseEntry(code, p.land_use_edition);
    PLAN_USE[code] = { zh: `${code} ${entry?.zh ?? ''}`.trim(), en: `${code} ${entry?.en ?? ''}`.trim(), color: zoneColour(p) };
  }
}

/** Load what is switched on and not yet loaded for the map's date; redraw all three. */
function update(tree) {
  const date = planState.date();
  note.textContent = `${t('planDate', { date })} ${t('planLayersNote')}`;
  const loads = PLAN_IDS.filter((id) => !view.off.has(id) && planState.loadedFor[id] !== date).map(async (id) => {
    planState.loadedFor[id] = date;
    const collection = await fetchCollection(id, { filter: FILTER[id](date) });
    if (planState.loadedFor[id] !== date) return; // the date moved meanwhile: its own load draws
    planState.data[id] = collection.features;
    if (id === 'plan_zones') {
      fillPlanUses();
      tree.render();
    }
  });
  for (const id of PLAN_IDS) draw(id);
  planState.run = Promise.all(loads).then(() => {
    for (const id of PLAN_IDS) draw(id);
    redrawLegend();
  }, (error) => console.error('LandMap: loading the plan failed', error));
  redrawLegend();
  return planState.run;
}

/** Make the three layers (off), their tree group and legend sections. */
export function initPlanLayers(map, tree, container) {
  for (const id of PLAN_IDS) {
    view.off.add(id);
    view.hidden[id] = new Set();
    const pane = `lm-${id}`;
    map.createPane(pane).style.zIndex = String(Z_INDEX[id]);
    layers[id] = L.geoJSON(null, {
      pane, style: STYLE[id],
      onEachFeature: (f, layer) => layer.bindPopup(() => popup(id, f.properties), { maxWidth: 320 }),
    }).addTo(map);
  }
  addTreeGroup({
    group: 'planning',
    layers: [
      { id: 'plan_zones', table: PLAN_USE, swatchKind: 'fill' },
      { id: 'control_lines', table: CONTROL_LINE_KIND, swatchKind: 'fill' },
      { id: 'protected_areas', table: PROTECTED_AREA_KIND, swatchKind: 'fill' },
    ],
  });
  const hatch = (el, code) => { el.style.background = `repeating-linear-gradient(45deg, ${kindColour(PROTECTED_AREA_KIND, code)} 0 2px, transparent 2px 5px)`; };
  addLegendSection({ title: 'planUses', kind: 'plan', table: PLAN_USE, swatch: 'fill', visible: () => !view.off.has('plan_zones') });
  addLegendSection({ title: 'controlLineKinds', kind: 'control', table: CONTROL_LINE_KIND, swatch: 'fill', visible: () => !view.off.has('control_lines') });
  addLegendSection({ title: 'protectedAreaKinds', kind: 'protected', table: PROTECTED_AREA_KIND, swatch: 'fill', look: hatch,
    visible: () => !view.off.has('protected_areas') });
  note = document.createElement('p');
  note.className = 'lm-note';
  note.dataset.testid = 'plan-date';
  container.append(note);
  tree.render();
  onChange((what) => { if (what === 'view' || what === 'year') update(tree); });
  onLangChange(() => update(tree));
  update(tree);
  return { state: planState, layers, uses: PLAN_USE, ready: () => planState.run };
}
