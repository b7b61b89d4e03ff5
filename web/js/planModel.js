// The planning layers' and checks' plain rules, no DOM (node's test runner covers them): which day
// the map shows the plan on, the plan zones in force on it as CQL2, the compliance filter as CQL2
// (on the parcels' computed `compliance` and `noncompliant_rules`: the server decides who complies,
// the page only names what to select), a planned use's colour, and a site-check body from a file.
import { inList, equals, literal } from './cql.js';

/**
 * The day the map shows: a chosen year's end, else the zone's today (Asia/Shanghai, UTC+8).
 * @param {number | null} year
 * @param {Date} [now]
 */
export function mapDate(year, now = new Date()) {
  if (year != null) return `${year}-12-31`;
  // en-CA writes YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The plan zones in force on a day: approved by it, not yet repealed (repealed_on is exclusive). */
export const inForceCql = (date) => `approved_on <= DATE('${date}') AND (repealed_on IS NULL OR repealed_on > DATE('${date}'))`;

/** What the compliance filter may select besides a rule code. */
export const COMPLIANCE_CHOICES = ['noncompliant', 'compliant', 'no_plan'];

/**
 * The compliance filter as CQL2 (null: none). A value of COMPLIANCE_CHOICES selects by `compliance`;
 * any other is a rule code, matched as one whole item of the comma-separated `noncompliant_rules`
 * (so 'green_line' never matches inside another code).
 * @param {string | null | undefined} value
 */
export function complianceCql(value) {
  if (!value) return null;
  if (COMPLIANCE_CHOICES.includes(value)) return inList('compliance', [value]);
  const like = value.replace(/[\\%_]/g, '\\$&'); // a LIKE pattern: red_line's _ is no wildcard
  return [equals('noncompliant_rules', value), ...[`${like},%`, `%,${like}`, `%,${like},%`].map((p) => `noncompliant_rules LIKE ${literal(p)}`)]
    .join(' OR ');
}

/**
 * A planned use's colour: its own (the vocabulary's land-use code, GB 50137 colours), else its
 * class's, else null (the caller's unknown grey).
 * @param {{ color?: string, parent?: string | null } | undefined} entry the code's vocabulary entry
 * @param {(code: string) => ({ color?: string } | undefined)} classOf the by-code table's lookup
 */
export function useColour(entry, classOf) {
  if (!entry) return null;
  return entry.color ?? (entry.parent ? classOf(entry.parent)?.color ?? null : null);
}

/**
 * The site-check body's shape of a file's text: GeoJSON (a geometry, a Feature, or a
 * FeatureCollection's first feature) as { geometry }, anything else as WKT ({ wkt }).
 * @param {string} text
 * @returns {{ geometry?: object, wkt?: string }}
 */
export function siteFromText(text) {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed.startsWith('{')) return { wkt: trimmed };
  const json = JSON.parse(trimmed);
  if (json.type === 'FeatureCollection') return { geometry: json.features?.[0]?.geometry ?? null };
  if (json.type === 'Feature') return { geometry: json.geometry };
  return { geometry: json };
}
