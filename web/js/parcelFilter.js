// The parcel filter, once: a plain description ({ off, hidden states, parks, land-use prefix,
// year }) made from the page's view, and the two ways it is applied - as CQL2 text the server
// runs (tiles, totals, detail loads, exports: with the year's end as their `date`, so `state` is
// the state then) and as the predicate for the GeoJSON parcels the page already holds. The state
// a parcel is shown in is the server's answer, never one worked out here. No DOM, no imports with
// bare names: it runs on the page, in the worker and under node's test runner.
import { allOf, inList, startsWith } from './cql.js';

/**
 * @typedef {{ off: boolean, hidden: string[], parks: string[], landUse: string, year: number | null }} ParcelFilter
 * @typedef {{ state?: string | null, status?: string, park_code?: string, land_use?: string | null, approved_on?: string | null }} ParcelProperties
 */

/** The end of a year as a date string, e.g. 2014 -> '2014-12-31'. */
export const yearEnd = (year) => `${year}-12-31`;

/**
 * The state a parcel is shown in: the server's computed state (the item's or tile's `state`
 * today, or its answer for the chosen year), the recorded status where it gives none.
 * @param {ParcelProperties} p
 * @param {string | null | undefined} [computed] the server's state at the chosen year; undefined: today's
 */
export const shownState = (p, computed) => (computed === undefined ? p.state : computed) ?? p.status;

/**
 * Does a parcel pass the filter? `state`: the state it is shown in (shownState()).
 * @param {ParcelFilter} filter
 * @param {ParcelProperties} p
 * @param {string} state
 */
export function passes(filter, p, state) {
  if (filter.off || filter.hidden.includes(state)) return false;
  if (filter.parks.length && !filter.parks.includes(p.park_code)) return false;
  return !filter.landUse || String(p.land_use ?? '').startsWith(filter.landUse);
}

/** The `date` the server takes the state on for a filter's year: its end; null (today) without a year. */
export const dateOf = (filter) => (filter.year == null ? null : yearEnd(filter.year));

/** The year's selection as CQL2: the parcels approved by its end (or never approved: tidal flats). */
export const approvedBy = (year) => `approved_on <= DATE('${yearEnd(year)}') OR approved_on IS NULL`;

/**
 * The filter as CQL2 text (null: none). The state terms name the computed `state`, which the
 * server takes on the request's `date` (today without one): send the year's end with it (dateOf()).
 * @param {ParcelFilter} filter
 * @param {string[]} allStates every state code (the vocabulary's)
 */
export function toCql(filter, allStates) {
  const shown = allStates.filter((s) => !filter.hidden.includes(s));
  const terms = [];
  if (filter.off) terms.push('1 = 0');
  if (shown.length < allStates.length) {
    // shownState() in CQL2: the computed state, the recorded status where there is none.
    terms.push(shown.length ? `${inList('state', shown)} OR (state IS NULL AND ${inList('status', shown)})` : '1 = 0');
  }
  if (filter.parks.length) terms.push(inList('park_code', filter.parks));
  if (filter.landUse) terms.push(startsWith('land_use', filter.landUse));
  if (filter.year != null) terms.push(approvedBy(filter.year));
  return allOf(terms);
}
