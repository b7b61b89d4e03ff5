// Export parcels as GeoJSON (the features the page holds, as they are), or as CSV / Excel .xlsx
// made by the server: /ogc/collections/parcels/items?f=csv|xlsx with the same CQL2 filter that
// selected them (the page carries no spreadsheet library). CSV is UTF-8 with a BOM, so Excel
// reads the Chinese; text that would run as a formula is escaped by the server. The file is in the
// page's language: Chinese headers and names (states, parks, "0601 工业用地"), or English.
import { authHeaders } from './auth.js';
import { exportUrl } from './api.js';
import { lang } from './i18n.js';

export const exportState = { last: null };

/**
 * What an export holds: the features the page shows (GeoJSON), and the query that selects them
 * on the server (CSV, Excel).
 * @typedef {{ features: () => object[], query: () => { filter: string | null, asOf?: string | null } }} ExportSource
 */

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * Export in a format ('geojson' | 'csv' | 'xlsx'); name without extension.
 * @param {ExportSource} source
 * @param {'geojson' | 'csv' | 'xlsx'} format
 * @param {string} [name]
 */
export async function exportParcels(source, format, name = 'landmap-parcels') {
  let blob;
  if (format === 'geojson') {
    const features = source.features();
    blob = new Blob([JSON.stringify({ type: 'FeatureCollection', features })], { type: 'application/geo+json' });
  } else {
    const response = await fetch(exportUrl('parcels', format, { ...source.query(), lang: lang() }), { headers: authHeaders() });
    if (!response.ok) throw new Error(`export: HTTP ${response.status}`);
    blob = await response.blob();
  }
  exportState.last = { format };
  download(blob, `${name}.${format}`);
  return exportState.last;
}

/**
 * Three buttons (GeoJSON, CSV, Excel) exporting what the source selects at click time.
 * @param {ExportSource} source
 * @param {string} testid
 * @param {string} name
 */
export function exportButtons(source, testid, name) {
  const box = document.createElement('div');
  box.className = 'lm-export';
  for (const [format, text] of /** @type {const} */ ([['geojson', 'GeoJSON'], ['csv', 'CSV'], ['xlsx', 'Excel']])) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.dataset.testid = `${testid}-${format}`;
    b.addEventListener('click', () => exportParcels(source, format, name).catch((e) => console.warn('LandMap: export', e)));
    box.append(b);
  }
  return box;
}
