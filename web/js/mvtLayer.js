// Parcels from the server's vector tiles (MVT, /ogc/collections/parcels/tiles/...) as canvas
// tiles: what keeps the map smooth with a million parcels. The page fetches a tile and decodes
// it with @mapbox/vector-tile (tileDecoding.js); a worker (tileWorker.js) keeps it and paints
// it, so this layer only places finished bitmaps. The server selects the parcels (the URL carries
// the CQL2 filter and the date): a filter change is a new URL, whose tiles are fetched again.
import { authHeaders } from './auth.js';
import { decodeTile } from './tileDecoding.js';

const L = window.L;

export const MvtLayer = L.GridLayer.extend({
  options: { layerName: 'parcels', tileSize: 256, zoomOffset: 0, updateWhenZooming: false, keepBuffer: 1 },

  initialize(url, { colours, ...options }) {
    this._url = url;
    this._worker = new Worker('/js/tileWorker.js', { type: 'module' });
    this._asked = new Map(); // message id -> resolve
    this._nextId = 1;
    this._busy = 0; // tiles being fetched, decoded or painted
    this._generation = 0; // bumped with each new selection; the worker keeps tiles of the current one only
    this._onIdle = [];
    this._worker.onmessage = (e) => this._answer(e.data);
    this.stats = { tiles: 0, features: 0, drawMs: 0, decodeMs: 0, firstDraw: null };
    this._drawn = new Map(); // tile key -> parcels drawn on it now
    this.setStyle(colours);
    L.GridLayer.prototype.initialize.call(this, options);
  },

  /** colours: state -> fill (the tile's computed state, the status where none). */
  setStyle(colours) {
    this._worker.postMessage({ type: 'style', colours });
  },

  createTile(coords, done) {
    const canvas = document.createElement('canvas');
    const size = this._pixels();
    canvas.width = size;
    canvas.height = size;
    const key = this._tileCoordsToKey(coords);
    canvas.dataset.key = key;
    this._paint(key, canvas, coords).then(() => done(null, canvas), (error) => done(error, canvas));
    return canvas;
  },

  _tileUrl(coords) {
    // GridLayer has no zoomOffset of its own (TileLayer's): a 512 px tile at zoom z is the
    // 256 px tile grid of z - 1, so with zoomOffset -1 the URL asks for z - 1.
    return L.Util.template(this._url, { z: coords.z + (this.options.zoomOffset ?? 0), x: coords.x, y: coords.y });
  },

  _pixels() {
    return this.getTileSize().x * (window.devicePixelRatio || 1);
  },

  /** The tile decoded, fetched with the page's Authorization when signed in. */
  async _fetch(url) {
    const response = await fetch(url, { headers: authHeaders() });
    if (!response.ok) throw new Error(`tile ${url}: HTTP ${response.status}`);
    const buffer = await response.arrayBuffer();
    const started = performance.now();
    const tile = decodeTile(buffer, this.options.layerName);
    this.stats.decodeMs += performance.now() - started;
    return tile;
  },

  /** Paint a tile from what the worker keeps; when it no longer keeps it, fetch and decode it again. */
  async _paint(key, canvas, coords) {
    this._busy++;
    try {
      const size = this._pixels();
      let answer = await this._ask({ type: 'repaint', key, size });
      while (answer.missing) {
        // Fetch the tile of the selection now shown. The selection may change again while it is on
        // its way: the worker then refuses it as of an older generation (missing again), so it
        // never keeps, nor paints, a tile of a selection it has forgotten.
        let url, tile, generation;
        do {
          generation = this._generation;
          url = this._tileUrl(coords);
          tile = await this._fetch(url);
        } while (url !== this._tileUrl(coords));
        answer = await this._ask({ type: 'tile', key, size, tile, generation });
      }
      if (answer.error) throw new Error(answer.error);
      if (answer.bitmap) this._place(answer, canvas);
    } finally {
      if (--this._busy === 0) for (const resolve of this._onIdle.splice(0)) queueMicrotask(resolve);
    }
  },

  _ask(message) {
    const id = this._nextId++;
    return new Promise((resolve) => {
      this._asked.set(id, resolve);
      this._worker.postMessage({ ...message, id });
    });
  },

  _answer(m) {
    const resolve = this._asked.get(m.id);
    this._asked.delete(m.id);
    resolve?.(m);
  },

  _place(m, canvas) {
    canvas.getContext('bitmaprenderer').transferFromImageBitmap(m.bitmap);
    this._drawn.set(m.key, m.drawn);
    this.stats.tiles++;
    this.stats.features += m.drawn;
    this.stats.drawMs += m.ms;
    if (this.stats.firstDraw == null) {
      this.stats.firstDraw = performance.now();
      this.fire('firstdraw');
    }
  },

  /** Parcels painted on the tiles now on screen. */
  drawnNow() {
    return Object.entries(this._tiles).reduce((sum, [key, tile]) => sum + (tile.current ? this._drawn.get(key) ?? 0 : 0), 0);
  },

  /** Resolves when the tiles and repaints asked so far have been placed. */
  idle() {
    if (!this._busy) return Promise.resolve();
    return new Promise((resolve) => { this._onIdle.push(resolve); });
  },

  /** Show the tiles of another selection (URL with its filter and date): the worker forgets the
   * tiles it keeps and those on screen are fetched again; the same URL only repaints. */
  select(url, colours) {
    this.setStyle(colours);
    if (url !== this._url) {
      this._url = url;
      this._worker.postMessage({ type: 'forget', generation: ++this._generation });
    }
    // Every tile held, the ones kept just off screen too: Leaflet shows those again on a pan back
    // without asking for them, so they must not keep the old selection's parcels.
    for (const [key, tile] of Object.entries(this._tiles)) {
      if (tile.el) this._paint(key, tile.el, tile.coords).catch((e) => console.warn('LandMap: repaint', e));
    }
  },
});
