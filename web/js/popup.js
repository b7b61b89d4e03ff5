// Popup content per collection, built as DOM with textContent. Attribute values come from
// uploads, so they are never parsed as HTML: a parcel named "<img src=x onerror=...>"
// shows those characters literally.
import {
  PARCEL_STATUS, PROJECT_STAGE, ROAD_STAGE, ROAD_GRADE, RIVER_STATE, RESERVOIR_KIND,
  RESERVOIR_STAGE, PARK_KIND, SUPPLY_METHOD, LAND_USE, lookup,
} from './styles.js';

const M2_PER_MU = 10000 / 15; // 1 亩 = 666.67 m²
const EMPTY = '—';

// park code -> Chinese name, filled by main.js once the parks layer has loaded.
export const parkNames = new Map();

const fixed2 = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

// Numbers may arrive as JSON numbers or, for numeric columns, as strings.
function num(value) {
  if (value == null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function withUnit(value, format, unit) {
  const n = num(value);
  return n == null ? EMPTY : `${format.format(n)} ${unit}`;
}

// Area in 亩 (2 decimals) with m² beside it; mu falls back to m² / 666.67 if missing.
function area(mu, m2) {
  let muN = num(mu);
  const m2N = num(m2);
  if (muN == null && m2N != null) muN = m2N / M2_PER_MU;
  if (muN == null) return EMPTY;
  return m2N == null ? `${fixed2.format(muN)} 亩` : `${fixed2.format(muN)} 亩（${whole.format(m2N)} m²）`;
}

function length(m) {
  const n = num(m);
  if (n == null) return EMPTY;
  return n >= 1000 ? `${fixed2.format(n / 1000)} km` : `${whole.format(n)} m`;
}

function park(code) {
  if (code == null) return EMPTY;
  const name = parkNames.get(code);
  return name ? `${name}（${code}）` : String(code);
}

function landUse(code) {
  if (code == null) return EMPTY;
  return LAND_USE[code] ? `${code} ${LAND_USE[code]}` : String(code);
}

const zh = (table) => (code) => (code == null ? EMPTY : lookup(table, code).zh);

// Each row: [Chinese label, property -> display text]. Data, read by build().
const ROWS = {
  parcels: (p) => [
    ['宗地编号', p.code], ['名称', p.name], ['园区', park(p.park_code)],
    ['用地类型', landUse(p.land_use)], ['状态', zh(PARCEL_STATUS)(p.status)],
    ['面积', area(p.area_mu, p.area_m2)], ['项目', p.project_code],
    ['供地方式', zh(SUPPLY_METHOD)(p.supply_method)], ['土地使用者', p.land_user],
    ['容积率', p.plot_ratio], ['约定开工', p.agreed_start_on], ['实际开工', p.actual_start_on],
  ],
  projects: (p) => [
    ['项目名称', p.name_zh], ['项目编号', p.code], ['园区', park(p.park_code)],
    ['阶段', zh(PROJECT_STAGE)(p.stage)], ['产业', p.industry],
    ['总投资', withUnit(p.investment_yi, fixed2, '亿元')],
    ['计划用地', withUnit(p.planned_area_mu, fixed2, '亩')],
  ],
  roads: (p) => [
    ['道路名称', p.name], ['等级', zh(ROAD_GRADE)(p.grade)], ['状态', zh(ROAD_STAGE)(p.stage)],
    ['通车日期', p.opened_on], ['长度', length(p.length_m)],
  ],
  rivers: (p) => [
    ['河道名称', p.name], ['整治状态', zh(RIVER_STATE)(p.rectification)],
    ['达标日期', p.rectified_on], ['长度', length(p.length_m)],
  ],
  parks: (p) => [
    ['园区名称', p.name_zh], ['英文名称', p.name_en], ['类型', zh(PARK_KIND)(p.kind)],
    ['面积', area(p.area_mu, p.area_m2)],
  ],
  reservoirs: (p) => [
    ['水库名称', p.name], ['类型', zh(RESERVOIR_KIND)(p.kind)],
    ['库容', withUnit(p.capacity_10k_m3, fixed2, '万 m³')],
    ['状态', zh(RESERVOIR_STAGE)(p.stage)], ['水面面积', area(null, p.area_m2)],
  ],
};

const TITLE = {
  parcels: (p) => `地块 ${p.code ?? ''}`, projects: (p) => p.name_zh ?? '重点项目',
  roads: (p) => p.name ?? '道路', rivers: (p) => p.name ?? '河道',
  parks: (p) => p.name_zh ?? '园区', reservoirs: (p) => p.name ?? '水库',
};

/** Build the popup element for one feature's properties. */
export function popupContent(kind, properties) {
  const p = properties || {};
  const root = document.createElement('div');
  root.className = `lm-popup lm-popup-${kind}`;
  root.dataset.testid = `popup-${kind}`;

  const title = document.createElement('h3');
  title.textContent = TITLE[kind](p);
  root.append(title);

  const list = document.createElement('dl');
  for (const [label, value] of ROWS[kind](p)) {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value == null || value === '' ? EMPTY : String(value);
    list.append(dt, dd);
  }
  root.append(list);
  return root;
}
