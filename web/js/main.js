// Entry point: make the map, its panels and the six layers, load them in parallel, and
// publish window.landmap for browser tests and the console.
import { fetchCollection, fetchVocabulary, webConfig } from './api.js';
import { fillVocabulary } from './vocabulary.js';
import { styleRoadStates } from './styles.js';
import { LAYER_DEFS, createLayers, refresh, setSelectHandler } from './layers.js';
import { addLegend, showLegendTotals } from './legend.js';
import { parkNames, projectsByCode } from './popup.js';
import { showLoading, showResults } from './status.js';
import { applyStatic, setLang, lang, t, onLangChange, relabel } from './i18n.js';
import { data, view, changed, onChange } from './store.js';
import { startParcels, parcelsState, reloadParcels } from './parcels.js';
import { viewTotals, filteredTotals } from './viewTotals.js';
import { initTabs, whenShown, showTab } from './tabs.js';
import { initBasemaps } from './basemaps.js';
import { initLayerTree } from './layerTree.js';
import { initSidePanel, select } from './sidePanel.js';
import { initFilters } from './filters.js';
import { initSearch } from './search.js';
import { initStats } from './stats.js';
import { initTools } from './tools.js';
import { initUpload } from './upload.js';
import { initSupervision } from './supervision.js';
import { initSupervisionLayer, selectParcel } from './supervisionLayer.js';
import { procedureState } from './procedure.js';
import { initPlanLayers } from './planLayers.js';
import { initSiteCheck } from './siteCheck.js';
import { initCompliance } from './compliance.js';
import { initPrint } from './print.js';
import { fitClear, keepSized } from './room.js';

const L = window.L;

// Zone label point 120.81 E, 27.84 N. GeoJSON would write [120.81, 27.84] (lon, lat);
// Leaflet's LatLng takes (lat, lon), hence the flip. Only used until the parks load.
const ZONE_CENTER = L.latLng(27.84, 120.81);

applyStatic(document);

// The vocabulary before the layers: the legend, layer tree, filters and colours are drawn from
// it (relabel() redraws the panels built meanwhile). Without it the map still loads, every code
// shown as it is and in the unknown grey.
const vocabularyLoaded = fetchVocabulary().then((vocabulary) => {
  fillVocabulary(vocabulary);
  styleRoadStates();
  relabel();
}, (error) => console.error('LandMap: loading the vocabulary failed', error));
document.getElementById('lang-switch').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));

// Half-zoom steps let fitBounds frame the parks more tightly than whole zoom levels.
const map = L.map('map', { center: ZONE_CENTER, zoom: 12, zoomSnap: 0.5, minZoom: 8, maxZoom: 20 });
map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
keepSized(map); // folding a panel or turning the tablet resizes the map: Leaflet must know

const layers = createLayers(map);
for (const def of LAYER_DEFS) layers[def.id].addTo(map);
addLegend(map);

setSelectHandler((kind, feature) => select(kind, feature));
initSidePanel(map);
initTabs();
const tree = initLayerTree(document.getElementById('tab-layers'));
const configLoaded = webConfig().then((config) => initBasemaps(map, document.getElementById('tab-layers'), config));
const filters = initFilters(document.getElementById('tab-filters'));
const search = initSearch(document.getElementById('tab-search'));
const stats = initStats(document.getElementById('tab-stats'));
whenShown('tab-stats', () => stats.show());
const tools = initTools(document.getElementById('tab-tools'), map);
const upload = initUpload(document.getElementById('tab-upload'), map);
const print = initPrint(map);
initSupervisionLayer(map);
const supervision = initSupervision(document.getElementById('tab-supervision'));
// Planning (issue 16): the plan's layers in the tree, the site check among the tools, the compliance filter.
const plan = initPlanLayers(map, tree, document.getElementById('tab-layers'));
const siteCheck = initSiteCheck(document.getElementById('tab-tools'), map);
const compliance = initCompliance(document.getElementById('tab-filters'), map);
whenShown('tab-supervision', () => supervision.open());
// A step recorded in a parcel's panel: the map's states, the panel and the lists as the server now answers.
procedureState.afterRecord = async (code) => {
  await reloadParcels();
  await selectParcel(code, { zoom: false });
  if (supervision.state.opened) await supervision.refresh();
};

