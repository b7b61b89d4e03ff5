// The legend: one section per coloured attribute, drawn from the tables in styles.js so
// the legend and the map cannot disagree. A <details> element keeps it collapsible by
// keyboard and mouse without any script of ours.
import { PARCEL_STATUS, PROJECT_STAGE, ROAD_STAGE, RIVER_STATE, RESERVOIR_STYLE } from './styles.js';

const L = window.L;

const SECTIONS = [
  { title: '地块状态', kind: 'parcel', table: PARCEL_STATUS, swatch: 'fill' },
  { title: '项目阶段', kind: 'project', table: PROJECT_STAGE, swatch: 'dot' },
  { title: '道路', kind: 'road', table: ROAD_STAGE, swatch: 'line' },
  { title: '河道整治', kind: 'river', table: RIVER_STATE, swatch: 'line' },
  {
    title: '水库', kind: 'reservoir', swatch: 'fill',
    table: { reservoir: { zh: '水库水面', color: RESERVOIR_STYLE.fillColor } },
  },
];

function item(section, code, entry) {
  const li = document.createElement('li');
  li.dataset.testid = `legend-${section.kind}-${code}`;
  const swatch = document.createElement('span');
  swatch.className = `lm-swatch lm-swatch-${section.swatch}`;
  if (section.swatch === 'line') {
    // A border stands in for the line; its style mimics the road's dash pattern.
    swatch.style.borderTopColor = entry.color;
    swatch.style.borderTopStyle = entry.lineStyle ?? 'solid';
  } else {
    swatch.style.backgroundColor = entry.color;
  }
  const label = document.createElement('span');
  label.textContent = entry.zh;
  li.append(swatch, label);
  return li;
}

function build() {
  const root = L.DomUtil.create('details', 'lm-legend leaflet-bar');
  root.id = 'legend';
  root.dataset.testid = 'legend';
  root.open = true;
  const summary = document.createElement('summary');
  summary.textContent = '图例';
  root.append(summary);

  for (const section of SECTIONS) {
    const h = document.createElement('h4');
    h.textContent = section.title;
    const ul = document.createElement('ul');
    for (const [code, entry] of Object.entries(section.table)) ul.append(item(section, code, entry));
    root.append(h, ul);
  }
  // Clicks and wheel on the legend must not pan or zoom the map underneath.
  L.DomEvent.disableClickPropagation(root);
  L.DomEvent.disableScrollPropagation(root);
  return root;
}

/** Add the legend to the bottom-right corner of the map. */
export function addLegend(map) {
  const control = L.control({ position: 'bottomright' });
  control.onAdd = build;
  control.addTo(map);
  return control;
}
