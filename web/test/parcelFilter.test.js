import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shownState, passes, toCql, yearEnd, dateOf } from '../js/parcelFilter.js';

const none = { off: false, hidden: [], parks: [], landUse: '', year: null };
const parcel = { state: 'idle', status: 'in_use', park_code: 'P-SC', land_use: '0601' };

test('the shown state is the server\'s: today\'s, the year\'s answer, else the record', () => {
  assert.equal(shownState(parcel), 'idle');
  assert.equal(shownState({ ...parcel, state: null }), 'in_use');
  assert.equal(shownState(parcel, 'approved_unsupplied'), 'approved_unsupplied');
  assert.equal(shownState(parcel, null), 'in_use', 'no answer for the year: the record');
});

test('the predicate and the CQL2 text say the same', () => {
  const filter = { ...none, hidden: ['idle'], parks: ['P-SC'], landUse: '06' };
  assert.equal(passes(filter, parcel, 'idle'), false);
  assert.equal(passes(filter, parcel, 'in_use'), true);
  assert.equal(passes({ ...filter, parks: ['P-BH'] }, parcel, 'in_use'), false);
  assert.equal(passes({ ...filter, landUse: '07' }, parcel, 'in_use'), false);
  assert.equal(toCql(filter, ['idle', 'in_use']),
    "(state IN ('in_use') OR (state IS NULL AND status IN ('in_use'))) AND (park_code IN ('P-SC')) AND (land_use LIKE '06%')");
});

test('a layer switched off passes nothing and selects nothing', () => {
  assert.equal(passes({ ...none, off: true }, parcel, 'idle'), false);
  assert.equal(toCql({ ...none, off: true }, ['idle']), '1 = 0');
});

test('with a year the server selects the parcels approved by its end, by their state on its date', () => {
  assert.equal(yearEnd(2014), '2014-12-31');
  const year = { ...none, year: 2014, hidden: ['idle'] };
  // The state terms stay in the text: the server takes `state` on dateOf() (the year's end).
  assert.equal(toCql(year, ['idle', 'in_use']),
    "(state IN ('in_use') OR (state IS NULL AND status IN ('in_use'))) AND (approved_on <= DATE('2014-12-31') OR approved_on IS NULL)");
  assert.equal(dateOf(year), '2014-12-31');
  assert.equal(dateOf(none), null);
});
