// Export parcels as GeoJSON (the features the page holds, as they are), or as CSV / Excel .xlsx
// made by the server: /ogc/collections/parcels/items?f=csv|xlsx with the same CQL2 filter that
// selected them (the page carries no spreadsheet library). CSV is UTF-8 with a BOM, so Excel
// reads the Chinese; text that would run as a formula is escaped by the server. The file is in the
// page's language: Chinese headers and names (states, parks, "0601 工业用地"), or English.
import { authHeaders } from './auth.js';
import { exportUrl } from './api.js';
import { lang, t, addWords } from './i18n.js';

addWords({
  exportTruncated: ['已导出；{n} 个单元格超过 Excel 上限（32,767 字），已截断并在格内注明；全文见 CSV 导出。',
    'Exported; {n} cell(s) over Excel\'s limit (32,767 characters) were cut, with a note in the cell; the CSV export has them whole.'],
  exportTooMany: ['未导出：符合条件的要素超过一次导出的上限，请缩小筛选范围。', 'Not exported: more features match than one export holds; narrow the filter.'],
  exportFailed: ['未导出（{status}）：{reason}', 'Not exported ({status}): {reason}'],
  exportNetwork: ['未导出：无法连接服务器', 'Not exported: the server cannot be reached'],
});

/** Why an export was refused, in the page's language (the server's problem+json detail is English). */
async function refusal(response) {
  let body = null;
  try { body = await response.json(); } catch { /* not problem+json */ }
  if (response.status === 400 && body?.parameter === 'limit') return t('exportTooMany');
  return t('exportFailed', { status: response.status, reason: body?.detail ?? response.statusText });
}

/** The last export: { format, truncated (cells cut to Excel's limit), message }. */
export const exportState = { last: null, run: Promise.resolve() };

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
    exportState.last = { format, truncated: 0, message: '' };
  } else {
    const response = await fetch(exportUrl('parcels', format, { ...source.query(), lang: lang() }), { headers: authHeaders() });
    if (!response.ok) {
      exportState.last = { format, truncated: 0, message: await refusal(response), failed: true };
      return exportState.last;
    }
    blob = await response.blob();
    const truncated = Number(response.headers.get('X-LandMap-Truncated-Cells') ?? 0);
    exportState.last = { format, truncated, message: truncated > 0 ? t('exportTruncated', { n: truncated }) : '' };
  }
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
  const said = document.createElement('p');
  said.className = 'lm-note';
  said.dataset.testid = `${testid}-message`;
  said.setAttribute('role', 'status');
  for (const [format, text] of /** @type {const} */ ([['geojson', 'GeoJSON'], ['csv', 'CSV'], ['xlsx', 'Excel']])) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.dataset.testid = `${testid}-${format}`;
    // Whatever happens is said next to the buttons: a refusal, a cell cut, the server out of reach.
    b.addEventListener('click', () => {
      said.textContent = '';
      exportState.run = exportParcels(source, format, name).then((last) => {
        said.textContent = last.message;
        said.className = last.failed ? 'lm-error' : 'lm-note';
      }, (e) => {
        console.warn('LandMap: export', e);
        said.textContent = t('exportNetwork');
        said.className = 'lm-error';
      });
    });
    box.append(b);
  }
  box.append(said);
  return box;
}
