import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLength, formatArea, M2_PER_MU } from '../js/measure.js';

const fmt = (v, d) => Number(v).toFixed(d);

test('lengths under a kilometre in metres, above in km with metres beside', () => {
  assert.equal(formatLength(999.94, fmt), '999.9 m');
  assert.equal(formatLength(1500, fmt), '1.500 km（1500.0 m）');
});

test('areas in m², km² and mu (1 mu = 10000/15 m²)', () => {
  assert.equal(M2_PER_MU, 10000 / 15);
  assert.equal(formatArea(10000, fmt, '亩'), '10000.0 m² · 0.0100 km² · 15.00 亩');
});
