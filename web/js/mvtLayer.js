// Parcels from the server's vector tiles (MVT, /ogc/collections/parcels/tiles/...) as canvas
// tiles: what keeps the map smooth with a million parcels. Fetching, decoding and painting
// happen in a worker (tileWorker.js); this layer only places the finished bitmaps, and asks
// the worker to repaint the tiles on screen when the filters change (no refetch).
const L = window.L;

export const MvtLayer = L.GridLayer.extend({
  options: { layerName: 'parcels', tileSize: 256, updateWhenZooming: false, keepBuffer: 1 },

  initialize(url, { colours, filter, ...options }) {
    this._url = url;
    this._worker = new Worker('/js/tileWorker.js', { type: 'module' });
    this._pending = new Map(); // message id -> { canvas, done }
    this._nextId = 1;
    this._worker.onmessage = (e) => this._answer(e.data);
    this.stats = { tiles: 0, features: 0, drawMs: 0, firstDraw: null };
    this.setStyle(colours, filter);
    L.GridLayer.prototype.initialize.call(this, options);
  },

  /** colours: status -> fill; filter: { hidden: [states], parks: [codes], landUse, off }. */
  setStyle(colours, filter) {
    this._worker.postMessage({ type: 'style', colours, filter });
  },

  createTile(coords, done) {
    const canvas = document.createElement('canvas');
    const size = this.getTileSize().x * (window.devicePixelRatio || 1);
    canvas.width = size;
    canvas.height = size;
    const key = this._tileCoordsToKey(coords);
    const url = L.Util.template(this._url, { z: coords.z, x: coords.x, y: coords.y });
    this._send({ type: 'tile', key, url, size, layer: this.options.layerName }, canvas, done);
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
    if (!job) return;
    if (m.error) { job.done?.(new Error(m.error), job.canvas); return; }
    if (m.bitmap) {
      job.canvas.getContext('bitmaprenderer').transferFromImageBitmap(m.bitmap);
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

  /** Repaint every tile on screen with the current style (after a filter change). */
  repaint(colours, filter) {
    this.setStyle(colours, filter);
    const size = this.getTileSize().x * (window.devicePixelRatio || 1);
    for (const [key, tile] of Object.entries(this._tiles)) {
      if (tile.el && tile.current) this._send({ type: 'repaint', key, size }, tile.el, null);
    }
  },
});
