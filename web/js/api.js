// Every request the page makes goes through here, so a route can be swapped in one place.
// Features come from the OGC API - Features endpoint of the same server; the server pages by
// keyset and may cap `limit`, so lists follow rel="next" links until there are none.
// Coordinates stay as the server sends them: CRS84, i.e. [lon, lat].

import { authHeaders } from './auth.js';

const ITEMS_LIMIT = 10000;
const MAX_PAGES = 1000; // guard against a server that keeps returning a "next" link
const GEOJSON = { Accept: 'application/geo+json, application/json' };

// 'no-cache': the browser may keep answers but must revalidate them (a cheap 304 by ETag),
// so a committed upload or an edit shows at once although items say max-age=60.
async function getJson(url, init = {}) {
  const response = await fetch(url, { cache: 'no-cache', ...init, headers: { ...authHeaders(), ...init.headers } });
  if (!response.ok) {
    let detail = '';
    try { detail = (await response.json()).detail ?? ''; } catch { /* not problem+json */ }
    throw new Error(`HTTP ${response.status} ${response.statusText} (${new URL(url, location.href).pathname}) ${detail}`.trim());
  }
  return response.json();
}

const postJson = (path, body) => getJson(path, {
  method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
});

/** A URL of this server with the given query parameters (null and '' left out). */
function serverUrl(path, params = {}) {
  const url = new URL(path, location.href);
  for (const [k, v] of Object.entries(params)) if (v != null && v !== '') url.searchParams.set(k, v);
  return url;
}

const itemsUrl = (id, params = {}) => serverUrl(`/ogc/collections/${encodeURIComponent(id)}/items`, params);

/** Follow next links from a first URL (GET, or POST with a body), collecting every feature. */
async function allPages(first, init = {}) {
  let url = first;
  const features = [];
  const seen = new Set();
  let numberMatched;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    if (seen.has(url.href)) break; // a next link pointing back: stop, do not loop forever
    seen.add(url.href);
    const body = await getJson(url, { ...init, headers: { ...GEOJSON, ...(init.headers ?? {}) } });
    if (!body || !Array.isArray(body.features)) throw new Error(`not a GeoJSON FeatureCollection (${url.pathname})`);
    if (page === 0) numberMatched = body.numberMatched;
    features.push(...body.features);
    const next = (body.links || []).find((link) => link && link.rel === 'next' && link.href);
    url = next ? new URL(next.href, url) : null; // the next link may be relative
  }
  return { type: 'FeatureCollection', features, numberMatched };
}

/**
 * Every feature of one collection as one FeatureCollection.
 * options.filter: CQL2 text; options.asOf: RFC 3339 moment; options.date: the day `state` is taken on (parcels only).
 * @param {string} id
 * @param {{ filter?: string | null, asOf?: string | null, date?: string | null, signal?: AbortSignal, bbox?: string, limit?: number }} [options]
 */
export function fetchCollection(id, { filter, asOf, date, signal, bbox, limit } = {}) {
  return allPages(itemsUrl(id, { limit: limit ?? ITEMS_LIMIT, filter, asOf, date, bbox }), { signal });
}

/** The first page only (e.g. search results, or the count of a filter). */
export async function fetchPage(id, params = {}) {
  return getJson(itemsUrl(id, params), { headers: GEOJSON });
}

/** numberMatched (exact up to 10,000, else the estimate) for a CQL2 filter. */
export async function countItems(id, filter) {
  const body = await fetchPage(id, { limit: 1, filter, properties: 'code' });
  return body.numberMatched ?? body.numberMatchedEstimate;
}

/**
 * GET /api/parcels/totals: { date, parcels, areaM2, areaMu, totals: [{ state, parcels, areaM2, areaMu }] }, by
 * the state shown on `date` (today without), of the parcels the CQL2 filter and the bbox (west,south,east,north) select.
 * @param {{ filter?: string | null, date?: string | null, bbox?: string | null, signal?: AbortSignal }} [query]
 */
export const parcelTotals = ({ filter, date, bbox, signal } = {}) => getJson(serverUrl('/api/parcels/totals', { filter, date, bbox }), { signal });

/**
 * GET /api/parcels/shown: { date, parcels, states: { code: shown state } } of exactly the parcels the
 * CQL2 filter and the bbox select, their state taken on `date` (today without): which parcels the page draws.
 * @param {{ filter?: string | null, date?: string | null, bbox?: string | null }} [query]
 */
export const parcelsShown = ({ filter, date, bbox } = {}) => getJson(serverUrl('/api/parcels/shown', { filter, date, bbox }));

