import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PbfWriter } from 'pbf';
import { decodeTile } from '../js/tileDecoding.js';

const zigzag = (n) => (n << 1) ^ (n >> 31);
const command = (id, count) => (count << 3) | id;

/** An MVT (spec 2.1) with one layer: features of [type, geometry commands, {key: value}]. */
function tile(name, features, extent = 4096) {
  const pbf = new PbfWriter();
  const keys = [];
  const values = [];
  const index = (list, v) => (list.includes(v) ? list.indexOf(v) : list.push(v) - 1);
  const encoded = features.map(([type, geometry, props]) => ({
    type, geometry, tags: Object.entries(props).flatMap(([k, v]) => [index(keys, k), index(values, v)]),
  }));
  pbf.writeMessage(3, (_, layer) => {
    layer.writeVarintField(15, 2);
    layer.writeStringField(1, name);
    for (const f of encoded) {
      layer.writeMessage(2, (__, m) => {
        m.writePackedVarint(2, f.tags);
        m.writeVarintField(3, f.type);
        m.writePackedVarint(4, f.geometry);
      });
    }
    for (const k of keys) layer.writeStringField(3, k);
    for (const v of values) layer.writeMessage(4, (__, m) => (typeof v === 'string' ? m.writeStringField(1, v) : m.writeSVarintField(6, v)));
    layer.writeVarintField(5, extent);
  });
  const bytes = pbf.finish();
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

// A square 10..30 with a hole 15..25 (holes wind the other way), as MoveTo/LineTo/ClosePath deltas.
const square = [command(1, 1), zigzag(10), zigzag(10), command(2, 3), zigzag(20), 0, 0, zigzag(20), zigzag(-20), 0, command(7, 1)];
const hole = [command(1, 1), zigzag(5), zigzag(-15), command(2, 3), 0, zigzag(10), zigzag(10), 0, 0, zigzag(-10), command(7, 1)];

test('polygons come out as flat rings in tile coordinates with their properties', () => {
  const decoded = decodeTile(tile('parcels', [
    [3, [...square, ...hole], { code: 'WZKF-1', state: 'idle', floor: -2 }],
    [1, [command(1, 1), zigzag(1), zigzag(1)], { code: 'a point' }],
  ], 512), 'parcels');
  assert.equal(decoded.extent, 512);
  assert.equal(decoded.features.length, 1, 'only polygons are painted');
  const [parcel] = decoded.features;
  assert.deepEqual(parcel.props, { code: 'WZKF-1', state: 'idle', floor: -2 });
  assert.equal(parcel.rings.length, 2);
  assert.deepEqual([...parcel.rings[0].slice(0, 8)], [10, 10, 30, 10, 30, 30, 10, 30]);
  assert.deepEqual([...parcel.rings[1].slice(0, 2)], [15, 15]);
});

test('an empty body or another layer is an empty tile', () => {
  assert.deepEqual(decodeTile(new ArrayBuffer(0), 'parcels'), { extent: 4096, features: [] });
  assert.deepEqual(decodeTile(tile('roads', [[3, square, {}]]), 'parcels'), { extent: 4096, features: [] });
});
