// The supervision tab: on the map's chosen date (the year filter's year end, else today) the
// idle-land procedure's candidate lists and the supply-contract warnings, as the API answers them
// (/api/supervision/idle-candidates and /contract-warnings): each list with its count and mu, its
// rows selecting and framing the parcel, a "show on map" switch outlining exactly its parcels, and
// the API's CSV / xlsx of both reports.
import { supervisionReport, supervisionUrl } from './api.js';
import { listDate, listedCodes } from './supervisionModel.js';
import { outline, outlinedCodes, selectParcel } from './supervisionLayer.js';
import { view, onChange } from './store.js';
import { parkNames } from './popup.js';
import { t, lang, fmt, label, onLangChange } from './i18n.js';
import { stackRows } from './tables.js';

const REPORTS = [['idle-candidates', 'supCandidates'], ['contract-warnings', 'supWarnings']];
const WITHIN = [30, 60, 90];

/** What the panel shows: the reports by name, the lists switched on ("report/key"), the last load. */
export const supervisionState = {
  /** @type {Record<string, any>} */
  reports: {},
  shown: new Set(),
  within: 90,
  date: /** @type {string | null} */ (null),
  run: Promise.resolve(),
  opened: false,
};
let box;

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

/** Ask both reports for the chosen date again, then redraw the panel and the outlines. */
export function refreshSupervision() {
  supervisionState.date = listDate(view.year);
  // The file's headers, values and any note of a cut cell in the page's language (redrawn on a switch).
  const query = { date: supervisionState.date, within: supervisionState.within, lang: lang() };
  supervisionState.run = Promise.all(REPORTS.map(([name]) => supervisionReport(name, query).then((r) => [name, r])))
    .then((answers) => {
      if (supervisionState.date !== listDate(view.year)) return null; // the year moved meanwhile: its load draws
      supervisionState.reports = Object.fromEntries(answers);
      render();
      return showOutlines();
    }, (error) => {
      box.replaceChildren(el('p', { className: 'lm-error', textContent: error.message }));
    });
  return supervisionState.run;
}

/** Outline the parcels of every list switched on. */
function showOutlines() {
  const codes = [];
  for (const key of supervisionState.shown) {
    const [name, list] = key.split('/');
    codes.push(...listedCodes(supervisionState.reports[name], [list]));
  }
  return outline(codes);
}

function downloads(name) {
  // The file's headers, values and any note of a cut cell in the page's language (redrawn on a switch).
  const query = { date: supervisionState.date, within: supervisionState.within, lang: lang() };
  const links = el('p', { className: 'lm-export' });
  for (const f of /** @type {const} */ (['csv', 'xlsx'])) {
    const a = el('a', { href: supervisionUrl(name, { ...query, f }), textContent: f.toUpperCase(), download: '' });
    a.dataset.testid = `supervision-${name}-${f}`;
    links.append(a);
  }
  return links;
}

function listSection(name, key, list) {
  const section = el('section', { className: 'lm-sup-list' });
  section.dataset.testid = 'supervision-list';
  Object.assign(section.dataset, { report: name, list: key, count: String(list.parcels), mu: String(list.areaMu) });
  const title = el('strong', { textContent: lang() === 'en' ? list.nameEn : list.nameZh });
  const figures = el('span', { className: 'lm-legend-figures', textContent: t('supListCount', { n: list.parcels, mu: fmt(list.areaMu, 2) }) });
  const toggle = el('input', { type: 'checkbox', checked: supervisionState.shown.has(`${name}/${key}`), disabled: !list.parcels });
  toggle.dataset.testid = 'supervision-show';
  toggle.addEventListener('change', () => {
    if (toggle.checked) supervisionState.shown.add(`${name}/${key}`); else supervisionState.shown.delete(`${name}/${key}`);
    supervisionState.run = showOutlines();
  });
  const show = el('label', { className: 'lm-check' }, toggle, el('span', { textContent: t('supShow') }));
  section.append(el('div', { className: 'lm-sup-head' }, title, figures), show);
  if (!list.items.length) return section;
  // Long lists start folded: the heading, figures and switch stay in sight.
  const rows = el('details', { open: list.parcels <= 30 }, el('summary', { textContent: t('supRows', { n: list.parcels }) }));
  const table = el('table', { className: 'lm-table' });
  const head = table.createTHead().insertRow();
  for (const k of ['supCode', 'park', 'areaMu', 'supOn', 'supDays']) head.append(el('th', { textContent: t(k) }));
  const body = table.createTBody();
  for (const item of list.items) {
    const row = body.insertRow();
    row.dataset.code = item.code;
    const pick = el('button', { type: 'button', className: 'lm-link', textContent: item.code });
    pick.dataset.testid = 'supervision-row';
    pick.addEventListener('click', () => { supervisionState.run = selectParcel(item.code); });
    row.insertCell().append(pick);
    // The park by its short name (its code as a tooltip): the 22rem panel keeps codes and dates on one line.
    const park = row.insertCell();
    park.textContent = label(parkNames.get(item.parkCode)) || item.parkCode;
    park.title = item.parkCode;
    for (const text of [fmt(item.areaMu, 2), item.on, String(item.days)]) row.insertCell().textContent = text;
  }
  rows.append(stackRows(table));
  section.append(rows);
  return section;
}

function render() {
  box.replaceChildren();
  const date = supervisionState.reports['idle-candidates']?.date ?? supervisionState.date ?? '';
  const head = el('p', { className: 'lm-note' }, el('strong', { textContent: t('supDate', { date }) }), ' ', t('supDateNote'));
  head.dataset.testid = 'supervision-date';
  head.dataset.date = date;
  const within = el('select');
  within.dataset.testid = 'supervision-within';
  for (const n of WITHIN) within.append(el('option', { value: String(n), textContent: String(n), selected: n === supervisionState.within }));
  within.addEventListener('change', () => { supervisionState.within = Number(within.value); refreshSupervision(); });
  box.append(head);
  for (const [name, titleKey] of REPORTS) {
    const report = supervisionState.reports[name];
    box.append(el('h3', { textContent: t(titleKey) }));
    if (name === 'contract-warnings') box.append(el('label', { className: 'lm-field' }, el('span', { textContent: t('supWithin') }), within));
    box.append(downloads(name));
    for (const [key, list] of Object.entries(report?.lists ?? {})) box.append(listSection(name, key, list));
  }
}

/** Build the tab; the lists load when it is first shown, and follow the year filter from then on. */
export function initSupervision(container) {
  box = el('div', { className: 'lm-supervision', textContent: t('supLoading') });
  box.dataset.testid = 'supervision';
  container.append(box);
  onLangChange(() => { if (supervisionState.opened) render(); });
  onChange((what) => { if (what === 'year' && supervisionState.opened) refreshSupervision(); });
  return {
    state: supervisionState,
    open() { supervisionState.opened = true; return refreshSupervision(); },
    refresh: refreshSupervision,
    outlined: outlinedCodes,
  };
}
