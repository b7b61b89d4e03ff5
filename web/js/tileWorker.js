// A module worker that paints decoded parcel vector tiles on an OffscreenCanvas, so the page's
// main thread only places finished bitmaps: panning stays smooth while a 20,000-parcel tile is
// drawn. The page decodes each tile once with @mapbox/vector-tile (tileDecoding.js) and hands it
// over; decoded tiles are kept here (LRU) until the selection changes ('forget'). The server
// selected the parcels (the tile URL's filter and date): every one in a tile is drawn. Tile
// coordinates are the tile's own 0..extent grid, y down.

/** @typedef {import('./tileDecoding.js').DecodedTile} DecodedTile */
import { itemState } from './parcelFilter.js';

const MAX_KEPT = 160;
const decoded = new Map(); // key -> { extent, features: [{ props, rings: [Int32Array] }] }
let colours = {}; // state -> fill colour

// --- painting --------------------------------------------------------------------------

// Tiles carry the computed state on the tile URL's date (the chosen year's end, else today).

function paint(tile, size) {
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d');
  const scale = size / tile.extent;
  const groups = new Map();
  let drawn = 0;
  for (const f of tile.features) {
    const state = itemState(f.props);
    const colour = colours[state] ?? '#999999';
    if (!groups.has(colour)) groups.set(colour, new Path2D());
    const path = groups.get(colour);
    for (const ring of f.rings) {
      path.moveTo(ring[0] * scale, ring[1] * scale);
      for (let j = 2; j < ring.length; j += 2) path.lineTo(ring[j] * scale, ring[j + 1] * scale);
      path.closePath();
    }
    drawn++;
  }
  ctx.lineWidth = 0.5;
  ctx.strokeStyle = 'rgba(60,60,60,0.7)';
  for (const [colour, path] of groups) {
    ctx.globalAlpha = 0.75;
    ctx.fillStyle = colour;
    ctx.fill(path, 'evenodd'); // MVT holes wind the other way; even-odd keeps them open
    ctx.globalAlpha = 1;
    ctx.stroke(path);
  }
  return { bitmap: canvas.transferToImageBitmap(), drawn };
}

/** Keep a decoded tile, dropping the least recently used beyond MAX_KEPT. */
function keep(key, tile) {
  decoded.delete(key);
  if (decoded.size >= MAX_KEPT) decoded.delete(decoded.keys().next().value);
  decoded.set(key, tile);
}

/** The kept tile of a key, now the most recently used; undefined when not kept. */
function kept(key) {
  const tile = decoded.get(key);
  if (tile) keep(key, tile);
  return tile;
}

/** The selection the kept tiles belong to (the page's generation, from its last 'forget'). */
let generation = 0;

self.onmessage = ({ data: m }) => {
  if (m.type === 'style') { colours = m.colours; return; }
  if (m.type === 'forget') { decoded.clear(); generation = m.generation; return; }
  const started = performance.now();
  try {
    // A tile fetched for a selection forgotten since: not kept, and the page fetches again.
    if (m.type === 'tile' && m.generation !== generation) { self.postMessage({ id: m.id, key: m.key, missing: true }); return; }
    if (m.type === 'tile') keep(m.key, m.tile);
    const tile = kept(m.key);
    if (!tile) { self.postMessage({ id: m.id, key: m.key, missing: true }); return; }
    const { bitmap, drawn } = paint(tile, m.size);
    self.postMessage({ id: m.id, key: m.key, bitmap, drawn, ms: performance.now() - started }, [bitmap]);
  } catch (error) {
    self.postMessage({ id: m.id, key: m.key, error: error.message });
  }
};
