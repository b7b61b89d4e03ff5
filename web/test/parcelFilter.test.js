import { test } from 'node:test';
import assert from 'node:assert/strict';
import { itemState, toCql, yearEnd, dateOf } from '../js/parcelFilter.js';

const none = { off: false, hidden: [], parks: [], landUse: '', year: null };

test('an item\'s or tile\'s state is the one the server computed for it, its record where it computed none', () => {
  assert.equal(itemState({ state: 'idle', status: 'in_use' }), 'idle');
  assert.equal(itemState({ state: null, status: 'in_use' }), 'in_use');
});

test('the filter as CQL2: states shown (the record where no state), parks and land-use class ANDed', () => {
  const filter = { ...none, hidden: ['idle'], parks: ['P-SC'], landUse: '06' };
  assert.equal(toCql(filter, ['idle', 'in_use']),
    "(state IN ('in_use') OR (state IS NULL AND status IN ('in_use'))) AND (park_code IN ('P-SC')) AND (land_use LIKE '06%')");
});

test('a layer switched off selects nothing', () => {
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
