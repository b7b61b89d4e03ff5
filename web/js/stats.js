// Statistics: per-park area by state (stacked bars, Chart.js), the land indicators table and the
// park evaluation (TD/T 1029 terms, at the year's end) for a chosen year, all straight from /api
// (POST /api/parcels/area per park, GET /api/reports/land-indicators?year=, GET
// /api/reports/parks?date=), so the page's numbers are the API's numbers. The chart follows the
// park and state filters.
import { parcelsArea, landIndicators, parkEvaluation } from './api.js';
import { PARCEL_STATUS } from './styles.js';
import { data, view, onChange } from './store.js';
import { vendor } from './vendor.js';
import { fitCells, stackRows } from './tables.js';
import { parkNames } from './popup.js';
import { t, label, fmt, onLangChange } from './i18n.js';

export const statsState = { byPark: {}, indicators: null, evaluation: null, year: 2014, run: Promise.resolve() };
let box;
let chart;
let shown = false;

function parksShown() {
  return data.parks.map((f) => f.properties.code).filter((c) => !view.parks.size || view.parks.has(c));
}

async function loadByPark() {
  const missing = data.parks.map((f) => f.properties.code).filter((c) => !statsState.byPark[c]);
  const answers = await Promise.all(missing.map((c) => parcelsArea({ park: c })));
  missing.forEach((c, i) => { statsState.byPark[c] = answers[i]; });
}

function muOf(park, status) {
  return statsState.byPark[park]?.byStatus.find((r) => r.status === status)?.areaMu ?? 0;
}

async function drawChart(canvas) {
  const Chart = await vendor('Chart');
  const parks = parksShown();
  const states = Object.keys(PARCEL_STATUS).filter((s) => !view.hidden.parcels.has(s));
  const config = {
    type: 'bar',
    data: {
      labels: parks.map((c) => lines(label(parkNames.get(c)) || c)),
      datasets: states.map((s) => ({
        label: label(PARCEL_STATUS[s]), backgroundColor: PARCEL_STATUS[s].color, data: parks.map((p) => muOf(p, s)),
      })),
    },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      // Bars across, park names level down the side, each on its own lines: stood under upright bars
      // in a 22rem panel the English names were rotated and squashed unreadable (issue 17).
      indexAxis: 'y',
      scales: {
        x: { stacked: true, title: { display: true, text: t('mu') }, ticks: { maxRotation: 0, autoSkipPadding: 8 } },
        y: { stacked: true, ticks: { autoSkip: false, font: { size: 11 } } },
      },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 10, font: { size: 10 } } } },
    },
  };
  // Room for every park's (up to two-line) name, and the states' legend under the bars.
  canvas.parentElement.style.height = `${10 + 2.2 * parks.length}rem`;
  chart?.destroy();
  chart = new Chart(canvas, config);
}

/** A park's name as chart label lines: English words two to a line at most 14 characters; Chinese as it is. */
function lines(name) {
  const words = String(name).split(/\s+/);
  if (words.length < 2) return name;
  const out = [];
  for (const w of words) {
    const last = out.length - 1;
    if (last >= 0 && `${out[last]} ${w}`.length <= 14) out[last] = `${out[last]} ${w}`; else out.push(w);
  }
  return out;
}

/** A table; { stack: true } for more columns than the panel holds side by side (tables.js stackRows). */
function table(head, rows, testid, { stack = false } = {}) {
  const el = document.createElement('table');
  el.className = 'lm-table';
  el.dataset.testid = testid;
  const tr = el.createTHead().insertRow();
  for (const h of head) { const th = document.createElement('th'); th.textContent = h; tr.append(th); }
  const body = el.createTBody();
  for (const row of rows) {
    const r = body.insertRow();
    if (row.key) r.dataset.key = row.key;
    for (const [i, cell] of row.cells.entries()) {
      const c = r.insertCell();
      c.textContent = String(cell);
      if (row.raw?.[i] != null) c.dataset.value = String(row.raw[i]);
    }
  }
  fitCells(el);
  return stack ? stackRows(el) : el;
}

