// The parcel filter, once: a plain description ({ off, hidden states, parks, land-use prefix,
// year }) made from the page's view, written as the CQL2 text the server runs (tiles, totals,
// the parcels shown, detail loads, exports: with the year's end as their `date`, so `state` is
// the state then). The page never applies it itself: which parcels pass, and in which state they
// are shown, is the server's answer (/api/parcels/shown). No DOM, no imports with bare names: it
// runs on the page, in the worker and under node's test runner.
import { allOf, inList, startsWith } from './cql.js';
import { complianceCql } from './planModel.js';

/**
 * compliance: '' (none), 'noncompliant' | 'compliant' | 'no_plan', or a rule code (planModel.complianceCql).
 * @typedef {{ off: boolean, hidden: string[], parks: string[], landUse: string, landUseEditions?: string[], year: number | null,
 *   compliance?: string }} ParcelFilter
 * @typedef {{ state?: string | null, status?: string }} ParcelProperties
 */

/** The end of a year as a date string, e.g. 2014 -> '2014-12-31'. */
export const yearEnd = (year) => `${year}-12-31`;

/**
 * The state an item or tile feature the server sent is shown in, by its own two fields: the state
 * the server computed for it (`state`), or where it computed none, the recorded `status` - the
 * server's ParcelStateSql.Shown, read off the fields, for parcels the page holds no answer of
 * /api/parcels/shown for (tiles, a parcel clicked on a tile). Works out nothing from dates.
 * @param {ParcelProperties} p
 */
export const itemState = (p) => p.state ?? p.status;

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
    // The shown state in CQL2: the computed state, the recorded status where there is none.
    terms.push(shown.length ? `${inList('state', shown)} OR (state IS NULL AND ${inList('status', shown)})` : '1 = 0');
  }
  if (filter.parks.length) terms.push(inList('park_code', filter.parks));
  if (filter.landUse) {
    terms.push(startsWith('land_use', filter.landUse));
    // A class prefix means a GB/T 21010 class only in the editions numbered by it (not the 2023 guide's 10 工矿用地).
    if (filter.landUseEditions?.length) terms.push(inList('land_use_edition', filter.landUseEditions));
  }
  if (filter.compliance) terms.push(complianceCql(filter.compliance));
  if (filter.year != null) terms.push(approvedBy(filter.year));
  return allOf(terms);
}
