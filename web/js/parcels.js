// Where the parcels come from. Two modes, chosen from the collection's size:
// - "features": up to FULL_LIMIT parcels are loaded once as GeoJSON (every one clickable); which
//   of them pass the filters, and in which state, the server answers per filter change
//   (/api/parcels/shown, one request; totals from the server too);
// - "tiles": more than that (the 1,000,000-parcel set) are drawn from vector tiles (holding
//   only what the filter selects, coloured by the state at the year's end) below
//   DETAIL_ZOOM, and loaded as clickable GeoJSON (on a canvas renderer) for the view and a
//   margin around it from DETAIL_ZOOM on; a pan inside that margin loads nothing.
// Either way store.data.parcels holds the parcels the page can list, count and export.
import { fetchCollection, countItems, tileUrl, parcelsAt, parcelsShown } from './api.js';
import { data, view, changed, parcelsQuery, yearFilter, yearEnd, shown, onChange } from './store.js';
import { refresh } from './layers.js';
import { PARCEL_STATUS } from './styles.js';
import { MvtLayer } from './mvtLayer.js';
import { whileBusy } from './busy.js';

const L = window.L;
export const FULL_LIMIT = 20000;
export const DETAIL_ZOOM = 17;

export const parcelsState = { mode: 'features', total: 0, tiles: null, loading: null, loaded: null, historyFrom: null, heldAsOf: undefined };

/**
 * The year's moment for the server's history (items?asOf=), when the kept history reaches back
 * that far (the oldest current version's updated_at); before that, the lifecycle dates alone
 * tell how the zone stood (the server's shown states on the year's end, store.yearFilter).
 */
export function parcelsAsOf() {
  if (view.year == null || !parcelsState.historyFrom) return null;
  const end = `${yearEnd(view.year)}T23:59:59Z`;
  return end >= parcelsState.historyFrom ? end : null;
}

let map;
let layers;
/** @type {(kind: string, feature: object) => void} */
let selectAt = () => {};

/** Start: count the parcels, pick the mode, load. Resolves to the number of parcels. */
export async function startParcels(theMap, theLayers, onClickAt) {
  map = theMap;
  layers = theLayers;
  selectAt = onClickAt;
  parcelsState.total = await countItems('parcels');
  // ?parcels=tiles or ?parcels=features forces a mode (tests, and to compare the two).
  const forced = new URLSearchParams(location.search).get('parcels');
  if (forced === 'tiles' || (forced !== 'features' && parcelsState.total > FULL_LIMIT)) startTiles();
  await reloadParcels();
  onChange((what) => {
    // A year on the slider: the busy sign stays up until the map is drawn for it (issue 17 §3).
    if (what === 'year' && parcelsState.mode === 'features' && parcelsAsOf() === parcelsState.heldAsOf) {
      // The held parcels are the year's (every parcel, or the history's same moment): which of
      // them show, in which state, is one question to the server, and nothing is loaded again.
      // 'data' as after a load: the legend, lists and counts follow the year's answer.
      whileBusy(map.getContainer(), reselect().then(() => changed('data'))).catch(() => {});
    } else if (what === 'year' || (what === 'view' && parcelsState.mode === 'tiles')) {
      const work = reloadParcels().catch((error) => console.error('LandMap: reloading parcels failed', error));
      if (what === 'year') whileBusy(map.getContainer(), work.then(() => parcelsState.tiles?.idle()));
    }
    else if (what === 'view') reselect();
  });
  return parcelsState.total;
}

function startTiles() {
  parcelsState.mode = 'tiles';
  // 512 px tiles one zoom up (zoomOffset -1): a quarter of the requests for the same screen; the
  // server caps each tile at 20,000 parcels, biggest first, so little is lost at low zoom.
  // The tiles hold what the server selects (the filter as CQL2, the state at the year's end).
  const tiles = new MvtLayer(tileUrl('parcels', parcelsQuery()), {
    pane: 'lm-parcels', tileSize: 512, zoomOffset: -1, maxNativeZoom: 22, maxZoom: DETAIL_ZOOM - 1,
    colours: colours(),
  });
  parcelsState.tiles = tiles;
  tiles.addTo(map);
  // Parks lie under the parcels: with tiles (not clickable paths) park shapes would take the
  // clicks meant for the parcels, so they let them through to the map (panel.css).
  map.getContainer().classList.add('lm-tiles-mode');
  // Thousands of clickable parcels draw faster on one canvas than as SVG paths.
  layers.parcels.options.renderer = L.canvas({ pane: 'lm-parcels', padding: 0.5 });
  map.on('moveend', () => {
    if (map.getZoom() < DETAIL_ZOOM) clearDetail();
    else if (!parcelsState.loaded?.contains(map.getBounds())) reloadParcels();
  });
  map.on('click', async (e) => {
    if (map.getZoom() >= DETAIL_ZOOM) return; // clickable features there
    if (map.getContainer().classList.contains('lm-sketching')) return; // a tool is taking the clicks
    // Leaflet's latlng is (lat, lng); the API's GeoJSON wants [lon, lat].
    const found = await parcelsAt(e.latlng.lng, e.latlng.lat);
    if (found.features.length) selectAt('parcels', found.features[0]);
  });
}

