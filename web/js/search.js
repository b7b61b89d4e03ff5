// Search by parcel code (or name), project name or road name; a result zooms to the feature,
// highlights it and opens its panel. Parcels are searched in the page when all are loaded,
// by the server (CQL2 LIKE) when they come as tiles.
import { data } from './store.js';
import { fetchPage } from './api.js';
import { parcelsState } from './parcels.js';
import { select } from './sidePanel.js';
import { featureTitle } from './popup.js';
import { t, onLangChange } from './i18n.js';
import { contains } from './cql.js';

const MAX_RESULTS = 20;
let results = [];
let form;
let list;

const has = (value, q) => value != null && String(value).toLowerCase().includes(q);

async function find(text) {
  const q = text.trim().toLowerCase();
  if (!q) return [];
  const found = [];
  if (parcelsState.mode === 'features') {
    for (const f of data.parcels) if (has(f.properties.code, q) || has(f.properties.name, q)) found.push(['parcels', f]);
  } else {
    const page = await fetchPage('parcels', { limit: MAX_RESULTS, filter: `${contains('code', text.trim())} OR ${contains('name', text.trim())}` });
    for (const f of page.features) found.push(['parcels', f]);
  }
  for (const f of data.projects) {
    const p = f.properties;
    if (has(p.name_zh, q) || has(p.name_en, q) || has(p.code, q)) found.push(['projects', f]);
  }
  for (const f of data.roads) if (has(f.properties.name, q) || has(f.properties.code, q)) found.push(['roads', f]);
  // Exact codes first, then by kind as found.
  found.sort((a, b) => Number(b[1].properties.code?.toLowerCase() === q) - Number(a[1].properties.code?.toLowerCase() === q));
  return found.slice(0, MAX_RESULTS);
}

function renderResults() {
  list.replaceChildren();
  if (!results.length) {
    const li = document.createElement('li');
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

export async function search(text) {
  results = await find(text);
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
