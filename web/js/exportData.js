// Export a list of features as GeoJSON, CSV (UTF-8 with a BOM, so Excel reads the Chinese)
// or Excel .xlsx (SheetJS), in the browser: what the user selected or filtered, exactly
// those rows. Columns are the property names as the API gives them.
import { vendor } from './vendor.js';

export const exportState = { last: null };

/** Property columns in first-seen order over all features. */
export function columns(features) {
  const seen = new Set();
  for (const f of features) for (const k of Object.keys(f.properties ?? {})) seen.add(k);
  return [...seen];
}

function rows(features, cols) {
  return features.map((f) => Object.fromEntries(cols.map((c) => {
    const v = f.properties?.[c];
    return [c, v != null && typeof v === 'object' ? JSON.stringify(v) : v ?? null];
  })));
}

// A text cell that a spreadsheet would run as a formula gets a leading apostrophe.
const safe = (v) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

function csvCell(v) {
  if (v == null) return '';
  const s = String(safe(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

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

/** Export features in a format ('geojson' | 'csv' | 'xlsx'); name without extension. */
export async function exportFeatures(features, format, name = 'landmap-parcels') {
  const cols = columns(features);
  const table = rows(features, cols);
  let blob;
  if (format === 'geojson') {
    blob = new Blob([JSON.stringify({ type: 'FeatureCollection', features })], { type: 'application/geo+json' });
  } else if (format === 'csv') {
    const lines = [cols.map(csvCell).join(','), ...table.map((r) => cols.map((c) => csvCell(r[c])).join(','))];
    blob = new Blob(['\uFEFF', lines.join('\r\n'), '\r\n'], { type: 'text/csv;charset=utf-8' });
  } else if (format === 'xlsx') {
    const XLSX = await vendor('XLSX');
    const sheet = XLSX.utils.json_to_sheet(table.map((r) => Object.fromEntries(cols.map((c) => [c, safe(r[c])]))), { header: cols });
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'parcels');
    const bytes = XLSX.write(book, { bookType: 'xlsx', type: 'array', compression: true });
    blob = new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  } else {
    throw new Error(`unknown export format ${format}`);
  }
  exportState.last = { format, count: features.length, columns: cols };
  download(blob, `${name}.${format}`);
  return exportState.last;
}

/** Three buttons (GeoJSON, CSV, Excel) exporting what features() returns at click time. */
export function exportButtons(features, testid, name) {
  const box = document.createElement('div');
  box.className = 'lm-export';
  for (const [format, text] of [['geojson', 'GeoJSON'], ['csv', 'CSV'], ['xlsx', 'Excel']]) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.dataset.testid = `${testid}-${format}`;
    b.addEventListener('click', () => exportFeatures(features(), format, name));
    box.append(b);
  }
  return box;
}
