// Basemaps: none (the default), OpenStreetMap, and 天地图 Tianditu vector / imagery with
// their label layers when the server has a key (LandMap:Web:TiandituKey, via /api/config).
// Tile URLs are only requested when a basemap is chosen; the choice is remembered. The data
// layers never depend on a basemap. Tianditu's "_w" services are Web Mercator, like Leaflet.
import { t, onLangChange } from './i18n.js';

const L = window.L;
const STORE = 'landmap.basemap';

function tianditu(layer, key) {
  return L.tileLayer(`https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0`
    + `&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
  { subdomains: '01234567', maxZoom: 18, attribution: '&copy; 天地图 Tianditu' });
}

function choices(config) {
  const list = [
    { id: 'none', key: 'basemapNone', layer: () => L.layerGroup() },
    {
      id: 'osm', key: 'basemapOsm', layer: () => L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
        maxZoom: 19, attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
      }),
    },
  ];
  if (config.tiandituKey) {
    const k = config.tiandituKey;
    list.push(
      { id: 'tdt-vec', key: 'basemapTdtVec', layer: () => L.layerGroup([tianditu('vec', k), tianditu('cva', k)]) },
      { id: 'tdt-img', key: 'basemapTdtImg', layer: () => L.layerGroup([tianditu('img', k), tianditu('cia', k)]) },
    );
  }
  return list;
}

/** Radio buttons in the layers tab; returns the chosen basemap's id. */
export function initBasemaps(map, container, config) {
  const list = choices(config);
  const made = {};
  let current = null;
  const stored = localStorage.getItem(STORE);
  const choose = (id) => {
    if (current) map.removeLayer(made[current]);
    made[id] ??= list.find((c) => c.id === id).layer();
    made[id].addTo(map);
    current = id;
    localStorage.setItem(STORE, id);
  };

  const box = document.createElement('fieldset');
  box.className = 'lm-basemaps';
  box.dataset.testid = 'basemaps';
  const render = () => {
    box.replaceChildren();
    const legend = document.createElement('legend');
    legend.textContent = t('basemap');
    box.append(legend);
    for (const c of list) {
      const row = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = 'basemap';
      input.value = c.id;
      input.checked = c.id === current;
      input.addEventListener('change', () => choose(c.id));
      const text = document.createElement('span');
      text.textContent = t(c.key);
      row.append(input, text);
      box.append(row);
    }
    const note = document.createElement('p');
    note.className = 'lm-note';
    note.textContent = t('basemapNote');
    box.append(note);
  };
  choose(list.some((c) => c.id === stored) ? stored : 'none');
  render();
  onLangChange(render);
  container.append(box);
  return { current: () => current, choose: (id) => { choose(id); render(); } };
}
