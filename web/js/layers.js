// One L.geoJSON layer per OGC collection, the way Leaflet's GeoJSON tutorial does: the look
// comes from styles.js (data), the behaviour from the named callbacks style / onEachFeature /
// pointToLayer below. Which features are drawn is store.js's matches(); refresh() redraws.
import {
  PARCEL_STATUS, PROJECT_STAGE, ROAD_STAGE, ROAD_WIDTH, RIVER_STATE,
  PARK_STYLE, RESERVOIR_STYLE, lookup,
} from './styles.js';
import { data, matches, parcelStatus } from './store.js';
import { lang } from './i18n.js';

const L = window.L; // Leaflet is a classic script (/vendor/leaflet/leaflet.js), not a module

// The map's layers, bottom to top. Each gets its own pane with a fixed z-index, so the
// drawing order does not depend on which fetch happens to finish first.
export const LAYER_DEFS = [
  { id: 'parks', zIndex: 410 },
  { id: 'parcels', zIndex: 420 },
  { id: 'reservoirs', zIndex: 430 },
  { id: 'rivers', zIndex: 440 },
  { id: 'roads', zIndex: 450 },
  { id: 'projects', zIndex: 460 },
];

/** @type {(kind: string, feature: object) => void} */
let onSelect = () => {};
/** Who is told when a feature is clicked: fn(kind, feature). */
export function setSelectHandler(fn) {
  onSelect = fn;
}

// --- style callbacks: feature -> Leaflet path options -------------------------------
// className puts the code on the SVG path, so tests and CSS can find e.g. a status.

function parkStyle() {
  return { ...PARK_STYLE, className: 'lm-park' };
}

export function parcelStyle(feature) {
  const status = parcelStatus(feature.properties);
  return {
    color: '#555555', weight: 1, fillOpacity: 0.7,
    fillColor: lookup(PARCEL_STATUS, status).color,
    className: `lm-parcel lm-status-${status}`,
  };
}

function roadStyle(feature) {
  const { stage, grade } = feature.properties;
  const look = lookup(ROAD_STAGE, stage);
  return {
    color: look.color, dashArray: look.dashArray ?? null,
    weight: ROAD_WIDTH[grade] ?? 2, opacity: 0.9,
    className: `lm-road lm-stage-${stage}`,
  };
}

function riverStyle(feature) {
  const state = feature.properties.rectification;
  return {
    color: lookup(RIVER_STATE, state).color, weight: 3, opacity: 0.85,
    className: `lm-river lm-rectification-${state}`,
  };
}

function reservoirStyle() {
  return { ...RESERVOIR_STYLE, className: 'lm-reservoir' };
}

function projectStyle(feature) {
  const stage = feature.properties.stage;
  return {
    radius: projectRadius(feature.properties.investment_yi),
    color: '#222222', weight: 1.5, fillOpacity: 0.95,
    fillColor: lookup(PROJECT_STAGE, stage).color,
    className: `lm-project lm-stage-${stage}`,
    pane: paneName('projects'), // pointToLayer markers do not inherit the geoJSON options
  };
}

// Area of the dot grows with investment (sqrt), bounded so small projects stay clickable.
function projectRadius(investmentYi) {
  const yi = Number(investmentYi);
  if (!Number.isFinite(yi) || yi <= 0) return 6;
  return Math.min(16, 6 + 2 * Math.sqrt(yi));
}

// --- pointToLayer: projects are circle markers, not the default pin image -------------
// Leaflet has already turned the GeoJSON position [lon, lat] into latlng (lat, lon) here.
function projectPointToLayer(feature, latlng) {
  return L.circleMarker(latlng, projectStyle(feature));
}

// --- onEachFeature: selection, hover highlight, labels ---------------------------------

function bindCommon(kind) {
  return function onEachFeature(feature, layer) {
    // One place for a feature's details: the side panel (sidePanel.js). No Leaflet popup as well,
    // which said the same and covered the very parcel clicked (issue 17).
    layer.on('click', () => onSelect(kind, feature));
  };
}

// bindTooltip sets a string as HTML; pass a text node so a name is never markup.
const textTooltip = (text) => document.createTextNode(text ?? '');

function parkOnEachFeature(feature, layer) {
  bindCommon('parks')(feature, layer);
  const p = feature.properties;
  const name = lang() === 'en' ? p.name_en : p.name_zh;
  if (name) layer.bindTooltip(textTooltip(name), { permanent: true, direction: 'center', className: 'lm-park-label' });
}

function parcelOnEachFeature(feature, layer) {
  bindCommon('parcels')(feature, layer);
  layer.on({
    mouseover: () => layer.setStyle({ weight: 3, color: '#000000' }),
    mouseout: () => layer.setStyle(parcelStyle(feature)),
  });
}

function projectOnEachFeature(feature, layer) {
  bindCommon('projects')(feature, layer);
  const p = feature.properties;
  const name = lang() === 'en' ? p.name_en ?? p.name_zh : p.name_zh;
  if (name) layer.bindTooltip(textTooltip(name), { direction: 'top' });
}

export function paneName(id) {
  return `lm-${id}`;
}

const OPTIONS = {
  parks: { style: parkStyle, onEachFeature: parkOnEachFeature },
  parcels: { style: parcelStyle, onEachFeature: parcelOnEachFeature },
  reservoirs: { style: reservoirStyle, onEachFeature: bindCommon('reservoirs') },
  rivers: { style: riverStyle, onEachFeature: bindCommon('rivers') },
  roads: { style: roadStyle, onEachFeature: bindCommon('roads') },
  projects: { pointToLayer: projectPointToLayer, onEachFeature: projectOnEachFeature },
};

/** Create the panes and the (still empty) layers. */
export function createLayers(map) {
  const layers = {};
  for (const def of LAYER_DEFS) {
    map.createPane(paneName(def.id)).style.zIndex = String(def.zIndex);
    // geoJSON passes its options (pane included) to every polygon and line it makes.
    layers[def.id] = L.geoJSON(null, { ...OPTIONS[def.id], pane: paneName(def.id) });
  }
  return layers;
}

/** Redraw one layer from store.data with the current switches and filters. */
export function refresh(layers, id) {
  const layer = layers[id];
  layer.clearLayers();
  const features = data[id].filter((f) => matches(id, f.properties));
  if (features.length) layer.addData({ type: 'FeatureCollection', features });
}
