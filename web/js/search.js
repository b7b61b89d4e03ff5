// Search by parcel code (or name), project name, road or river name (Chinese or English); a
// result zooms to the feature, highlights it and opens its panel. Parcels are searched in the page
// when all are loaded, by the server (CQL2 LIKE) when they come as tiles. The page holds only the
// parcels of the year the year filter chose: the list says so, and offers every year (the server's
// search) instead of a bare "no results".
import { data, view } from './store.js';
import { fetchPage } from './api.js';
import { parcelsState } from './parcels.js';
import { select } from './sidePanel.js';
import { featureTitle } from './popup.js';
import { t, onLangChange } from './i18n.js';
import { contains } from './cql.js';

const MAX_RESULTS = 20;
let results = [];
/** What the last search asked: its text, and whether over every year (else the year filter's parcels). */
const asked = { text: '', allYears: false };
let form;
let list;

const has = (value, q) => value != null && String(value).toLowerCase().includes(q);

/** Does the year filter limit the parcels this search looks at? (Tiles: the server's search sees every year.) */
const yearBound = (allYears) => view.year != null && parcelsState.mode === 'features' && !allYears;

async function find(text, allYears) {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const found = [];
  // Held parcels are the year's; every year's are the server's to search.
  if (parcelsState.mode === 'features' && !(allYears && view.year != null)) {
    for (const f of data.parcels) if (has(f.properties.code, q) || has(f.properties.name, q)) found.push(['parcels', f]);
  } else {
    const page = await fetchPage('parcels', { limit: MAX_RESULTS, filter: `${contains('code', text.trim())} OR ${contains('name', text.trim())}` });
    for (const f of page.features) found.push(['parcels', f]);
  }
  for (const f of data.projects) {
    const p = f.properties;
    if (has(p.name_zh, q) || has(p.name_en, q) || has(p.code, q)) found.push(['projects', f]);
  }
  // Roads and rivers by either name: an English page searches "Binhai 3rd Road" (name_en, migration 0043).
  for (const kind of ['roads', 'rivers']) {
    for (const f of data[kind]) if (has(f.properties.name, q) || has(f.properties.name_en, q) || has(f.properties.code, q)) found.push([kind, f]);
  }
  // Exact codes first, then by kind as found.
  found.sort((a, b) => Number(b[1].properties.code?.toLowerCase() === q) - Number(a[1].properties.code?.toLowerCase() === q));
  return found.slice(0, MAX_RESULTS);
}

/** The year filter's note: which parcels were searched, and a button to search every year. */
function yearNote() {
  const li = document.createElement('li');
  li.className = 'lm-note';
  li.dataset.testid = 'search-year-note';
  const text = document.createElement('span');
  text.textContent = results.length ? t('searchYearOnly', { year: view.year }) : t('searchYearNone', { year: view.year });
  const all = document.createElement('button');
  all.type = 'button';
  all.className = 'lm-link';
  all.dataset.testid = 'search-all-years';
  all.textContent = t('searchAllYears');
  all.addEventListener('click', () => search(asked.text, { allYears: true }).then(() => list.querySelector('button')?.focus()));
  li.append(text, ' ', all);
  return li;
}

function renderResults() {
  list.replaceChildren();
  if (yearBound(asked.allYears)) list.append(yearNote());
  else if (asked.allYears && view.year != null) {
    const li = document.createElement('li');
    li.className = 'lm-note';
    li.dataset.testid = 'search-year-note';
    li.textContent = t('searchAllYearsDone');
    list.append(li);
  }
  if (!results.length) {
    if (yearBound(asked.allYears)) return; // the note says it, with the way out
    const li = document.createElement('li');
    li.dataset.testid = 'search-none';
    li.textContent = t('noResults');
    list.append(li);
    return;
  }
  for (const [kind, feature] of results) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.dataset.testid = `search-result-${kind}`;
    b.dataset.code = feature.properties.code ?? '';
    const p = feature.properties;
    b.textContent = kind === 'parcels' ? `${t(kind)} · ${p.code} ${p.name ?? ''}`.trim() : `${t(kind)} · ${featureTitle(kind, p)}`;
    b.addEventListener('click', () => select(kind, feature, { zoom: true }));
    li.append(b);
    list.append(li);
  }
}

/** Search; allYears: parcels of every year, whatever the year filter (the server's search). */
export async function search(text, { allYears = false } = {}) {
  Object.assign(asked, { text, allYears });
  results = await find(text, allYears);
  renderResults();
  return results.map(([kind, f]) => ({ kind, code: f.properties.code }));
}

function render(container) {
  container.replaceChildren();
  form = document.createElement('form');
  form.className = 'lm-search';
  form.setAttribute('role', 'search');
  const label = document.createElement('label');
  label.htmlFor = 'search-input';
  label.textContent = t('searchLabel');
  const input = document.createElement('input');
  input.id = 'search-input';
  input.type = 'search';
  input.dataset.testid = 'search-input';
  const button = document.createElement('button');
  button.type = 'submit';
  button.dataset.testid = 'search-button';
  button.textContent = t('searchButton');
  form.addEventListener('submit', (e) => { e.preventDefault(); search(input.value); });
  list = document.createElement('ul');
  list.className = 'lm-results';
  list.dataset.testid = 'search-results';
  list.setAttribute('aria-live', 'polite');
  form.append(label, input, button);
  container.append(form, list);
  if (results.length) renderResults();
}

export function initSearch(container) {
  render(container);
  onLangChange(() => { const v = container.querySelector('input')?.value ?? ''; render(container); container.querySelector('input').value = v; });
  return { search };
}
