// The planning routes the page asks (issue 16): the site check and the compliance totals. Apart from
// api.js so the planning modules stay in their own files; same habits (token sent, problem+json
// detail in the error).
import { authHeaders } from './auth.js';

async function send(url, init = {}) {
  const response = await fetch(url, { cache: 'no-cache', ...init, headers: { ...authHeaders(), Accept: 'application/json', ...init.headers } });
  let body = null;
  try { body = await response.json(); } catch { /* empty or not JSON */ }
  if (!response.ok) {
    const where = new URL(url, location.href).pathname;
    throw new Error(`HTTP ${response.status} (${where}) ${body?.detail ?? body?.title ?? ''}`.trim());
  }
  return body;
}

/**
 * POST /api/site-check: a site (geometry or wkt, with crs and the proposal) or, with `code`, a stored
 * parcel checked with its own figures.
 * @param {object} body
 * @param {string | null} [code]
 */
export function siteCheck(body, code = null) {
  const url = new URL('/api/site-check', location.href);
  if (code) url.searchParams.set('code', code);
  return send(url.href, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/**
 * GET /api/planning/compliance/totals: { date, parcels, areaMu, rules: [{ rule, nameZh, nameEn, parcels, areaMu }] },
 * the non-compliant parcels in all and per rule (asOf: a day, the map's chosen year end; none for today).
 * @param {{ asOf?: string | null }} [query]
 */
export function complianceTotals({ asOf } = {}) {
  const url = new URL('/api/planning/compliance/totals', location.href);
  if (asOf) url.searchParams.set('asOf', asOf);
  return send(url.href);
}