/** POST /api/parcels/area: totals in mu and m2, by state, of {park|geometry|road|river|codes}. */
export const parcelsArea = (selection) => postJson('/api/parcels/area', selection);

/** POST /api/parcels/intersecting: every parcel intersecting a GeoJSON polygon (all pages). */
export function parcelsIntersecting(geometry) {
  return allPages(new URL('/api/parcels/intersecting?limit=10000', location.href), {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(geometry),
  });
}

/** GET /api/parks/{code}/parcels (all pages). */
export const parkParcels = (code) =>
  allPages(new URL(`/api/parks/${encodeURIComponent(code)}/parcels?limit=10000`, location.href));

/** The parcels under a point: a 1 m square around it (0.00001 deg), for clicks on tiles. */
export function parcelsAt(lon, lat) {
  const d = 0.00001;
  return parcelsIntersecting({
    type: 'Polygon',
    coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]],
  });
}

/** GET /api/vocabulary: states, stages, event kinds, road and river states, land-use codes, with names and colours. */
export const fetchVocabulary = () => getJson('/api/vocabulary');

export const landIndicators = (year) => getJson(`/api/reports/land-indicators?year=${encodeURIComponent(year)}`);

/** The park evaluation (TD/T 1029 terms) at the end of a year. */
export const parkEvaluation = (year) => getJson(`/api/reports/parks?date=${encodeURIComponent(`${year}-12-31`)}`);

export const parcelHistory = (code) => getJson(`/api/parcels/${encodeURIComponent(code)}/history`);

/** GET /api/parcels/{code}/events: the parcel's lifecycle and procedure events, oldest first. */
export const parcelEvents = (code) => getJson(`/api/parcels/${encodeURIComponent(code)}/events`);

/** GET /api/me: { label, role, collections } of the signed-in token. */
export const whoAmI = () => getJson('/api/me');

/**
 * The supervision lists of a date (today without one): 'idle-candidates' or 'contract-warnings'
 * (with `within` days), as JSON, or the URL of its csv / xlsx (in `lang`: zh, the server's default, or en).
 * @param {'idle-candidates' | 'contract-warnings'} report
 * @param {{ date?: string | null, within?: number | null, f?: 'csv' | 'xlsx' | null, lang?: string | null }} [query]
 */
export const supervisionUrl = (report, { date, within, f, lang } = {}) =>
  serverUrl(`/api/supervision/${report}`, { date, within: report === 'contract-warnings' ? within : null, f, lang: f ? lang : null }).href;
export const supervisionReport = (report, query) => getJson(supervisionUrl(report, query));

/**
 * POST /api/parcels/{code}/events: record one step. Resolves to { status, body } whatever the status
 * (201 with the step, 400/409 problem+json naming the field), so the caller shows the refusal.
 */
export async function recordEvent(code, step) {
  const response = await fetch(`/api/parcels/${encodeURIComponent(code)}/events`, {
    method: 'POST', body: JSON.stringify(step),
    headers: { ...authHeaders(), 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
  });
  let body = null;
  try { body = await response.json(); } catch { /* empty or not JSON */ }
  return { status: response.status, body };
}

export async function webConfig() {
  try { return await getJson('/api/config'); } catch { return {}; }
}

/**
 * The server's CSV or .xlsx of a collection's items selected by a CQL2 filter (and a moment, for parcels).
 * @param {string} id
 * @param {'csv' | 'xlsx'} format
 * @param {{ filter?: string | null, asOf?: string | null, date?: string | null, lang?: string }} [query]
 *   lang: the language of the file's headers and values (the server's default: zh)
 */
export function exportUrl(id, format, { filter, asOf, date, lang } = {}) {
  return itemsUrl(id, { f: format, filter, asOf, date, lang }).href;
}

/**
 * The tile URL template of a collection; with a CQL2 filter and a date (parcels' state), the tiles
 * hold only what the server selects.
 * @param {string} id
 * @param {{ filter?: string | null, date?: string | null }} [query]
 */
export function tileUrl(id, { filter, date } = {}) {
  const params = new URLSearchParams();
  if (filter) params.set('filter', filter);
  if (date) params.set('date', date);
  const search = params.toString();
  return `/ogc/collections/${encodeURIComponent(id)}/tiles/WebMercatorQuad/{z}/{y}/{x}${search ? `?${search}` : ''}`;
}

export const uploadsUrl = (params) => `/api/uploads?${new URLSearchParams(params)}`;
export const uploadStatus = (location, token) => getJson(location, { headers: { Authorization: `Bearer ${token}` } });
