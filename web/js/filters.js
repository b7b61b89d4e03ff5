// Filters by park, parcel state, land use and project stage, and a year slider that shows
// the zone as it stood at the end of a year. They set store.view; the map, legend,
// statistics and exports follow. The count and area shown are the filtered parcels' (all, not
// only those in view): the server's totals for the same CQL2 filter (viewTotals.js).
import { PARCEL_STATUS, PROJECT_STAGE, LAND_USE } from './styles.js';
import { landUseChoices } from './vocabulary.js';
import { view, data, changed, onChange, matches } from './store.js';
import { keepFocus } from './focus.js';
import { filteredTotals } from './viewTotals.js';
import { t, label, fmt, onLangChange } from './i18n.js';
import { parkNames } from './popup.js';

const FIRST_YEAR = 1994;
const NOW_YEAR = new Date().getFullYear();

let box;
export const filterResult = { n: 0, mu: 0, run: Promise.resolve() };

function field(labelKey, control) {
  const row = document.createElement('label');
  row.className = 'lm-field';
  const span = document.createElement('span');
  span.textContent = t(labelKey);
  row.append(span, control);
  return row;
}

function select(testid, options, value, onPick) {
  const el = document.createElement('select');
  el.dataset.testid = testid;
  for (const [v, text] of options) {
    const o = document.createElement('option');
    o.value = v;
    o.textContent = text;
    o.selected = v === value;
    el.append(o);
  }
  el.addEventListener('change', () => onPick(el.value));
  return el;
}

// Redrawn on every change and every answer; the control that had the focus keeps it.
function render() {
  keepFocus(box, draw);
}

function draw() {
  box.replaceChildren();
  const parks = [['', t('all')], ...data.parks.map((f) => [f.properties.code, label(parkNames.get(f.properties.code))])];
  box.append(field('filterPark', select('filter-park', parks, [...view.parks][0] ?? '', (v) => set({ parks: v ? [v] : [] }))));

  const states = document.createElement('fieldset');
  states.className = 'lm-states';
  const legend = document.createElement('legend');
  legend.textContent = t('filterState');
  states.append(legend);
  for (const [code, entry] of Object.entries(PARCEL_STATUS)) {
    const row = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.dataset.testid = `filter-state-${code}`;
    input.checked = !view.hidden.parcels.has(code);
    input.addEventListener('change', () => {
      if (input.checked) view.hidden.parcels.delete(code); else view.hidden.parcels.add(code);
      changed('view');
    });
    const text = document.createElement('span');
    text.textContent = label(entry);
    row.append(input, text);
    states.append(row);
  }
  box.append(states);

  const { classes, codes } = landUseChoices();
  const uses = [['', t('all')], ...[...classes, ...codes].map((c) => [c, `${c} ${label(LAND_USE[c])}`])];
  box.append(field('filterLandUse', select('filter-landuse', uses, view.landUse, (v) => set({ landUse: v }))));
  const stages = [['', t('all')], ...Object.entries(PROJECT_STAGE).map(([c, e]) => [c, label(e)])];
  const stageField = field('filterStage', select('filter-stage', stages, view.stage, (v) => set({ stage: v })));
  // The stage is a project's, not a parcel's: it filters the project dots only, and says so, with
  // the dots it leaves, instead of leaving the parcel count unchanged as if it did nothing.
  const stageNote = document.createElement('p');
  stageNote.className = 'lm-note';
  stageNote.dataset.testid = 'filter-stage-note';
  const dots = data.projects.filter((f) => matches('projects', f.properties)).length;
  stageNote.dataset.projects = String(dots);
  stageNote.textContent = view.stage ? t('stageNoteOn', { n: dots }) : t('stageNote');
  stageField.append(stageNote);
  box.append(stageField);

  const slider = document.createElement('input');
  slider.type = 'range';
  slider.min = String(FIRST_YEAR);
  slider.max = String(NOW_YEAR);
  slider.step = '1';
  slider.value = String(view.year ?? NOW_YEAR);
  slider.dataset.testid = 'filter-year';
  const yearText = document.createElement('output');
  yearText.dataset.testid = 'filter-year-value';
  const showYear = (y) => { yearText.textContent = y >= NOW_YEAR ? t('now') : String(y); };
  showYear(Number(slider.value));
  slider.addEventListener('input', () => showYear(Number(slider.value)));
  slider.addEventListener('change', () => set({ year: Number(slider.value) >= NOW_YEAR ? null : Number(slider.value) }));
  const yearRow = field('filterYear', slider);
  yearRow.append(yearText);
  box.append(yearRow);
  if (view.year != null) {
    const note = document.createElement('p');
    note.className = 'lm-note';
    note.textContent = t('yearNote', { year: view.year });
    box.append(note);
  }

  const count = document.createElement('p');
  count.className = 'lm-filter-count';
  count.dataset.testid = 'filter-count';
  count.dataset.count = String(filterResult.n);
  count.dataset.mu = String(filterResult.mu);
  count.textContent = t('filterCount', { n: filterResult.n, mu: fmt(filterResult.mu, 2) })
    + (view.stage ? t('filterCountProjects', { p: dots }) : '');
  const reset = document.createElement('button');
  reset.type = 'button';
  reset.dataset.testid = 'filter-reset';
  reset.textContent = t('resetFilters');
  reset.addEventListener('click', () => set({ parks: [], states: null, landUse: '', stage: '', year: null, compliance: '' }));
  box.append(count, reset);
}

/** Set filters at once: { parks: [codes], states: [shown states] | null (all), landUse, stage, year, compliance }. */
export function set(changes) {
  const yearChanged = 'year' in changes && changes.year !== view.year;
  if (changes.parks) view.parks = new Set(changes.parks);
  if ('states' in changes) {
    view.hidden.parcels.clear();
    if (changes.states) for (const s of Object.keys(PARCEL_STATUS)) if (!changes.states.includes(s)) view.hidden.parcels.add(s);
  }
  if ('landUse' in changes) view.landUse = changes.landUse ?? '';
  if ('stage' in changes) view.stage = changes.stage ?? '';
  if ('compliance' in changes) view.compliance = changes.compliance ?? ''; // compliance.js's filter
  if ('year' in changes) view.year = changes.year;
  changed(yearChanged ? 'year' : 'view');
  render();
}

let recounts = 0;
let recountAbort = null;
async function recount() {
  // The server's sums in either mode (viewTotals.js); the request for an earlier filter is cancelled.
  const asked = ++recounts;
  recountAbort?.abort();
  recountAbort = new AbortController();
  let totals;
  try {
    totals = Object.values(await filteredTotals(recountAbort.signal));
  } catch (e) {
    if (e.name === 'AbortError') return;
    throw e;
  }
  if (asked !== recounts) return;
  filterResult.n = totals.reduce((s, x) => s + x.n, 0);
  filterResult.mu = totals.reduce((s, x) => s + x.mu, 0);
  render();
}

export function initFilters(container) {
  box = document.createElement('div');
  box.className = 'lm-filters';
  container.append(box);
  render();
  onLangChange(render);
  onChange((what) => { if (what === 'data' || what === 'view') filterResult.run = recount(); });
  return { set, result: filterResult };
}
