// The site check's answer in the side panel, as the server gave it (POST /api/site-check): the
// overall verdict, the verdict per rule with its message and figures, the plan's figures beside the
// site's (a compact table), the plan zones with their shares, control lines with the area encroached,
// protected areas and overlapping parcels. Text only (textContent); numbers in data-* for tests.
import './planTexts.js';
import { landUseEntry } from './vocabulary.js';
import { PARCEL_STATUS, lookup } from './styles.js';
import { t, label, lang, fmt, onLangChange } from './i18n.js';
import { sideShown } from './tabs.js';

let last = null; // { answer, context } shown now

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

const pct = (v) => (v == null ? '—' : `${fmt(Number(v) * 100, 1)} %`);
const num = (v, d = 2) => (v == null || v === '' ? '—' : fmt(v, d));

/** A table: head keys, then rows of [cells, data attributes]. */
function table(testid, headKeys, rows) {
  if (!rows.length) return el('p', { className: 'lm-note', textContent: t('none') });
  const tbl = el('table', { className: 'lm-table' });
  tbl.dataset.testid = testid;
  const head = tbl.createTHead().insertRow();
  for (const key of headKeys) head.append(el('th', { textContent: t(key) }));
  const body = tbl.createTBody();
  for (const [cells, data] of rows) {
    const row = body.insertRow();
    Object.assign(row.dataset, data);
    for (const cell of cells) row.insertCell().textContent = cell == null || cell === '' ? '—' : String(cell);
  }
  return tbl;
}

const PLAN_EDITION = 'GB 50137-2011';
/** A plan zone's use named by the vocabulary (GB 50137), else by the answer's own name. */
const zoneUse = (z) => `${z.landUse} ${(lang() === 'en' ? z.landUseNameEn : z.landUseName) ?? label(landUseEntry(z.landUse, PLAN_EDITION))}`.trim();
const kindName = (x) => (lang() === 'en' ? x.kindNameEn ?? x.kind : x.kindName ?? x.kind);

/** The numbers a verdict was decided on ({ value: 2.5, overlapM2: 2165.96 ... }) as short text; lists
 * and nested records (the zones it looked at) are in the tables below, not repeated here. */
function figuresText(figures) {
  return Object.entries(figures ?? {}).filter(([, v]) => typeof v === 'number')
    .map(([k, v]) => `${k} ${fmt(v, Number.isInteger(v) ? 0 : 2)}`).join(' · ');
}

/** The plan's figures (the zone with the largest share) beside the site's: those the server checked
 * (a parcel's own, or the proposal), as its answer echoes them. */
function figuresTable(answer) {
  const zone = [...(answer.planZones ?? [])].sort((a, b) => (b.share ?? 0) - (a.share ?? 0))[0];
  const used = answer.proposedUse;
  const own = {
    use: used ? `${used.code} ${(lang() === 'en' ? used.nameEn : used.nameZh) ?? label(landUseEntry(used.code, used.edition))}`.trim() : '—',
    plotRatio: answer.plotRatio, density: answer.buildingDensity, green: answer.greenRatio,
  };
  // [label key, the plan's, the site's, data-figure]
  const figures = [
    ['rule_use', zone ? zoneUse(zone) : '—', own.use, 'use'],
    ['plotRatio', zone ? `${num(zone.plotRatioMin)} – ${num(zone.plotRatioMax)}` : '—', num(own.plotRatio), 'plot_ratio'],
    ['buildingDensity', zone ? `≤ ${pct(zone.buildingDensityMax)}` : '—', pct(own.density), 'building_density'],
    ['greenRatio', zone ? `≥ ${pct(zone.greenRatioMin)}` : '—', pct(own.green), 'green_ratio'],
    ['heightMax', zone?.heightMaxM == null ? '—' : num(zone.heightMaxM, 1), '—', 'height'],
  ];
  const rows = figures.map(([key, plan, site, figure]) => [[t(key), plan, site], { figure }]);
  return table('site-figures', ['name', 'sitePlan', 'siteOwn'], rows);
}

