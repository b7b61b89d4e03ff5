// Parcels from the server's vector tiles (MVT, /ogc/collections/parcels/tiles/...) drawn on
// canvas tiles: what keeps the map smooth with a million parcels. Decoded tiles are kept,
// so a filter change repaints from memory without fetching again. Tile coordinates are in
// the tile's own 0..extent grid (y down), so no lon/lat order question arises here.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

const L = window.L;
const MAX_KEPT = 512; // decoded tiles kept for repaints

export const MvtLayer = L.GridLayer.extend({
  options: { layerName: 'parcels', tileSize: 256, updateWhenZooming: false, keepBuffer: 1 },

  initialize(url, { fill, visible, ...options }) {
    this._url = url;
    this._fill = fill; // properties -> fill colour
    this._visible = visible; // properties -> boolean
    this._decoded = new Map(); // tile key -> features [{ properties, rings }]
    this.stats = { tiles: 0, features: 0, drawMs: 0, firstDraw: null };
    L.GridLayer.prototype.initialize.call(this, options);
  },

  createTile(coords, done) {
    const canvas = document.createElement('canvas');
    const ratio = window.devicePixelRatio || 1;
    const size = this.getTileSize();
    canvas.width = size.x * ratio;
    canvas.height = size.y * ratio;
    const key = this._tileCoordsToKey(coords);
    this._load(coords, key)
      .then((features) => { this._paint(canvas, features); done(null, canvas); })
      .catch((error) => done(error, canvas));
    return canvas;
  },

  async _load(coords, key) {
    if (this._decoded.has(key)) return this._decoded.get(key);
    const url = L.Util.template(this._url, { z: coords.z, x: coords.x, y: coords.y });
    const response = await fetch(url);
    if (!response.ok) throw new Error(`tile ${url}: HTTP ${response.status}`);
    const buffer = await response.arrayBuffer();
    const features = [];
    if (buffer.byteLength) {
      const layer = new VectorTile(new PbfReader(new Uint8Array(buffer))).layers[this.options.layerName];
      for (let i = 0; layer && i < layer.length; i++) {
        const f = layer.feature(i);
        features.push({ properties: f.properties, rings: f.loadGeometry(), extent: f.extent });
      }
    }
    if (this._decoded.size >= MAX_KEPT) this._decoded.delete(this._decoded.keys().next().value);
    this._decoded.set(key, features);
    return features;
  },

  _paint(canvas, features) {
    const started = performance.now();
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    let drawn = 0;
    // One path per colour: a few fills per tile instead of one per parcel.
    const byColour = new Map();
    for (const f of features) {
      if (!this._visible(f.properties)) continue;
      const colour = this._fill(f.properties);
      if (!byColour.has(colour)) byColour.set(colour, []);
      byColour.get(colour).push(f);
      drawn++;
    }
    ctx.lineWidth = 0.5;
    ctx.strokeStyle = 'rgba(60,60,60,0.7)';
    for (const [colour, list] of byColour) {
      ctx.beginPath();
      for (const f of list) {
        const scale = canvas.width / f.extent;
        for (const ring of f.rings) {
          for (let j = 0; j < ring.length; j++) {
            const x = ring[j].x * scale;
            const y = ring[j].y * scale;
            if (j === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
          }
          ctx.closePath();
        }
      }
      ctx.globalAlpha = 0.75;
      ctx.fillStyle = colour;
      ctx.fill('evenodd'); // MVT holes wind the other way; even-odd keeps them open
      ctx.globalAlpha = 1;
      ctx.stroke();
    }
    const ms = performance.now() - started;
    this.stats.tiles++;
    this.stats.features += drawn;
    this.stats.drawMs += ms;
    if (this.stats.firstDraw == null) {
      this.stats.firstDraw = performance.now();
      this.fire('firstdraw');
    }
  },

  /** Repaint every tile on screen from the decoded features (after a filter change). */
  repaint() {
    for (const [key, tile] of Object.entries(this._tiles)) {
      const features = this._decoded.get(key);
      if (features && tile.el) this._paint(tile.el, features);
    }
  },

  /** The decoded features of the tiles on screen (for counts at low zoom). */
  featuresOnScreen() {
    return Object.keys(this._tiles).flatMap((key) => this._decoded.get(key) ?? []);
  },
});
