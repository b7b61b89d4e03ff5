// Vector tiles (MVT) decoded with @mapbox/vector-tile into what the tile worker paints: each
// polygon feature's properties and rings as flat Int32Arrays [x0, y0, x1, y1, ...] in the
// tile's own 0..extent grid, y down. Runs on the page, not in the worker: module workers have
// no import map, and the library imports its point class by bare name. Decoding is a small
// share of a tile's cost (about 10 ms for 20,000 parcels); painting stays in the worker.
import { PbfReader } from 'pbf';
import { VectorTile } from '@mapbox/vector-tile';

const POLYGON = 3; // VectorTileFeature.type: 1 point, 2 line, 3 polygon

/**
 * @typedef {Record<string, string | number | boolean>} TileProperties
 * @typedef {{ props: TileProperties, rings: Int32Array[] }} TileFeature
 * @typedef {{ extent: number, features: TileFeature[] }} DecodedTile
 */

/**
 * The polygons of one layer of a tile; an empty body or a missing layer is an empty tile.
 * @param {ArrayBuffer} buffer the tile as the server sent it
 * @param {string} layerName the layer to read (the collection id)
 * @returns {DecodedTile}
 */
export function decodeTile(buffer, layerName) {
  if (!buffer.byteLength) return { extent: 4096, features: [] };
  const layer = new VectorTile(new PbfReader(new Uint8Array(buffer))).layers[layerName];
  if (!layer) return { extent: 4096, features: [] };
  /** @type {TileFeature[]} */
  const features = [];
  for (let i = 0; i < layer.length; i++) {
    const feature = layer.feature(i);
    if (feature.type !== POLYGON) continue;
    const rings = feature.loadGeometry().map((ring) => {
      const flat = new Int32Array(ring.length * 2);
      ring.forEach((point, k) => { flat[2 * k] = point.x; flat[2 * k + 1] = point.y; });
      return flat;
    });
    features.push({ props: { ...feature.properties }, rings });
  }
  return { extent: layer.extent, features };
}
