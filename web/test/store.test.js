import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { fillVocabulary } from '../js/vocabulary.js';
import { view, parcelsCql, parcelStatus, statesAt } from '../js/store.js';

const states = ['approved_unsupplied', 'idle', 'in_use'];

beforeEach(() => {
  fillVocabulary({ parcelStates: states.map((code, order) => ({ code, nameZh: code, nameEn: code, order })) });
  view.hidden.parcels.clear();
  view.parks = new Set();
  view.landUse = '';
  view.year = null;
  statesAt.byCode = new Map();
});

test('no filter is no CQL2', () => {
  assert.equal(parcelsCql(), null);
});

test('hidden states keep the computed state, the recorded status where there is none', () => {
  view.hidden.parcels.add('idle');
  assert.equal(parcelsCql(), "state IN ('approved_unsupplied', 'in_use') OR (state IS NULL AND status IN ('approved_unsupplied', 'in_use'))");
  for (const s of states) view.hidden.parcels.add(s);
  assert.equal(parcelsCql(), '1 = 0');
});

test('parks, land use and year are ANDed, values quoted', () => {
  view.parks = new Set(["P-'1"]);
  view.landUse = '06';
  view.year = 2014;
  assert.equal(parcelsCql(),
    "(park_code IN ('P-''1')) AND (land_use LIKE '06%') AND (approved_on <= DATE('2014-12-31') OR approved_on IS NULL)");
});

test('the state drawn is the server\'s: today the item\'s, at a year the states answer, else the record', () => {
  const parcel = { code: 'A', status: 'in_use', state: 'idle', supplied_on: null };
  assert.equal(parcelStatus(parcel), 'idle');
  assert.equal(parcelStatus({ ...parcel, state: null }), 'in_use');
  view.year = 2014;
  assert.equal(parcelStatus(parcel), 'in_use', 'no answer for the year: the record, never a state worked out from dates');
  statesAt.byCode = new Map([['A', 'approved_unsupplied']]);
  assert.equal(parcelStatus(parcel), 'approved_unsupplied');
});
