// Colours and Chinese labels, as data. Behaviour (layers.js, popup.js, legend.js) reads
// these tables, so a new state or a changed colour is a one-line edit here.
//
// Palettes are chosen to stay distinguishable with colour-vision deficiency:
// parcel states use the Okabe-Ito set (plus two earth tones for the non-construction
// land), project stages use viridis because the stages are ordered (洽谈 -> 投产), so
// lightness alone tells early from late.

// Parcel lifecycle states (DOMAIN.md "Land lifecycle"), in the order planners read them.
export const PARCEL_STATUS = {
  approved_unsupplied: { zh: '批而未供', color: '#E69F00' },
  supplied_unused: { zh: '供而未用', color: '#F0E442' },
  idle: { zh: '闲置土地', color: '#D55E00' },
  in_use: { zh: '已供已用', color: '#009E73' },
  under_used: { zh: '用而未尽', color: '#56B4E9' },
  low_efficiency: { zh: '低效用地', color: '#CC79A7' },
  unused_tidal_flat: { zh: '未利用滩涂', color: '#D8CFAF' },
  reclaimed: { zh: '围垦', color: '#8C6D31' },
};

// Project stages, ordered; viridis from dark (negotiating) to light (in operation).
export const PROJECT_STAGE = {
  negotiating: { zh: '洽谈', color: '#440154' },
  signed: { zh: '签约', color: '#443983' },
  land_supplied: { zh: '供地', color: '#31688E' },
  design: { zh: '设计', color: '#21918C' },
  under_construction: { zh: '在建', color: '#35B779' },
  completed: { zh: '竣工', color: '#90D743' },
  in_operation: { zh: '投产', color: '#FDE725' },
};

// Roads: the stage decides the dash pattern (planned = dashed), the grade the width.
export const ROAD_STAGE = {
  // dashArray draws the map line; lineStyle is the CSS border the legend uses for it.
  planned: { zh: '规划', color: '#7A7A7A', dashArray: '6 6', lineStyle: 'dashed' },
  under_construction: { zh: '在建', color: '#D55E00', dashArray: '2 5', lineStyle: 'dotted' },
  open: { zh: '已通车', color: '#4D4D4D', dashArray: null, lineStyle: 'solid' },
};
export const ROAD_GRADE = {
  expressway: { zh: '快速路', weight: 5 },
  arterial: { zh: '主干路', weight: 4 },
  secondary: { zh: '次干路', weight: 3 },
  branch: { zh: '支路', weight: 2 },
};

// Rivers by rectification state (黑臭 -> 整治中 -> 达标).
export const RIVER_STATE = {
  black_odorous: { zh: '黑臭', color: '#222222' },
  rectifying: { zh: '整治中', color: '#E69F00' },
  clean: { zh: '达标', color: '#0072B2' },
};

export const RESERVOIR_KIND = {
  plain_reservoir: { zh: '平原水库' },
  reservoir: { zh: '水库' },
};
export const RESERVOIR_STAGE = {
  planned: { zh: '规划' },
  under_construction: { zh: '在建' },
  completed: { zh: '建成' },
};

export const PARK_KIND = {
  core: { zh: '核心区' },
  radiating: { zh: '辐射园区' },
};

export const SUPPLY_METHOD = {
  sale: { zh: '出让' },
  allocation: { zh: '划拨' },
};

// A few GB/T 21010-2017 names so popups read "0601 工业用地" instead of a bare code.
// The full list lives in the land_use_codes table; unknown codes are shown as they are.
export const LAND_USE = {
  '0508': '物流仓储用地',
  '0601': '工业用地',
  '0602': '采矿用地',
  '0701': '城镇住宅用地',
  '1001': '铁路用地',
  '1003': '公路用地',
  '1004': '城镇村道路用地',
  '1101': '河流水面',
  '1103': '水库水面',
  '1105': '沿海滩涂',
  '1106': '内陆滩涂',
  '1201': '空闲地',
};

// Fixed styles for the layers not coloured by an attribute.
export const PARK_STYLE = {
  color: '#3B3B3B', weight: 2, dashArray: '8 4', fillColor: '#F3EFE4', fillOpacity: 0.35,
};
export const RESERVOIR_STYLE = {
  color: '#0072B2', weight: 1.5, fillColor: '#56B4E9', fillOpacity: 0.6,
};

// Shown when a value is outside the tables above (new code, bad data): visible, not hidden.
export const UNKNOWN = { zh: '未知', color: '#999999' };

/** Look a code up in one of the tables; unknown codes keep their raw value as label. */
export function lookup(table, code) {
  if (code != null && Object.hasOwn(table, code)) return table[code];
  return { ...UNKNOWN, zh: code == null ? UNKNOWN.zh : String(code) };
}
