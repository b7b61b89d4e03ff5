// Lengths and areas on the WGS84/GRS80 ellipsoid with GeographicLib (Karney's geodesics),
// the same ellipsoid PostGIS's geography uses. Points are Leaflet LatLngs (lat, lon).
import { vendor } from './vendor.js';

export const M2_PER_MU = 10000 / 15;

/** Geodesic length in metres of a line through the points. */
export async function lengthMetres(points) {
  const { Geodesic } = await vendor('geodesic');
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    total += Geodesic.WGS84.Inverse(points[i - 1].lat, points[i - 1].lng, points[i].lat, points[i].lng).s12;
  }
  return total;
}

/** Geodesic area in m² of the polygon through the points (closed implicitly). */
export async function areaSquareMetres(points) {
  if (points.length < 3) return 0;
  const { Geodesic } = await vendor('geodesic');
  const polygon = Geodesic.WGS84.Polygon(false);
  for (const p of points) polygon.AddPoint(p.lat, p.lng);
  return Math.abs(polygon.Compute(false, true).area);
}

export function formatLength(m, fmt) {
  return m >= 1000 ? `${fmt(m / 1000, 3)} km（${fmt(m, 1)} m）` : `${fmt(m, 1)} m`;
}

export function formatArea(m2, fmt, muWord) {
  return `${fmt(m2, 1)} m² · ${fmt(m2 / 1e6, 4)} km² · ${fmt(m2 / M2_PER_MU, 2)} ${muWord}`;
}