// Everything that is not parcels is small: loaded once, filtered in the page.
async function loadLayer(def) {
  try {
    const count = def.id === 'parcels'
      ? await startParcels(map, layers, (kind, feature) => select(kind, feature))
      : await loadSmall(def.id);
    return { def, count };
  } catch (error) {
    console.error(`LandMap: loading ${def.id} failed`, error);
    return { def, error };
  }
}

async function loadSmall(id) {
  const collection = await fetchCollection(id);
  data[id] = collection.features;
  if (id === 'parks') {
    for (const f of collection.features) parkNames.set(f.properties.code, { zh: f.properties.name_zh, en: f.properties.name_en });
  }
  if (id === 'projects') for (const f of collection.features) projectsByCode.set(f.properties.code, f.properties);
  refresh(layers, id);
  if (id === 'parks') fitTo([layers.parks]);
  changed('data');
  return collection.features.length;
}

// Fit to the first layers that have any bounds (parks first; everything if no parks).
function fitTo(candidates) {
  const bounds = L.latLngBounds([]);
  for (const layer of candidates) if (layer.getLayers().length) bounds.extend(layer.getBounds());
  fitClear(map, bounds, { maxZoom: 20, margin: 20 });
  return bounds.isValid();
}

// Switches and filters: small layers redraw here, parcels in parcels.js; labels on language.
onChange((what) => {
  if (what === 'view') {
    for (const def of LAYER_DEFS) if (def.id !== 'parcels') refresh(layers, def.id);
  }
  scheduleTotals();
});
onLangChange(() => {
  refresh(layers, 'parks'); // park and project labels
  refresh(layers, 'projects');
  scheduleTotals();
});

// Legend totals for the view, at most one request in flight: a new view or year cancels the
// request of the last one (AbortController), so slides and pans never queue requests at the server.
let totalsTimer = null;
let totalsRun = Promise.resolve();
let totalsAsked = 0;
let totalsAbort = null;
function scheduleTotals() {
  clearTimeout(totalsTimer);
  totalsTimer = setTimeout(() => {
    totalsTimer = null;
    const asked = ++totalsAsked; // a slow answer for an earlier view must not overwrite a newer one
    totalsAbort?.abort();
    totalsAbort = new AbortController();
    totalsRun = viewTotals(map, totalsAbort.signal)
      .then((totals) => { if (asked === totalsAsked) showLegendTotals(totals); })
      .catch((e) => { if (e.name !== 'AbortError') console.warn('LandMap: view totals', e); });
  }, 150);
}
map.on('moveend', scheduleTotals);

showLoading();
const ready = vocabularyLoaded.then(() => Promise.all(LAYER_DEFS.map(loadLayer))).then(async (results) => {
  showResults(results);
  if (!layers.parks.getLayers().length) fitTo(Object.values(layers));
  await configLoaded;
  const failed = results.filter((r) => r.error);
  if (failed.length) {
    throw new Error(`LandMap: ${failed.map((r) => r.def.id).join(', ')} failed to load`);
  }
  return Object.fromEntries(results.map((r) => [r.def.id, r.count]));
});
// Failures are already shown and logged; this handler keeps them from also surfacing as
// an "unhandled rejection". Anyone awaiting landmap.ready still sees the rejection.
ready.catch(() => {});

/** Resolves once the legend totals reflect the current view and filters. */
async function settled() {
  await ready;
  await parcelsState.loading;
  scheduleTotals();
  // Until the totals asked last are shown: a change meanwhile (a late 'data', a move) asks again.
  let asked;
  do {
    asked = totalsAsked;
    await new Promise((r) => setTimeout(r, 200));
    await totalsRun;
  } while (totalsTimer !== null || asked !== totalsAsked);
}

// Stable hooks for browser tests and the console: ready resolves to { parks: n, ... } once
// all six layers are on the map, and rejects if any of them failed.
window.landmap = {
  map, layers, ready, data, view, changed, settled, select, showTab, t,
  parcels: parcelsState, reloadParcels, filteredTotals, viewTotals: () => viewTotals(map),
  tree, filters, search, stats, tools, upload, supervision, procedure: procedureState, selectParcel,
  plan, siteCheck, compliance, print,
};
