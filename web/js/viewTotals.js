// Per-state counts and areas (mu) of the parcels in the current view that pass the filters:
// from the drawn features when they are all loaded, from POST /api/parcels/area (the
// server's sums over the view's rectangle) when the parcels come as tiles.
import { parcelsArea } from './api.js';
import { data, view, matches, parcelStatus } from './store.js';
import { parcelsState, DETAIL_ZOOM } from './parcels.js';

const M2_PER_MU = 10000 / 15;

function emptyTotals() {
  return {};
}

function add(totals, status, mu) {
  totals[status] ??= { n: 0, mu: 0 };
  totals[status].n += 1;
  totals[status].mu += mu;
}

/** Totals by state of the parcels drawn in the map's bounds. */
export async function viewTotals(map, layers) {
  const bounds = map.getBounds();
  const totals = emptyTotals();
  if (parcelsState.mode === 'features' || map.getZoom() >= DETAIL_ZOOM) {
    layers.parcels.eachLayer((layer) => {
      if (!bounds.intersects(layer.getBounds())) return;
      const p = layer.feature.properties;
      add(totals, parcelStatus(p), Number(p.area_mu) || Number(p.area_m2) / M2_PER_MU || 0);
    });
    return totals;
  }
  // Tiles: ask the server for the view's rectangle (lon/lat order in GeoJSON), keep the
  // states switched on. Park and land-use filters narrow the server's selection where it can.
  const [w, s, e, n] = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
  const selection = { geometry: { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } };
  if (view.parks.size === 1) selection.park = [...view.parks][0];
  const answer = await parcelsArea(selection);
  for (const row of answer.byStatus ?? []) {
    if (!matches('parcels', { status: row.status, park_code: selection.park, land_use: view.landUse })) continue;
    totals[row.status] = { n: row.parcels, mu: row.areaMu };
  }
  return totals;
}

/** Totals by state of every parcel that passes the filters (not only those in view). */
export function filteredTotals() {
  const totals = emptyTotals();
  for (const f of data.parcels) {
    if (matches('parcels', f.properties)) add(totals, parcelStatus(f.properties), Number(f.properties.area_mu) || 0);
  }
  return totals;
}
