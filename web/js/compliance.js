// The compliance filter (tab 筛选, folded until opened): the parcels that break a rule of the plan (any
// rule, one rule of the vocabulary's complianceRules), or those that comply, or have no plan over them.
// It is one more term of the parcel filter's CQL2 (planModel.complianceCql on the server's computed
// `compliance` / `noncompliant_rules`), so the map, legend, counts, tiles and exports all follow it
// through the same routes (/api/parcels/shown, /api/parcels/totals). Beside it: the totals per rule in
// mu (GET /api/planning/compliance/totals), and a switch colouring the parcels by compliance (an
// overlay, coloured by the first rule each parcel breaks). No rule is evaluated in the page.
import './planTexts.js';
import { fetchCollection } from './api.js';
import { complianceTotals } from './planApi.js';
import { COMPLIANCE_CHOICES } from './planModel.js';
import { COMPLIANCE_RULE } from './vocabulary.js';
import { view, changed, onChange, parcelsQuery } from './store.js';
import { parcelsState } from './parcels.js';
import { addLegendSection, redrawLegend } from './legend.js';
import { t, label, fmt, onLangChange } from './i18n.js';

const L = window.L;

// How compliance is drawn (the rules' colours are the vocabulary's).
const COMPLIANT = { zh: '符合', en: 'Compliant', color: '#1A9850' };
const NO_PLAN = { zh: '无规划覆盖', en: 'No plan', color: '#BDBDBD' };
/** The legend's rows while colouring: compliant, each rule, no plan; filled in place. */
const LOOK = /** @type {Record<string, { zh: string, en: string, color?: string }>} */ ({});

export const complianceState = {
  colour: false, error: '',
  /** The API's totals: { date, parcels, areaMu, rules: [{ rule, nameZh, nameEn, parcels, areaMu }] }. */
  totals: /** @type {any} */ (null),
  run: /** @type {Promise<unknown>} */ (Promise.resolve()), drawn: /** @type {Promise<unknown>} */ (Promise.resolve()),
};
let box;
let map;
let overlay;
let open = false;

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

function fillLook() {
  for (const key of Object.keys(LOOK)) delete LOOK[key];
  LOOK.compliant = COMPLIANT;
  Object.assign(LOOK, COMPLIANCE_RULE);
  LOOK.no_plan = NO_PLAN;
}

/** A parcel's colour: the first rule (in the vocabulary's order) it breaks, green if it complies. */
function colourOf(p) {
  if (p.compliance === 'compliant') return COMPLIANT.color;
  if (p.compliance !== 'noncompliant') return null;
  const broken = new Set(String(p.noncompliant_rules ?? '').split(',').filter(Boolean));
  const first = Object.keys(COMPLIANCE_RULE).find((code) => broken.has(code));
  return COMPLIANCE_RULE[first]?.color ?? '#D7301F';
}

/** Colour the parcels the filters select by compliance (the view's only, with parcel tiles). */
function drawColours() {
  if (!complianceState.colour) {
    overlay.clearLayers();
    complianceState.drawn = Promise.resolve();
    return complianceState.drawn;
  }
  const b = map.getBounds();
  const bbox = parcelsState.mode === 'tiles' ? [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].join(',') : undefined;
  complianceState.drawn = fetchCollection('parcels', { ...parcelsQuery(), bbox }).then((collection) => {
    overlay.clearLayers();
    overlay.addData(collection);
  }, (error) => console.error('LandMap: colouring by compliance failed', error));
  return complianceState.drawn;
}

function loadTotals() {
  complianceState.run = complianceTotals({ asOf: view.year == null ? null : `${view.year}-12-31` }).then((totals) => {
    complianceState.totals = totals;
    complianceState.error = '';
    render();
  }, (error) => {
    complianceState.error = error.message;
    render();
  });
  return complianceState.run;
}

/** Select non-compliant parcels by rule (a code), by compliance value, or none (''). */
export function setCompliance(value) {
  view.compliance = value ?? '';
  changed('view');
  render();
}

