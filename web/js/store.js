// What the page shows, apart from how: the loaded features, the layer switches and the
// filters. Modules change it through the functions below and listen with onChange(). Which
// parcels pass the filters, and in which state each is shown, is the server's answer to the
// filters as CQL2 (shown, from /api/parcels/shown; parcels.js asks it), the same selection the
// legend's totals are summed over: the page applies no parcel rule of its own.

import { PARCEL_STATUS } from './styles.js';
import { gbtClassEditions } from './vocabulary.js';
import { itemState, toCql, approvedBy, dateOf, yearEnd as endOfYear } from './parcelFilter.js';

const target = new EventTarget();

/** Features of each collection as the server sent them (parcels: for the chosen year). */
export const data = { parks: [], parcels: [], projects: [], roads: [], rivers: [], reservoirs: [] };

/**
 * Layer tree and filters.
 * off: layer ids switched off; hidden[layer]: codes of states/stages switched off;
 * parks: park codes to keep (empty = all); landUse: GB/T 21010 code or class prefix ('' = all);
 * stage: project stage ('' = all); year: null (now) or a year whose end the map shows.
 */
export const view = {
  off: new Set(),
  hidden: { parcels: new Set(), projects: new Set(), roads: new Set(), rivers: new Set() },
  parks: new Set(),
  landUse: '',
  stage: '',
  year: null,
  /** The compliance filter (compliance.js): '' none, a compliance value or a rule code. */
  compliance: '',
};

/** The property that colours each layer (and that its tree rows switch). */
export const CLASS_FIELD = { parcels: 'status', projects: 'stage', roads: 'stage', rivers: 'rectification' };

export function onChange(fn) {
  target.addEventListener('change', (e) => fn(/** @type {CustomEvent} */ (e).detail));
}

/** Tell everyone what changed: 'data' (features), 'view' (switches, filters), 'year'. */
export function changed(what) {
  target.dispatchEvent(new CustomEvent('change', { detail: what }));
}

/** The end of a year as a date string, e.g. 2014 -> '2014-12-31'. */
export const yearEnd = endOfYear;

/**
 * The server's answer for the view's parcel filter (/api/parcels/shown): code -> the state each
 * parcel that passes is shown in, on the chosen year's end (today without one). A held parcel not
 * in it is not drawn, listed, counted or exported.
 * @type {{ byCode: Map<string, string | null> }}
 */
export const shown = { byCode: new Map() };

/** The state a parcel is drawn and labelled in: the server's answer for the selection; for a
 * parcel outside it (clicked on a tile, a search hit) the state its item carries (itemState). */
export function parcelStatus(p) {
  return shown.byCode.has(p.code) ? shown.byCode.get(p.code) : itemState(p);
}

/** The CQL2 text the server applies for the chosen year (null: none), so counts match /ogc. */
export function yearFilter() {
  return view.year == null ? null : approvedBy(view.year);
}

/**
 * The view's parcel filter as plain data, written as CQL2 for the server (parcelFilter.js).
 * @returns {import('./parcelFilter.js').ParcelFilter}
 */
export function parcelFilter() {
  return { off: view.off.has('parcels'), hidden: [...view.hidden.parcels], parks: [...view.parks], landUse: view.landUse,
    landUseEditions: gbtClassEditions(), year: view.year, compliance: view.compliance };
}

/** Does a feature's properties pass the switches and filters of its layer? */
export function matches(layerId, p) {
  if (view.off.has(layerId)) return false;
  if (layerId === 'parcels') return shown.byCode.has(p.code); // the server selected it
  if (layerId === 'projects') {
    if (view.hidden.projects.has(p.stage)) return false;
    if (view.stage && p.stage !== view.stage) return false;
    return !view.parks.size || view.parks.has(p.park_code);
  }
  if (layerId === 'parks') return !view.parks.size || view.parks.has(p.code);
  const field = CLASS_FIELD[layerId];
  return !field || !view.hidden[layerId].has(p[field]);
}

/** The parcels that pass every filter (all of them, not just those in view). */
export function filteredParcels() {
  return data.parcels.filter((f) => matches('parcels', f.properties));
}

/** The filters as CQL2 text on parcels, for the server (what decides matches()); its state
 * terms are the state on parcelsDate(), so send that with it (parcelsQuery()). */
export function parcelsCql() {
  return toCql(parcelFilter(), Object.keys(PARCEL_STATUS));
}

/** The day the server takes the parcels' state on: the chosen year's end, null for today. */
export function parcelsDate() {
  return dateOf(parcelFilter());
}

/** What every server request about the filtered parcels sends (tiles, totals, shown, detail loads, exports). */
export function parcelsQuery() {
  return { filter: parcelsCql(), date: parcelsDate() };
}