function render() {
  const side = document.getElementById('side');
  if (!last) return;
  const { answer, context } = last;
  side.replaceChildren();
  side.hidden = false;
  side.dataset.kind = 'site-check';
  side.dataset.code = context.code ?? '';
  const root = el('div', { className: 'lm-site-result' });
  root.dataset.testid = 'site-result';
  Object.assign(root.dataset, { compliant: String(answer.compliant), areaM2: String(answer.areaM2), areaMu: String(answer.areaMu), date: answer.date ?? '' });

  const clearButton = el('button', { type: 'button', textContent: t('siteClear') });
  clearButton.dataset.testid = 'site-result-clear';
  clearButton.addEventListener('click', () => context.clear());
  const title = el('h2', { textContent: context.code ? t('siteTitleParcel', { code: context.code }) : t('siteTitle') });
  title.dataset.testid = 'side-title';
  const verdict = el('p', { className: answer.compliant ? 'lm-site-pass' : 'lm-site-fail', textContent: answer.compliant ? t('siteCompliant') : t('siteNoncompliant') });
  verdict.dataset.testid = 'site-verdict';
  const area = el('p', { className: 'lm-note', textContent: t('siteArea', { mu: fmt(answer.areaMu, 2), m2: fmt(answer.areaM2, 1), date: answer.date ?? '' }) });
  root.append(el('div', { className: 'lm-side-head' }, title, clearButton), verdict, area);

  root.append(el('h3', { textContent: t('siteVerdicts') }), table('site-verdicts', ['siteRule', 'siteResult', 'message'],
    (answer.verdicts ?? []).map((v) => [[t(`rule_${v.rule}`), t(`result_${v.result}`),
      [lang() === 'en' ? v.messageEn : v.messageZh, figuresText(v.figures)].filter(Boolean).join(' — ')],
    { rule: v.rule, result: v.result }])));
  root.append(el('h3', { textContent: t('siteFigures') }), figuresTable(answer));
  root.append(el('h3', { textContent: t('siteZones') }), table('site-zones', ['plan_zones', 'planUses', 'share', 'overlapM2'],
    (answer.planZones ?? []).map((z) => [[z.code, zoneUse(z), pct(z.share), fmt(z.overlapM2, 1)],
      { code: z.code, share: String(z.share), m2: String(z.overlapM2) }])));
  root.append(el('h3', { textContent: t('siteLines') }), table('site-lines', ['name', 'kind', 'overlapM2'],
    (answer.controlLines ?? []).map((x) => [[x.name ?? x.code, kindName(x), fmt(x.overlapM2, 1)], { code: x.code, kind: x.kind, m2: String(x.overlapM2) }])));
  root.append(el('h3', { textContent: t('siteProtected') }), table('site-protected', ['name', 'kind', 'overlapM2'],
    (answer.protectedAreas ?? []).map((x) => [[x.name ?? x.code, kindName(x), fmt(x.overlapM2, 1)], { code: x.code, kind: x.kind, m2: String(x.overlapM2) }])));
  root.append(el('h3', { textContent: t('siteParcels') }), table('site-parcels', ['supCode', 'state', 'share', 'overlapM2'],
    (answer.parcels ?? []).map((x) => [[x.code, label(lookup(PARCEL_STATUS, x.state)), pct(x.share), fmt(x.overlapM2, 1)],
      { code: x.code, m2: String(x.overlapM2) }])));
  side.append(root);
}

/** Show an answer; context: { code, parcel, proposal, clear }. */
export function showSiteResult(answer, context) {
  last = { answer, context };
  render();
  sideShown(); // on a phone the tools panel folds for it (one panel at a time)
}

/** Hide the panel if it still shows a site check. */
export function hideSiteResult() {
  last = null;
  const side = document.getElementById('side');
  if (side.dataset.kind === 'site-check') {
    side.hidden = true;
    side.replaceChildren();
    side.dataset.kind = '';
  }
}

onLangChange(() => { if (last && document.getElementById('side').dataset.kind === 'site-check') render(); });
