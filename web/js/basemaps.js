// Basemaps: none (the default), OpenStreetMap, and 天地图 Tianditu vector / imagery with
// their label layers when the server has a key (LandMap:Web:TiandituKey, via /api/config).
// Tile URLs are only requested when a basemap is chosen; the choice is remembered. The data
// layers never depend on a basemap. Tianditu's "_w" services are Web Mercator, like Leaflet.
// Without a key the panel says why Tianditu is absent; a basemap whose tiles all fail (offline,
// a wrong key) is named in a note on the map and in the panel, and the data stays drawn over the
// plain background, as with no basemap.
import { t, addWords, onLangChange } from './i18n.js';

addWords({
  basemapTdtAbsent: ['未提供天地图：服务器未设置天地图密钥（LandMap:Web:TiandituKey），请联系管理员。',
    'Tianditu is not offered: the server has no Tianditu key (LandMap:Web:TiandituKey); ask an admin.'],
  basemapFailed: ['底图“{name}”加载失败（无法联网或服务不可用），数据照常显示。', 'The basemap “{name}” failed to load (offline or unavailable); the data is still drawn.'],
  basemapUseNone: ['改用无底图', 'Use no basemap'],
});

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

/** The tile layers of a basemap (a tile layer, or a group of them). */
const tileLayersOf = (layer) => (layer instanceof L.TileLayer ? [layer] : layer.getLayers().filter((l) => l instanceof L.TileLayer));

/**
 * Watch a basemap's tiles: a round of loading (Leaflet's loading ... load) in which every tile failed
 * means the basemap is out of reach; one tile that loads means it is back.
 */
function watchTiles(layer, onState) {
  for (const tiles of tileLayersOf(layer)) {
    let ok = 0;
    let failed = 0;
    tiles.on('loading', () => { ok = 0; failed = 0; });
    tiles.on('tileload', () => { ok += 1; onState(true); });
    tiles.on('tileerror', () => { failed += 1; });
    tiles.on('load', () => { if (failed > 0 && ok === 0) onState(false); });
  }
}

/** Radio buttons in the layers tab; returns the chosen basemap's id. */
export function initBasemaps(map, container, config) {
  const list = choices(config);
  const made = {};
  let current = null;
  let failedId = null;
  const stored = localStorage.getItem(STORE);
  const notice = mapNotice(map);
  const showFailure = () => {
    const name = failedId ? t(list.find((c) => c.id === failedId).key) : '';
    notice.show(failedId ? t('basemapFailed', { name }) : '', () => choose('none'));
    box.querySelector('[data-testid=basemap-error]')?.replaceChildren(failedId ? t('basemapFailed', { name }) : '');
  };
  const choose = (id) => {
    if (current) map.removeLayer(made[current]);
    if (!made[id]) {
      made[id] = list.find((c) => c.id === id).layer();
      watchTiles(made[id], (reached) => {
        if (current !== id) return;
        failedId = reached ? null : id;
        showFailure();
      });
    }
    made[id].addTo(map);
    current = id;
    failedId = null;
    localStorage.setItem(STORE, id);
    showFailure();
    box.querySelectorAll('input[name=basemap]').forEach((/** @type {HTMLInputElement} */ input) => { input.checked = input.value === id; });
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
    if (!config.tiandituKey) {
      const absent = document.createElement('p');
      absent.className = 'lm-note';
      absent.dataset.testid = 'basemap-tianditu-absent';
      absent.textContent = t('basemapTdtAbsent');
      box.append(absent);
    }
    const error = document.createElement('p');
    error.className = 'lm-error';
    error.dataset.testid = 'basemap-error';
    error.setAttribute('role', 'alert');
    box.append(error);
  };
  render();
  choose(list.some((c) => c.id === stored) ? stored : 'none');
  onLangChange(() => { render(); showFailure(); });
  container.append(box);
  return { current: () => current, choose, failed: () => failedId };
}

/** A note on the map (top, centred) naming a failed basemap, with a button to use none; hidden when ''. */
function mapNotice(map) {
  const control = L.control({ position: 'topright' });
  let root;
  control.onAdd = () => {
    root = L.DomUtil.create('div', 'lm-basemap-notice leaflet-bar');
    root.dataset.testid = 'basemap-failed';
    root.setAttribute('role', 'alert');
    root.hidden = true;
    L.DomEvent.disableClickPropagation(root);
    return root;
  };
  control.addTo(map);
  return {
    show(text, useNone) {
      root.hidden = !text;
      root.replaceChildren();
      if (!text) return;
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = t('basemapUseNone');
      button.addEventListener('click', useNone);
      root.append(text, ' ', button);
    },
  };
}
