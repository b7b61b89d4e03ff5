// What the page shows, apart from how: the loaded features, the layer switches and the
// filters. Modules change it through the functions below and listen with onChange(); the
// map, legend, statistics and exports all read the same predicates, so they cannot disagree.

import { PARCEL_STATUS } from './styles.js';
import { allOf, inList, startsWith } from './cql.js';

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
export const yearEnd = (year) => `${year}-12-31`;

/** The server's computed states at the end of the chosen year (/api/parcels/states), by code. */
export const statesAt = { byCode: new Map() };

/**
 * The parcel's state as the server computes it (from dates and events, under its idle rules):
 * at the end of the chosen year from /api/parcels/states, today from the items' and tiles'
 * `state`. Where the server gives none (not yet in the lifecycle) the recorded status is shown;
 * no state is worked out here - the tile worker colours by the same answer.
 */
export function parcelStatus(p) {
  const computed = view.year == null ? p.state : statesAt.byCode.get(p.code);
  return computed ?? p.status;
}

/** The CQL2 text the server applies for the chosen year (null: none), so counts match /ogc. */
export function yearFilter() {
  if (view.year == null) return null;
  return `approved_on <= DATE('${yearEnd(view.year)}') OR approved_on IS NULL`;
}

function landUseMatches(code) {
  return !view.landUse || (code ?? '').startsWith(view.landUse);
}

/** Does a feature's properties pass the switches and filters of its layer? */
export function matches(layerId, p) {
  if (view.off.has(layerId)) return false;
  if (layerId === 'parcels') {
    if (view.hidden.parcels.has(parcelStatus(p))) return false;
    if (view.parks.size && !view.parks.has(p.park_code)) return false;
    return landUseMatches(p.land_use);
  }
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

/** The filters as CQL2 text on parcels, for the server (same meaning as matches()). */
export function parcelsCql() {
  const terms = [];
  const shown = Object.keys(PARCEL_STATUS).filter((s) => !view.hidden.parcels.has(s));
  if (view.year == null && shown.length < Object.keys(PARCEL_STATUS).length) {
    // The same rule as parcelStatus(): the computed state, the recorded status where there is none.
    terms.push(shown.length ? `${inList('state', shown)} OR (state IS NULL AND ${inList('status', shown)})` : '1 = 0');
  }
  if (view.parks.size) terms.push(inList('park_code', [...view.parks]));
  if (view.landUse) terms.push(startsWith('land_use', view.landUse));
  terms.push(yearFilter());
  return allOf(terms);
}
