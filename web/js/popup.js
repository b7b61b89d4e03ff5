// Attribute rows per collection (the side panel's), with Chinese (and English) labels, built as DOM with
// textContent. Attribute values come from uploads, so they are never parsed as HTML: a
// parcel named "<img src=x onerror=...>" shows those characters literally.
import {
  PARCEL_STATUS, PROJECT_STAGE, ROAD_STAGE, ROAD_GRADE, RIVER_STATE, RESERVOIR_KIND,
  RESERVOIR_STAGE, PARK_KIND, SUPPLY_METHOD, LAND_USE, lookup,
} from './styles.js';
import { START_EVIDENCE, WATER_QUALITY, PROJECT_KIND, projectStageName, landUseEntry, landUseEdition } from './vocabulary.js';
import { label, lang, fmt, zoneTime } from './i18n.js';
import { parcelStatus } from './store.js';

const M2_PER_MU = 10000 / 15; // 1 亩 = 666.67 m²
const EMPTY = '—';

// park code -> { zh, en } names, and project code -> properties; filled by main.js.
export const parkNames = new Map();
export const projectsByCode = new Map();

function num(value) {
  if (value == null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

const mu = () => (lang() === 'en' ? 'mu' : '亩');

function withUnit(value, decimals, unit) {
  const n = num(value);
  return n == null ? EMPTY : `${fmt(n, decimals)} ${unit}`;
}

/** Area in 亩 (2 decimals) with m² beside it; mu falls back to m² / 666.67 if missing. */
export function area(muValue, m2) {
  let muN = num(muValue);
  const m2N = num(m2);
  if (muN == null && m2N != null) muN = m2N / M2_PER_MU;
  if (muN == null) return EMPTY;
  return m2N == null ? `${fmt(muN, 2)} ${mu()}` : `${fmt(muN, 2)} ${mu()}（${fmt(m2N, 0)} m²）`;
}

function length(m) {
  const n = num(m);
  if (n == null) return EMPTY;
  return n >= 1000 ? `${fmt(n / 1000, 2)} km` : `${fmt(n, 0)} m`;
}

export function parkName(code) {
  if (code == null) return EMPTY;
  const name = parkNames.get(code);
  return name ? `${label(name)}（${code}）` : String(code);
}

/** A land-use code named in its edition; an edition other than the current one is said beside it. */
function landUse(code, edition) {
  if (code == null) return EMPTY;
  const entry = landUseEntry(code, edition) ?? (edition ? undefined : LAND_USE[code]);
  const named = entry ? `${code} ${label(entry)}` : String(code);
  return edition && edition !== landUseEdition.current ? `${named}（${edition}）` : named;
}

function project(code) {
  if (code == null) return EMPTY;
  const p = projectsByCode.get(code);
  return p ? `${lang() === 'en' ? p.name_en ?? p.name_zh : p.name_zh}（${code}）` : String(code);
}

const of = (table) => (code) => (code == null ? EMPTY : label(lookup(table, code)));
const pct = (v) => (num(v) == null ? EMPTY : `${fmt(num(v) * 100, 1)} %`);
const wan = (v) => withUnit(v, 2, lang() === 'en' ? '10k CNY' : '万元');

// Each row: [[zh, en] label, display text]. `full` rows are added in the side panel.
const ROWS = {
  parcels: (p, full) => [
    [['宗地编号', 'Parcel code'], p.code], [['名称', 'Name'], p.name], [['园区', 'Park'], parkName(p.park_code)],
    [['用地类型', 'Land use'], landUse(p.land_use, p.land_use_edition)], [['状态', 'State'], of(PARCEL_STATUS)(parcelStatus(p))],
    [['面积', 'Area'], area(p.area_mu, p.area_m2)], [['项目', 'Project'], project(p.project_code)],
    [['供地方式', 'Supply method'], of(SUPPLY_METHOD)(p.supply_method)], [['国有建设用地使用权人', 'Holder of the land-use right'], p.land_user],
    [['容积率', 'Plot ratio'], p.plot_ratio], [['约定开工', 'Agreed start'], p.agreed_start_on], [['实际开工', 'Actual start'], p.actual_start_on],
    ...(full ? [
      [['规划用途', 'Planned use'], landUse(p.land_use_planned, p.land_use_planned_edition)],
      [['批准用途', 'Approved use'], landUse(p.land_use_approved, p.land_use_approved_edition)],
      [['合同编号', 'Contract no.'], p.contract_no], [['批准日期', 'Approved on'], p.approved_on],
      [['供地日期', 'Supplied on'], p.supplied_on], [['约定竣工', 'Agreed completion'], p.agreed_completion_on],
      [['实际竣工', 'Actual completion'], p.actual_completion_on],
      [['容积率下限', 'Plot ratio min'], p.plot_ratio_min], [['容积率上限', 'Plot ratio max'], p.plot_ratio_max],
      [['建筑密度', 'Building density'], pct(p.building_density)], [['绿地率', 'Green ratio'], pct(p.green_ratio)],
      [['约定投资', 'Agreed investment'], wan(p.investment_agreed_wan)], [['实际投资', 'Actual investment'], wan(p.investment_actual_wan)],
      [['动工依据', 'Start evidence'], of(START_EVIDENCE)(p.start_evidence)],
      [['已开发面积', 'Developed area'], withUnit(p.developed_area_m2, 2, 'm²')],
      [['应开发面积', 'Area to develop'], withUnit(p.development_area_m2, 2, 'm²')],
      [['已开发面积比', 'Developed share'], pct(p.built_area_ratio)], [['面积（亩）', 'Area (mu)'], fmt(p.area_mu, 4)],
      [['面积（m²）', 'Area (m²)'], fmt(p.area_m2, 2)], [['版本', 'Version'], p.version],
      [['更新时间', 'Updated at'], zoneTime(p.updated_at)],
    ] : []),
  ],
  projects: (p) => [
    [['项目名称', 'Project name'], lang() === 'en' ? p.name_en ?? p.name_zh : p.name_zh], [['项目编号', 'Code'], p.code],
    [['园区', 'Park'], parkName(p.park_code)], [['阶段', 'Stage'], p.stage == null ? EMPTY : label(projectStageName(p.stage, p.kind) ?? lookup(PROJECT_STAGE, p.stage))],
    [['项目类型', 'Kind'], of(PROJECT_KIND)(p.kind)], [['产业', 'Industry'], p.industry],
    [['总投资', 'Investment'], withUnit(p.investment_yi, 2, lang() === 'en' ? '100M CNY' : '亿元')],
    [['计划用地', 'Planned land'], withUnit(p.planned_area_mu, 2, mu())],
  ],
  roads: (p) => [
    [['道路名称', 'Road'], p.name], [['英文名称', 'English name'], p.name_en], [['编号', 'Code'], p.code], [['等级', 'Grade'], of(ROAD_GRADE)(p.grade)],
    [['状态', 'Stage'], of(ROAD_STAGE)(p.stage)], [['通车日期', 'Opened on'], p.opened_on], [['长度', 'Length'], length(p.length_m)],
  ],
  rivers: (p) => [
    [['河道名称', 'River'], p.name], [['英文名称', 'English name'], p.name_en], [['编号', 'Code'], p.code], [['整治状态', 'Rectification'], of(RIVER_STATE)(p.rectification)],
    [['整治完成日期', 'Rectified on'], p.rectified_on], [['水质', 'Water quality'], of(WATER_QUALITY)(p.water_quality)],
    [['水质达标日期', 'Water up to standard on'], p.water_quality_on], [['长度', 'Length'], length(p.length_m)],
  ],
  parks: (p) => [
    [['园区名称', 'Park'], lang() === 'en' ? p.name_en : p.name_zh], [['编号', 'Code'], p.code],
    [['类型', 'Kind'], of(PARK_KIND)(p.kind)], [['面积', 'Area'], area(p.area_mu, p.area_m2)],
  ],
  reservoirs: (p) => [
    [['水库名称', 'Reservoir'], p.name], [['类型', 'Kind'], of(RESERVOIR_KIND)(p.kind)],
    [['库容', 'Capacity'], withUnit(p.capacity_10k_m3, 2, lang() === 'en' ? '10k m³' : '万 m³')],
    [['状态', 'Stage'], of(RESERVOIR_STAGE)(p.stage)], [['水面面积', 'Water area'], area(null, p.area_m2)],
  ],
};

const TITLE = {
  parcels: (p) => `${lang() === 'en' ? 'Parcel' : '地块'} ${p.code ?? ''}`,
  projects: (p) => (lang() === 'en' ? p.name_en ?? p.name_zh : p.name_zh) ?? '',
  // Roads and rivers by their English name on the English page (migration 0043), else the Chinese one.
  roads: (p) => (lang() === 'en' ? p.name_en ?? p.name : p.name) ?? '', rivers: (p) => (lang() === 'en' ? p.name_en ?? p.name : p.name) ?? '',
  parks: (p) => (lang() === 'en' ? p.name_en : p.name_zh) ?? '', reservoirs: (p) => p.name ?? '',
};

export const featureTitle = (kind, p) => TITLE[kind](p || {});

/** A <dl> of label / value pairs; values as text only. */
export function attributeList(kind, properties, full = false) {
  const list = document.createElement('dl');
  for (const [[zh, en], value] of ROWS[kind](properties || {}, full)) {
    const dt = document.createElement('dt');
    dt.textContent = lang() === 'en' ? en : zh;
    const dd = document.createElement('dd');
    dd.textContent = value == null || value === '' ? EMPTY : String(value);
    list.append(dt, dd);
  }
  return list;
}
