import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillVocabulary, landUseChoices, PARCEL_STATUS, LAND_USE, ROAD_STATE } from '../js/vocabulary.js';
import { styleRoadStates } from '../js/styles.js';

const document = {
  parcelStates: [
    { code: 'idle', nameZh: '闲置土地', nameEn: 'Idle', color: '#D55E00', order: 3 },
    { code: 'approved_unsupplied', nameZh: '批而未供', nameEn: 'Approved, not supplied', color: '#E69F00', order: 1 },
  ],
  roadStates: [{ code: 'planned', nameZh: '规划', nameEn: 'Planned', color: '#7A7A7A', order: 1 }, { code: 'open', nameZh: '已通车', nameEn: 'Open', color: '#4D4D4D', order: 2 }],
  landUse: {
    edition: '2017',
    codes: [
      { code: '06', nameZh: '工矿仓储用地', nameEn: 'Industrial and storage', parent: null, edition: '2017' },
      { code: '0601', nameZh: '工业用地', nameEn: 'Industrial land', parent: '06', edition: '2017' },
      { code: '061', nameZh: '工业用地', nameEn: 'Industrial land', parent: '06', edition: '2007' },
    ],
  },
};

test('tables are filled in place, in the server order, with names and colours', () => {
  const before = PARCEL_STATUS;
  fillVocabulary(document);
  assert.equal(PARCEL_STATUS, before, 'the same object: modules keep their references');
  assert.deepEqual(Object.keys(PARCEL_STATUS), ['approved_unsupplied', 'idle']);
  assert.deepEqual(PARCEL_STATUS.idle, { zh: '闲置土地', en: 'Idle', color: '#D55E00' });
  assert.equal(LAND_USE['061'].zh, '工业用地', 'codes of every edition are named');
});

test('filling again replaces the old entries', () => {
  fillVocabulary({ ...document, parcelStates: [document.parcelStates[0]] });
  assert.deepEqual(Object.keys(PARCEL_STATUS), ['idle']);
});

test('the filters offer the classes and codes of the current edition', () => {
  fillVocabulary(document);
  assert.deepEqual(landUseChoices(), { classes: ['06'], codes: ['0601'] });
});

test('road states get their dash pattern; a state without one is solid', () => {
  fillVocabulary(document);
  styleRoadStates();
  assert.equal(ROAD_STATE.planned.lineStyle, 'dashed');
  assert.equal(ROAD_STATE.open.dashArray, null);
  assert.equal(ROAD_STATE.open.lineStyle, 'solid');
});
