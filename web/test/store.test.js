import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { fillVocabulary } from '../js/vocabulary.js';
import { view, parcelsCql, parcelStatus, shown, matches } from '../js/store.js';

const states = ['approved_unsupplied', 'idle', 'in_use'];

beforeEach(() => {
  fillVocabulary({ parcelStates: states.map((code, order) => ({ code, nameZh: code, nameEn: code, order })) });
  view.hidden.parcels.clear();
  view.parks = new Set();
  view.landUse = '';
  view.year = null;
  shown.byCode = new Map();
  view.off.clear();
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

test('a held parcel passes when the server\'s answer selects it, and is drawn in the state it gives', () => {
  const parcel = { code: 'A', status: 'in_use', state: 'idle', park_code: 'P-SC', land_use: '0601' };
  // Whatever its properties say, a parcel the server did not select is not drawn ...
  assert.equal(matches('parcels', parcel), false);
  assert.equal(parcelStatus(parcel), 'idle', 'outside the selection: the state its item carries');
  // ... and one it selected is, in the server's state (e.g. computed since the page loaded).
  shown.byCode = new Map([['A', 'reclaimed']]);
  assert.equal(matches('parcels', parcel), true);
  assert.equal(parcelStatus(parcel), 'reclaimed');
  view.off.add('parcels');
  assert.equal(matches('parcels', parcel), false, 'the layer switched off');
});