const colours = () => Object.fromEntries(Object.entries(PARCEL_STATUS).map(([k, v]) => [k, v.color]));

function clearDetail() {
  parcelsState.loaded = null;
  if (!data.parcels.length) return;
  data.parcels = [];
  refresh(layers, 'parcels');
  changed('data');
}

let shownAsked = 0;
let shownKey = '';

/**
 * Ask the server which parcels the view's filters select, and in which state each is shown
 * (/api/parcels/shown, one request): resolves to code -> state, or null when a newer question
 * was asked meanwhile (its answer is the one to draw).
 * @param {string | null} [bbox]
 */
function askShown(bbox = null) {
  const asked = ++shownAsked;
  const query = { ...parcelsQuery(), bbox };
  shownKey = JSON.stringify(query);
  return parcelsShown(query).then((answer) =>
    (asked === shownAsked ? new Map(Object.entries(answer?.states ?? {})) : null));
}

/** The held parcels again after a filter change (feature mode): the server's new selection, drawn
 * when it comes; nothing asked when the change leaves the parcels' query as it was. */
function reselect() {
  if (JSON.stringify({ ...parcelsQuery(), bbox: null }) === shownKey) return Promise.resolve();
  const run = askShown().then((states) => {
    if (!states) return;
    shown.byCode = states;
    refresh(layers, 'parcels');
  }, (error) => console.error('LandMap: asking which parcels the filters select failed', error));
  // Loaded means both: a load under way and this answer (settled() waits on it).
  parcelsState.loading = Promise.allSettled([parcelsState.loading, run]);
  return run;
}

let loads = 0;

/** (Re)load the parcels the mode calls for, with the year's filter applied by the server, and the
 * server's answer which of them pass the view's filters. */
export async function reloadParcels() {
  let load;
  if (parcelsState.mode === 'features') {
    // Both in one go; a failure fails the load (the page has no rule of its own to fall back on).
    // Every parcel (or, when the kept history reaches the year, the parcels as they were then):
    // the server's answer to the filters says which show, so a year needs no load of its own.
    const asOf = parcelsAsOf();
    parcelsState.heldAsOf = asOf;
    load = Promise.all([fetchCollection('parcels', { filter: asOf ? yearFilter() : null, asOf }), askShown()]);
  } else if (map.getZoom() >= DETAIL_ZOOM) {
    const b = map.getBounds().pad(0.5); // bbox is lon,lat order: west, south, east, north
    parcelsState.loaded = b;
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].join(',');
    load = Promise.all([fetchCollection('parcels', { ...parcelsQuery(), bbox }), askShown(bbox)]);
  } else {
    parcelsState.tiles?.select(tileUrl('parcels', parcelsQuery()), colours());
    changed('data');
    return data.parcels;
  }
  const asked = ++loads;
  parcelsState.loading = load;
  const [collection, states] = await load;
  if (asked !== loads) return data.parcels; // a newer load started meanwhile
  data.parcels = collection.features;
  if (states) shown.byCode = states; // else a newer question's answer is drawn when it comes
  if (view.year == null && parcelsState.mode === 'features' && !parcelsState.historyFrom) {
    // updated_at is an ISO date-time: the smallest string is the oldest.
    const times = collection.features.map((f) => f.properties.updated_at).filter(Boolean).map((t) => new Date(t).toISOString());
    parcelsState.historyFrom = times.length ? times.reduce((a, b) => (a < b ? a : b)) : null;
  }
  refresh(layers, 'parcels');
  changed('data');
  return data.parcels;
}
