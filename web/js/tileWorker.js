// A module worker that fetches parcel vector tiles (MVT), decodes them and paints them on an
// OffscreenCanvas, so the page's main thread only places finished bitmaps: panning stays
// smooth while a 20,000-parcel tile is decoded and drawn. Decoded tiles are kept (LRU) so a
// filter change repaints without fetching. Workers ignore the page's import map: the pbf
// reader is imported by its path. Tile coordinates are the tile's own 0..extent grid, y down.
import { PbfReader } from '/vendor/pbf/index.js';

const MAX_KEPT = 160;
const decoded = new Map(); // key -> { extent, features: [{ props, rings: [Int32Array] }] }
let colours = {}; // state -> fill colour
let filter = { hidden: [], parks: [], landUse: '', off: false };

// --- MVT decoding (spec 2.1): Tile.layers=3; Layer name=1 features=2 keys=3 values=4 extent=5;
// Feature tags=2 type=3 geometry=4; Value string=1 float=2 double=3 int=4 uint=5 sint=6 bool=7.

function readValue(tag, v, pbf) {
  if (tag === 1) v.value = pbf.readString();
  else if (tag === 2) v.value = pbf.readFloat();
  else if (tag === 3) v.value = pbf.readDouble();
  else if (tag === 4) v.value = pbf.readVarint64();
  else if (tag === 5) v.value = pbf.readVarint();
  else if (tag === 6) v.value = pbf.readSVarint();
  else if (tag === 7) v.value = pbf.readBoolean();
}

function readFeature(tag, f, pbf) {
  if (tag === 2) f.tags = pbf.readPackedVarint();
  else if (tag === 4) f.geometry = pbf.readPackedVarint();
}

function readLayer(tag, layer, pbf) {
  if (tag === 1) layer.name = pbf.readString();
  else if (tag === 2) layer.raw.push(pbf.readMessage(readFeature, { tags: [], geometry: [] }));
  else if (tag === 3) layer.keys.push(pbf.readString());
  else if (tag === 4) layer.values.push(pbf.readMessage(readValue, { value: null }).value);
  else if (tag === 5) layer.extent = pbf.readVarint();
}

/** Polygon rings from the geometry commands (MoveTo 1, LineTo 2, ClosePath 7; zig-zag deltas). */
function rings(geometry) {
  const out = [];
  let x = 0;
  let y = 0;
  let ring = null;
  for (let i = 0; i < geometry.length;) {
    const command = geometry[i] & 7;
    const count = geometry[i] >> 3;
    i++;
    if (command === 7) { if (ring) out.push(Int32Array.from(ring)); ring = null; continue; }
    for (let k = 0; k < count; k++) {
      x += (geometry[i] >>> 1) ^ -(geometry[i] & 1);
      y += (geometry[i + 1] >>> 1) ^ -(geometry[i + 1] & 1);
      i += 2;
      if (command === 1) { if (ring) out.push(Int32Array.from(ring)); ring = []; }
      ring.push(x, y);
    }
  }
  if (ring) out.push(Int32Array.from(ring));
  return out;
}

function decode(buffer, layerName) {
  const layers = {};
  new PbfReader(new Uint8Array(buffer)).readFields((tag, acc, pbf) => {
    if (tag !== 3) return;
    const layer = pbf.readMessage(readLayer, { name: '', extent: 4096, keys: [], values: [], raw: [] });
    acc[layer.name] = layer;
  }, layers);
  const layer = layers[layerName];
  if (!layer) return { extent: 4096, features: [] };
  const features = layer.raw.map((f) => {
    const props = {};
    for (let i = 0; i < f.tags.length; i += 2) props[layer.keys[f.tags[i]]] = layer.values[f.tags[i + 1]];
    return { props, rings: rings(f.geometry) };
  });
  return { extent: layer.extent, features };
}

// --- painting --------------------------------------------------------------------------

/** The state a parcel is coloured and filtered by: the tile's computed `state` (today, from dates
 * and events), the recorded status where there is none - as store.parcelStatus() with no year. */
const stateOf = (p) => p.state ?? p.status;

function visible(p) {
  if (filter.off || filter.hidden.includes(stateOf(p))) return false;
  if (filter.parks.length && !filter.parks.includes(p.park_code)) return false;
  return !filter.landUse || String(p.land_use ?? '').startsWith(filter.landUse);
}

function paint(tile, size) {
  const canvas = new OffscreenCanvas(size, size);
  const ctx = canvas.getContext('2d');
  const scale = size / tile.extent;
  const groups = new Map();
  let drawn = 0;
  for (const f of tile.features) {
    if (!visible(f.props)) continue;
    const colour = colours[stateOf(f.props)] ?? '#999999';
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

async function load(key, url, layerName, headers) {
  if (decoded.has(key)) {
    const tile = decoded.get(key);
    decoded.delete(key); // LRU: move to the end
    decoded.set(key, tile);
    return tile;
  }
  const response = await fetch(url, { headers }); // the page's Authorization, when signed in
  if (!response.ok) throw new Error(`tile ${url}: HTTP ${response.status}`);
  const buffer = await response.arrayBuffer();
  const tile = buffer.byteLength ? decode(buffer, layerName) : { extent: 4096, features: [] };
  if (decoded.size >= MAX_KEPT) decoded.delete(decoded.keys().next().value);
  decoded.set(key, tile);
  return tile;
}

self.onmessage = async ({ data: m }) => {
  if (m.type === 'style') { colours = m.colours; filter = m.filter; return; }
  const started = performance.now();
  try {
    const tile = m.type === 'repaint' ? decoded.get(m.key) : await load(m.key, m.url, m.layer, m.headers);
    if (!tile) { self.postMessage({ id: m.id, key: m.key, missing: true }); return; }
    const { bitmap, drawn } = paint(tile, m.size);
    self.postMessage({ id: m.id, key: m.key, bitmap, drawn, ms: performance.now() - started }, [bitmap]);
  } catch (error) {
    self.postMessage({ id: m.id, key: m.key, error: error.message });
  }
};
