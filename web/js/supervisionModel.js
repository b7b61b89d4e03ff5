// The supervision panel and the procedure form, as data: the date the lists are asked for, the
// CQL2 that picks the listed parcels (the lists themselves are the API's answer; nothing here
// decides who is on one), the step a form's fields make, and what a refusal says. No DOM, no
// bare imports: it runs under node's test runner.
import { inList } from './cql.js';
import { yearEnd } from './parcelFilter.js';

/** The map's chosen date for the lists: the year filter's year end; null (the server's today) without a year. */
export const listDate = (year) => (year == null ? null : yearEnd(year));

/** Codes per CQL2 `code IN (...)` filter: the server's default bound on a CQL2 IN list (Cql2Limits.DefaultMaxInItems,
 * 100), which also keeps each request's URL well under the 8 KB request-line limit. */
export const CODES_PER_FILTER = 100;

/**
 * The CQL2 filters that together select exactly these parcels (none for an empty list).
 * @param {string[]} codes
 */
export function codesFilters(codes) {
  const unique = [...new Set(codes)];
  const filters = [];
  for (let i = 0; i < unique.length; i += CODES_PER_FILTER) filters.push(inList('code', unique.slice(i, i + CODES_PER_FILTER)));
  return filters;
}

/**
 * The codes of the lists switched on, from a report's { lists: { key: { items: [{ code }] } } }.
 * @param {{ lists?: Record<string, { items?: { code: string }[] }> } | null} report
 * @param {Iterable<string>} keys
 */
export function listedCodes(report, keys) {
  const codes = new Set();
  for (const key of keys) for (const item of report?.lists?.[key]?.items ?? []) codes.add(item.code);
  return [...codes];
}

/**
 * The fields a step's form shows beside kind, date and document number: the vocabulary's
 * `stepFields` of its kind (/api/vocabulary eventKinds; null: not a step the form records).
 * @param {{ stepFields?: string[] | null } | undefined} kind
 */
export const stepFields = (kind) => kind?.stepFields ?? [];

/**
 * The POST body of a step from the form's values: text trimmed, empty fields left out (the server
 * fills the fee's amount), only the fields the kind shows (`fields`: stepFields()), the amount as a number.
 * @param {Record<string, string>} values
 * @param {string[]} [fields]
 */
export function stepBody(values, fields = []) {
  const kind = (values.kind ?? '').trim();
  /** @type {Record<string, string | number>} */
  const body = { kind };
  for (const key of ['occurredOn', 'documentNo', 'note', ...fields]) {
    const value = (values[key] ?? '').trim();
    if (value === '') continue;
    body[key] = key === 'amountWan' && Number.isFinite(Number(value)) ? Number(value) : value;
  }
  return body;
}

/**
 * What a refused step says: the field the problem names (`parameter` for a 400, `field` for a 409)
 * and the server's detail.
 * @param {number} status
 * @param {{ parameter?: string, field?: string, detail?: string, title?: string } | null} problem
 */
export function refusal(status, problem) {
  return { status, field: problem?.field ?? problem?.parameter ?? '', detail: problem?.detail ?? problem?.title ?? `HTTP ${status}` };
}
