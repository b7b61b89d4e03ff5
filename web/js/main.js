// Entry point: make the map, its controls and the six layers, load them in parallel, and
// publish window.landmap for browser tests and the console.
import { fetchCollection } from './api.js';
import { LAYER_DEFS, createLayers } from './layers.js';
import { addLegend } from './legend.js';
import { parkNames } from './popup.js';
import { showLoading, showResults } from './status.js';

const L = window.L;

// Zone label point 120.81 E, 27.84 N. GeoJSON would write [120.81, 27.84] (lon, lat);
// Leaflet's LatLng takes (lat, lon), hence the flip. Only used until the parks load.
const ZONE_CENTER = L.latLng(27.84, 120.81);

// Half-zoom steps let fitBounds frame the parks more tightly than whole zoom levels.
const map = L.map('map', { center: ZONE_CENTER, zoom: 12, zoomSnap: 0.5 });
map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);

// Base layers. "无底图" is an empty group: the default, so nothing is fetched from the
// internet unless a user picks OpenStreetMap (the map must work offline on its own).
const baseLayers = {
  无底图: L.layerGroup(),
  OpenStreetMap: L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> 贡献者',
  }),
};
baseLayers['无底图'].addTo(map);

const layers = createLayers(map);
const overlays = {};
for (const def of LAYER_DEFS) {
  layers[def.id].addTo(map);
  overlays[def.zh] = layers[def.id];
}
// Collapsed on narrow screens so the control does not cover the map.
L.control.layers(baseLayers, overlays, { collapsed: window.innerWidth < 800 }).addTo(map);
addLegend(map);

async function loadLayer(def) {
  try {
    const collection = await fetchCollection(def.id);
    layers[def.id].addData(collection);
    if (def.id === 'parks') onParksLoaded(collection);
    return { def, count: collection.features.length };
  } catch (error) {
    console.error(`LandMap: loading ${def.id} failed`, error);
    return { def, error };
  }
}

function onParksLoaded(collection) {
  for (const f of collection.features) {
    if (f.properties?.code) parkNames.set(f.properties.code, f.properties.name_zh);
  }
  fitTo([layers.parks]);
}

// Fit to the first layers that have any bounds (parks first; everything if no parks).
function fitTo(candidates) {
  const bounds = L.latLngBounds([]);
  for (const layer of candidates) {
    if (layer.getLayers().length) bounds.extend(layer.getBounds());
  }
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20] });
  return bounds.isValid();
}

showLoading();
const ready = Promise.all(LAYER_DEFS.map(loadLayer)).then((results) => {
  showResults(results);
  if (!layers.parks.getLayers().length) fitTo(Object.values(layers));
  const failed = results.filter((r) => r.error);
  if (failed.length) {
    throw new Error(`LandMap: ${failed.map((r) => r.def.id).join(', ')} failed to load`);
  }
  return Object.fromEntries(results.map((r) => [r.def.id, r.count]));
});
// Failures are already shown and logged; this handler keeps them from also surfacing as
// an "unhandled rejection". Anyone awaiting landmap.ready still sees the rejection.
ready.catch(() => {});

// Stable hooks for browser tests: ready resolves to { parks: n, parcels: n, ... } once
// all six layers are on the map, and rejects if any of them failed.
window.landmap = { map, layers, baseLayers, ready };
