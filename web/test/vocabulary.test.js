import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillVocabulary, landUseChoices, landUseEntry, gbtClassEditions, PARCEL_STATUS, LAND_USE, ROAD_STATE } from '../js/vocabulary.js';
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

test('a code two editions share is named in its own edition; the current edition keeps the bare code', () => {
  fillVocabulary({
    landUse: {
      edition: 'GB/T 21010-2017',
      editions: [
        { edition: 'GB/T 21010-2017', alias: '2017', nameZh: '', nameEn: '', gbtClasses: true },
        { edition: '用地用海分类指南-2023', alias: '2023', nameZh: '', nameEn: '', gbtClasses: false },
      ],
      codes: [
        { code: '10', nameZh: '交通运输用地', nameEn: 'Transport land', parent: null },
        { code: 'SEA', nameZh: '海域', nameEn: 'Sea', parent: null },
        { code: '1001', nameZh: '铁路用地', nameEn: 'Railway land', parent: '10', edition: 'GB/T 21010-2017' },
        { code: '1001', nameZh: '工业用地', nameEn: 'Industrial land', parent: '06', edition: '用地用海分类指南-2023' },
      ],
    },
  });
  assert.equal(landUseEntry('1001', 'GB/T 21010-2017')?.zh, '铁路用地');
  assert.equal(landUseEntry('1001', '用地用海分类指南-2023')?.zh, '工业用地');
  assert.equal(LAND_USE['1001'].zh, '铁路用地');
  assert.deepEqual(gbtClassEditions(), ['GB/T 21010-2017']);
  assert.deepEqual(landUseChoices(), { classes: ['10'], codes: ['1001'] });
});
