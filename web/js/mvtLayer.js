// Parcels from the server's vector tiles (MVT, /ogc/collections/parcels/tiles/...) as canvas
// tiles: what keeps the map smooth with a million parcels. Fetching, decoding and painting
// happen in a worker (tileWorker.js); this layer only places the finished bitmaps, and asks
// the worker to repaint the tiles on screen when the filters change (no refetch).
import { authHeaders } from './auth.js';

const L = window.L;

export const MvtLayer = L.GridLayer.extend({
  options: { layerName: 'parcels', tileSize: 256, zoomOffset: 0, updateWhenZooming: false, keepBuffer: 1 },

  initialize(url, { colours, filter, ...options }) {
    this._url = url;
    this._worker = new Worker('/js/tileWorker.js', { type: 'module' });
    this._pending = new Map(); // message id -> { canvas, done }
    this._nextId = 1;
    this._worker.onmessage = (e) => this._answer(e.data);
    this.stats = { tiles: 0, features: 0, drawMs: 0, firstDraw: null };
    this._drawn = new Map(); // tile key -> parcels drawn on it now
    this.setStyle(colours, filter);
    L.GridLayer.prototype.initialize.call(this, options);
  },

  /** colours: state -> fill (the computed state, the status where none); filter: { hidden: [states], parks: [codes], landUse, off }. */
  setStyle(colours, filter) {
    this._worker.postMessage({ type: 'style', colours, filter });
  },

  createTile(coords, done) {
    const canvas = document.createElement('canvas');
    const size = this.getTileSize().x * (window.devicePixelRatio || 1);
    canvas.width = size;
    canvas.height = size;
    const key = this._tileCoordsToKey(coords);
    // GridLayer has no zoomOffset of its own (TileLayer's): a 512 px tile at zoom z is the
    // 256 px tile grid of z - 1, so with zoomOffset -1 the URL asks for z - 1.
    const url = L.Util.template(this._url, { z: coords.z + (this.options.zoomOffset ?? 0), x: coords.x, y: coords.y });
    this._send({ type: 'tile', key, url, size, layer: this.options.layerName, headers: authHeaders() }, canvas, done);
    canvas.dataset.key = key;
    return canvas;
  },

  _send(message, canvas, done) {
    const id = this._nextId++;
    this._pending.set(id, { canvas, done });
    this._worker.postMessage({ ...message, id });
  },

  _answer(m) {
    const job = this._pending.get(m.id);
    this._pending.delete(m.id);
    if (!this._pending.size && this._onIdle) { const resolve = this._onIdle; this._onIdle = null; queueMicrotask(resolve); }
    if (!job) return;
    if (m.error) { job.done?.(new Error(m.error), job.canvas); return; }
    if (m.bitmap) {
      job.canvas.getContext('bitmaprenderer').transferFromImageBitmap(m.bitmap);
      this._drawn.set(m.key, m.drawn);
      this.stats.tiles++;
      this.stats.features += m.drawn;
      this.stats.drawMs += m.ms;
      if (this.stats.firstDraw == null) {
        this.stats.firstDraw = performance.now();
        this.fire('firstdraw');
      }
    }
    job.done?.(null, job.canvas);
  },

  /** Parcels painted on the tiles now on screen. */
  drawnNow() {
    return Object.keys(this._tiles).reduce((sum, key) => sum + (this._drawn.get(key) ?? 0), 0);
  },

  /** Resolves when the repaints asked so far have been placed. */
  idle() {
    if (!this._pending.size) return Promise.resolve();
    return new Promise((resolve) => { this._onIdle = resolve; });
  },

  /** Repaint every tile on screen with the current style (after a filter change). */
  repaint(colours, filter) {
    this.setStyle(colours, filter);
    const size = this.getTileSize().x * (window.devicePixelRatio || 1);
    for (const [key, tile] of Object.entries(this._tiles)) {
      if (tile.el && tile.current) this._send({ type: 'repaint', key, size }, tile.el, null);
    }
  },
});
