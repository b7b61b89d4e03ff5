// CQL2 text built in one place: every filter the page sends (the parcel filters, a park, a drawn
// polygon, a search) goes to the server as CQL2, and the server applies it. Values are quoted
// here, so a name with an apostrophe stays a literal. Pure functions, unit-tested (web/test).

/** A CQL2 string literal: single quotes, inner quotes doubled. */
export const literal = (value) => `'${String(value).replace(/'/g, "''")}'`;

/** `property IN ('a', 'b')`; an empty list matches nothing. */
export const inList = (property, values) =>
  (values.length ? `${property} IN (${values.map(literal).join(', ')})` : '1 = 0');

/** `property = 'value'`. */
export const equals = (property, value) => `${property} = ${literal(value)}`;

/** `property LIKE 'prefix%'` (a code class: '06' matches 0601, 0602 ...); % and _ in the prefix are escaped. */
export const startsWith = (property, prefix) => `${property} LIKE ${literal(`${prefix.replace(/[\\%_]/g, '\\$&')}%`)}`;

/** `property LIKE '%text%'`, for a search. */
export const contains = (property, text) => `${property} LIKE ${literal(`%${text.replace(/[\\%_]/g, '\\$&')}%`)}`;

/** Parcels that intersect a GeoJSON polygon ([lon, lat] positions, CRS84 as the filter's default). */
export function intersects(polygon) {
  const rings = polygon.coordinates.map((ring) => `(${ring.map(([lon, lat]) => `${lon} ${lat}`).join(', ')})`);
  return `S_INTERSECTS(geometry, POLYGON(${rings.join(', ')}))`;
}

/** The terms joined with AND, each in parentheses; null when there are none (no filter). */
export function allOf(terms) {
  const kept = terms.filter(Boolean);
  if (!kept.length) return null;
  return kept.length === 1 ? kept[0] : kept.map((t) => `(${t})`).join(' AND ');
}
