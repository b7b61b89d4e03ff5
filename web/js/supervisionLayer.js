// The supervision lists on the map: an outline layer over exactly the parcels of the lists switched
// on (fetched by CQL2 `code IN (...)`: the lists are the API's answer, the page adds none), and a
// listed parcel selected and framed clear of the panels and the legend that cover the map.
import { fetchCollection, fetchPage } from './api.js';
import { codesFilters } from './supervisionModel.js';
import { equals } from './cql.js';
import { data } from './store.js';
import { select } from './sidePanel.js';
import { fitClear } from './room.js';

const L = window.L;
let map;
let outlines;
let drawn = Promise.resolve();
let asked = 0;

export function initSupervisionLayer(theMap) {
  map = theMap;
  map.createPane('lm-supervision').style.zIndex = '460'; // above the parcels, below the selection's highlight
  outlines = L.geoJSON(null, {
    pane: 'lm-supervision', interactive: false,
    style: () => ({ color: '#C2185B', weight: 3, dashArray: '6 4', fill: true, fillOpacity: 0.08, className: 'lm-supervision-outline' }),
  }).addTo(map);
}

/** Outline exactly these parcels (none: clear). Resolves when drawn; a newer call wins. */
export function outline(codes) {
  const mine = ++asked;
  drawn = Promise.all(codesFilters(codes).map((filter) => fetchCollection('parcels', { filter })))
    .then((pages) => {
      if (mine !== asked) return;
      outlines.clearLayers();
      for (const page of pages) outlines.addData(page);
    });
  return drawn;
}

/** The codes the outline layer shows now (after the last outline() resolved). */
export async function outlinedCodes() {
  await drawn;
  return outlines.getLayers().map((layer) => layer.feature.properties.code).sort();
}

/** Fit a feature in the part of the map no panel or legend covers. */
export function zoomClear(feature) {
  fitClear(map, L.geoJSON(feature).getBounds());
}

/** Select a parcel by code (held, else asked of the server), open its panel and frame it (unless zoom is false). */
export async function selectParcel(code, { zoom = true } = {}) {
  let feature = data.parcels.find((f) => f.properties.code === code);
  if (!feature) feature = (await fetchPage('parcels', { filter: equals('code', code), limit: 1 })).features?.[0];
  if (!feature) return null;
  const run = select('parcels', feature);
  if (zoom) zoomClear(feature);
  return run;
}
