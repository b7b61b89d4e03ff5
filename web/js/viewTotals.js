// Per-state counts and areas (mu) of the parcels that pass the filters, in the current view
// (the legend) or everywhere (the filter panel): the server's sums (GET /api/parcels/totals) by
// the state shown at the chosen year's end (today without one), whatever the mode - the page
// adds nothing up itself.
import { parcelTotals } from './api.js';
import { parcelsQuery } from './store.js';

/** Wider than this (degrees) the view is sent without a bbox: the zone is a fraction of a degree,
 * so all of it is in view, and the server bounds a bbox's span. */
const MAX_BBOX_DEGREES = 4;

/** @typedef {Record<string, { n: number, mu: number }>} Totals */

/** The server's answer as { state: { n, mu } }. */
async function totalsOf(bbox, signal) {
  const answer = await parcelTotals({ ...parcelsQuery(), bbox, signal });
  /** @type {Totals} */
  const totals = {};
  for (const row of answer.totals ?? []) totals[row.state] = { n: row.parcels, mu: row.areaMu };
  return totals;
}

/** Totals by state of the parcels in the map's bounds that pass the filters; `signal` cancels the request. */
export function viewTotals(map, signal) {
  const b = map.getBounds();
  const [w, s, e, n] = [Math.max(b.getWest(), -180), Math.max(b.getSouth(), -90), Math.min(b.getEast(), 180), Math.min(b.getNorth(), 90)];
  const wide = e - w > MAX_BBOX_DEGREES || n - s > MAX_BBOX_DEGREES;
  return totalsOf(wide ? null : [w, s, e, n].join(','), signal);
}

/** Totals by state of every parcel that passes the filters (not only those in view); `signal` cancels the request. */
export function filteredTotals(signal) {
  return totalsOf(null, signal);
}