function render() {
  box.replaceChildren();
  const details = el('details', { open });
  details.addEventListener('toggle', () => {
    open = details.open;
    if (open && !complianceState.totals) loadTotals();
  });
  const summary = el('summary', { textContent: t('compliance') });
  summary.dataset.testid = 'compliance-toggle';
  const choice = el('select');
  choice.dataset.testid = 'filter-compliance';
  const options = [['', t('complianceAll')], [COMPLIANCE_CHOICES[0], t('compliance_noncompliant')],
    ...Object.entries(COMPLIANCE_RULE).map(([code, entry]) => [code, `· ${label(entry)}`]),
    ...COMPLIANCE_CHOICES.slice(1).map((c) => [c, t(`compliance_${c}`)])];
  for (const [value, text] of options) choice.append(el('option', { value, textContent: text, selected: value === view.compliance }));
  choice.addEventListener('change', () => setCompliance(choice.value));

  const colour = el('input', { type: 'checkbox', checked: complianceState.colour });
  colour.dataset.testid = 'compliance-colour';
  colour.addEventListener('change', () => {
    complianceState.colour = colour.checked;
    redrawLegend();
    drawColours();
  });
  details.append(summary, el('label', { className: 'lm-field' }, el('span', { textContent: t('compliance') }), choice),
    el('label', { className: 'lm-check' }, colour, el('span', { textContent: t('complianceColour') })),
    el('h4', { textContent: t('complianceTotals') }));
  if (complianceState.error) details.append(el('p', { className: 'lm-error', textContent: complianceState.error }));
  const totals = el('table', { className: 'lm-table' });
  totals.dataset.testid = 'compliance-totals';
  const head = totals.createTHead().insertRow();
  for (const key of ['siteRule', 'parcelCount', 'areaMu']) head.append(el('th', { textContent: t(key) }));
  const body = totals.createTBody();
  const answer = complianceState.totals;
  const rows = answer ? [{ rule: COMPLIANCE_CHOICES[0], parcels: answer.parcels, areaMu: answer.areaMu }, ...(answer.rules ?? [])] : [];
  for (const row of rows) {
    const tr = body.insertRow();
    Object.assign(tr.dataset, { rule: row.rule, count: String(row.parcels), mu: String(row.areaMu) });
    const name = row.rule === COMPLIANCE_CHOICES[0] ? t('compliance_noncompliant')
      : label(COMPLIANCE_RULE[row.rule] ?? (row.nameZh ? { zh: row.nameZh, en: row.nameEn } : null)) || row.rule;
    const pick = el('button', { type: 'button', className: 'lm-link', textContent: name });
    pick.addEventListener('click', () => setCompliance(row.rule));
    tr.insertCell().append(pick);
    tr.insertCell().textContent = String(row.parcels);
    tr.insertCell().textContent = fmt(row.areaMu, 2);
  }
  if (answer?.date) details.append(el('p', { className: 'lm-note', textContent: t('supDate', { date: answer.date }) }));
  details.append(totals);
  box.append(details);
}

/** Build the section in the filters tab and the colouring overlay. */
export function initCompliance(container, theMap) {
  map = theMap;
  map.createPane('lm-compliance').style.zIndex = '425'; // over the parcels, under the lines and areas
  overlay = L.geoJSON(null, {
    pane: 'lm-compliance', interactive: false,
    style: (f) => {
      const colour = colourOf(f.properties);
      return colour
        ? { color: '#333333', weight: 1, fillColor: colour, fillOpacity: 0.85, className: `lm-compliance lm-compliance-${f.properties.compliance}` }
        : { color: NO_PLAN.color, weight: 1, fill: false, className: 'lm-compliance lm-compliance-no_plan' };
    },
  }).addTo(map);
  fillLook();
  addLegendSection({ title: 'complianceLegend', kind: 'compliance', table: LOOK, swatch: 'fill', visible: () => complianceState.colour });
  box = el('section', { className: 'lm-compliance-filter' });
  box.dataset.testid = 'compliance-filter';
  container.append(box);
  render();
  onLangChange(() => { fillLook(); render(); });
  onChange((what) => {
    if (what === 'view' && box.querySelector('select')?.value !== view.compliance) render(); // cleared with the filters
    if (what === 'year' && complianceState.totals) loadTotals();
    if (complianceState.colour && (what === 'view' || what === 'year' || what === 'data')) drawColours();
  });
  map.on('moveend', () => { if (complianceState.colour && parcelsState.mode === 'tiles') drawColours(); });
  return {
    state: complianceState, set: setCompliance, loadTotals, drawn: () => complianceState.drawn,
    /** code -> fill colour of the parcels coloured by compliance now. */
    colours: () => Object.fromEntries(overlay.getLayers().map((l) => [l.feature.properties.code, l.options.fillColor ?? null])),
  };
}
