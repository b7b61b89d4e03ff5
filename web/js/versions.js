// A parcel's history in the side panel (GET /api/parcels/{code}/history), fitted to the panel's
// width at every layout (issue 17): three columns, each version one row with its parts stacked —
// the version over its operation, "from" over "to" in the zone's time (the zone named once, in the
// header), who changed it over its source, each cut to one line with the whole text in a tooltip.
// Figures, codes, dates and times never break inside (tables.js); nothing scrolls sideways.
import { t, zoneTime } from './i18n.js';

const ZONE = ' (UTC+8)';

function line(text, className = 'lm-cell-word') {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

/** A date-time as whole parts ("2026-12-04", "22:01") that may wrap between, never inside. */
function time(iso, prefix = '') {
  const box = document.createElement('span');
  box.className = 'lm-version-time';
  const text = zoneTime(iso).replace(ZONE, '');
  text.split(' ').forEach((part, i) => box.append(i ? ' ' : '', line(i ? part : prefix + part)));
  return box;
}

/** One line cut with an ellipsis, the whole of it in its tooltip. */
function cut(text) {
  const span = line(text, 'lm-version-cut');
  span.title = text;
  return span;
}

/**
 * The versions as a table: a row per version (data-version), three columns.
 * @param {{ versions: any[] }} history
 */
export function versionsTable(history) {
  const table = document.createElement('table');
  table.className = 'lm-table lm-versions';
  const head = table.createTHead().insertRow();
  for (const text of [t('version'), `${t('validFrom')} → ${t('validTo')}${ZONE}`, `${t('changedBy')} / ${t('source')}`]) {
    const th = document.createElement('th');
    th.textContent = text;
    head.append(th);
  }
  const body = table.createTBody();
  for (const v of history.versions) {
    const row = body.insertRow();
    row.dataset.version = String(v.version);
    row.insertCell().append(line(String(v.version)), line(t(`op_${v.operation}`), 'lm-cell-word lm-version-op'));
    row.insertCell().append(time(v.validFrom), time(v.validTo, '→ '));
    const who = row.insertCell();
    who.title = String(v.source ?? '—');
    who.append(cut(String(v.changedBy ?? '—')), cut(String(v.source ?? '—')));
  }
  return table;
}
