// How things are drawn, as data. Behaviour (layers.js, popup.js, legend.js) reads these tables.

// The vocabulary (states, stages, their names and colours, land-use codes) is the server's
// (GET /api/vocabulary, vocabulary.js): re-exported here so the drawing modules read one place.
export {
  PARCEL_STATUS, PROJECT_STAGE, RIVER_STATE, LAND_USE, ROAD_STATE as ROAD_STAGE, ROAD_GRADE, RESERVOIR_KIND, RESERVOIR_STAGE,
  PARK_KIND, SUPPLY_METHOD,
} from './vocabulary.js';
import { ROAD_STATE } from './vocabulary.js';

// Roads: the state decides the dash pattern (planned = dashed), the grade the width. dashArray
// draws the map line; lineStyle is the CSS border the legend uses for it. A state not listed
// here is drawn solid.
const ROAD_LINE = {
  planned: { dashArray: '6 6', lineStyle: 'dashed' },
  under_construction: { dashArray: '2 5', lineStyle: 'dotted' },
};

/** Add the dash patterns to the road states once the vocabulary is in. */
export function styleRoadStates() {
  for (const [code, entry] of Object.entries(ROAD_STATE)) Object.assign(entry, ROAD_LINE[code] ?? { dashArray: null, lineStyle: 'solid' });
}

// Road widths by grade (px); a grade not listed is 2 px.
export const ROAD_WIDTH = { expressway: 5, arterial: 4, secondary: 3, branch: 2 };

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
