// Colours and Chinese labels, as data. Behaviour (layers.js, popup.js, legend.js) reads
// these tables, so a new state or a changed colour is a one-line edit here.
//
// Palettes are chosen to stay distinguishable with colour-vision deficiency:
// parcel states use the Okabe-Ito set (plus two earth tones for the non-construction
// land), project stages use viridis because the stages are ordered (洽谈 -> 投产), so
// lightness alone tells early from late.

// Parcel lifecycle states (DOMAIN.md "Land lifecycle"), in the order planners read them.
export const PARCEL_STATUS = {
  approved_unsupplied: { zh: '批而未供', en: 'Approved, not supplied', color: '#E69F00' },
  supplied_unused: { zh: '供而未用', en: 'Supplied, not used', color: '#F0E442' },
  idle: { zh: '闲置土地', en: 'Idle land', color: '#D55E00' },
  in_use: { zh: '已供已用', en: 'Supplied and in use', color: '#009E73' },
  under_used: { zh: '用而未尽', en: 'Under-used', color: '#56B4E9' },
  low_efficiency: { zh: '低效用地', en: 'Low-efficiency land', color: '#CC79A7' },
  unused_tidal_flat: { zh: '未利用滩涂', en: 'Unused tidal flat', color: '#D8CFAF' },
  reclaimed: { zh: '围垦', en: 'Reclaimed', color: '#8C6D31' },
};

// Project stages, ordered; viridis from dark (negotiating) to light (in operation).
export const PROJECT_STAGE = {
  negotiating: { zh: '洽谈', en: 'Negotiating', color: '#440154' },
  signed: { zh: '签约', en: 'Signed', color: '#443983' },
  land_supplied: { zh: '供地', en: 'Land supplied', color: '#31688E' },
  design: { zh: '设计', en: 'Design', color: '#21918C' },
  under_construction: { zh: '在建', en: 'Under construction', color: '#35B779' },
  completed: { zh: '竣工', en: 'Completed', color: '#90D743' },
  in_operation: { zh: '投产', en: 'In operation', color: '#FDE725' },
};

// Roads: the stage decides the dash pattern (planned = dashed), the grade the width.
export const ROAD_STAGE = {
  // dashArray draws the map line; lineStyle is the CSS border the legend uses for it.
  planned: { zh: '规划', en: 'Planned', color: '#7A7A7A', dashArray: '6 6', lineStyle: 'dashed' },
  under_construction: { zh: '在建', en: 'Under construction', color: '#D55E00', dashArray: '2 5', lineStyle: 'dotted' },
  open: { zh: '已通车', en: 'Open', color: '#4D4D4D', dashArray: null, lineStyle: 'solid' },
};
export const ROAD_GRADE = {
  expressway: { zh: '快速路', en: 'Expressway', weight: 5 },
  arterial: { zh: '主干路', en: 'Arterial', weight: 4 },
  secondary: { zh: '次干路', en: 'Secondary', weight: 3 },
  branch: { zh: '支路', en: 'Branch', weight: 2 },
};

// Rivers by rectification state (黑臭 -> 整治中 -> 达标).
export const RIVER_STATE = {
  black_odorous: { zh: '黑臭', en: 'Black-odorous', color: '#222222' },
  rectifying: { zh: '整治中', en: 'Rectifying', color: '#E69F00' },
  clean: { zh: '达标', en: 'Clean', color: '#0072B2' },
};

export const RESERVOIR_KIND = {
  plain_reservoir: { zh: '平原水库', en: 'Plain reservoir' },
  reservoir: { zh: '水库', en: 'Reservoir' },
};
export const RESERVOIR_STAGE = {
  planned: { zh: '规划', en: 'Planned' },
  under_construction: { zh: '在建', en: 'Under construction' },
  completed: { zh: '建成', en: 'Completed' },
};

export const PARK_KIND = {
  core: { zh: '核心区', en: 'Core area' },
  radiating: { zh: '辐射园区', en: 'Radiating park' },
};

export const SUPPLY_METHOD = {
  sale: { zh: '出让', en: 'Sale' },
  allocation: { zh: '划拨', en: 'Allocation' },
};

export { LAND_USE } from './landUse.js';

// Fixed styles for the layers not coloured by an attribute.
export const PARK_STYLE = {
  color: '#3B3B3B', weight: 2, dashArray: '8 4', fillColor: '#F3EFE4', fillOpacity: 0.35,
};
export const RESERVOIR_STYLE = {
  color: '#0072B2', weight: 1.5, fillColor: '#56B4E9', fillOpacity: 0.6,
};

// Shown when a value is outside the tables above (new code, bad data): visible, not hidden.
export const UNKNOWN = { zh: '未知', en: 'Unknown', color: '#999999' };

/** Look a code up in one of the tables; unknown codes keep their raw value as label. */
export function lookup(table, code) {
  if (code != null && Object.hasOwn(table, code)) return table[code];
  return code == null ? UNKNOWN : { ...UNKNOWN, zh: String(code), en: String(code) };
}