function parkTable() {
  const parks = parksShown();
  const rows = parks.map((c) => {
    const a = statsState.byPark[c];
    return { key: c, cells: [label(parkNames.get(c)) || c, a?.parcels ?? 0, fmt(a?.areaMu ?? 0, 2)], raw: [null, a?.parcels, a?.areaMu] };
  });
  return table([t('park'), t('parcelCount'), t('areaMu')], rows, 'stats-parks');
}

function indicatorTable() {
  const r = statsState.indicators;
  if (!r) return document.createElement('div');
  const rows = r.indicators.map((i) => ({
    key: i.key,
    cells: [label({ zh: i.nameZh, en: i.nameEn }), i.parcels, fmt(i.areaMu, 2), fmt(i.areaM2, 0), i.reportedMu == null ? '—' : fmt(i.reportedMu, 0)],
    raw: [null, i.parcels, i.areaMu, i.areaM2, i.reportedMu],
  }));
  return table([t('indicator'), t('parcelCount'), t('areaMu'), t('areaM2'), t('reported')], rows, 'stats-indicators', { stack: true });
}

const pct = (rate) => (rate == null ? '—' : `${fmt(rate * 100, 1)}%`);
const num = (v, d) => (v == null ? '—' : fmt(v, d));

function evaluationTable() {
  const r = statsState.evaluation;
  if (!r) return document.createElement('div');
  const rows = [...r.parks, r.zone].map((p) => ({
    key: p.park ?? 'zone',
    cells: [label({ zh: p.nameZh, en: p.nameEn }), num(p.approvedMu, 2), pct(p.developmentRate), pct(p.supplyRate),
      pct(p.builtUpRate), num(p.investmentPerHectareWan, 2), num(p.investmentPerMuWan, 2)],
    raw: [null, p.approvedMu, p.developmentRate, p.supplyRate, p.builtUpRate, p.investmentPerHectareWan, p.investmentPerMuWan],
  }));
  return table([t('park'), t('readyForSupply'), t('developmentRate'), t('supplyRate'), t('builtUpRate'),
    t('investmentPerHa'), t('investmentPerMu')], rows, 'stats-evaluation', { stack: true });
}

/** The year's indicators and its year-end evaluation, both into statsState. */
async function loadYear(year) {
  const [indicators, evaluation] = await Promise.all([landIndicators(year), parkEvaluation(year)]);
  Object.assign(statsState, { indicators, evaluation });
}

async function render() {
  if (!shown) return;
  box.replaceChildren();
  const h1 = document.createElement('h3');
  h1.textContent = t('statsByPark');
  const wrap = document.createElement('div');
  wrap.className = 'lm-chart';
  const canvas = document.createElement('canvas');
  canvas.dataset.testid = 'stats-chart';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', t('statsByPark'));
  wrap.append(canvas);
  const h2 = document.createElement('h3');
  h2.textContent = t('indicators');
  const yearInput = document.createElement('input');
  yearInput.type = 'number';
  yearInput.min = '1990';
  yearInput.max = '2100';
  yearInput.value = String(statsState.year);
  yearInput.dataset.testid = 'stats-year';
  yearInput.addEventListener('change', () => setYear(Number(yearInput.value)));
  const yearLabel = document.createElement('label');
  yearLabel.className = 'lm-field';
  const yl = document.createElement('span');
  yl.textContent = t('indicatorYear');
  yearLabel.append(yl, yearInput);
  const h3 = document.createElement('h3');
  h3.textContent = t('evaluation');
  box.append(h1, wrap, parkTable(), h2, yearLabel, indicatorTable(), h3, evaluationTable());
  await drawChart(canvas);
}

export async function setYear(year) {
  statsState.year = year;
  statsState.run = loadYear(year).then(() => render());
  return statsState.run;
}

export function initStats(container) {
  box = document.createElement('div');
  box.className = 'lm-stats';
  container.append(box);
  onLangChange(() => render());
  onChange((what) => { if (shown && what === 'view') statsState.run = render(); });
  return {
    state: statsState,
    setYear,
    show() {
      shown = true;
      statsState.run = Promise.all([loadByPark(), loadYear(statsState.year)]).then(() => render());
      return statsState.run;
    },
  };
}
