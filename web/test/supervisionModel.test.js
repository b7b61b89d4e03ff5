import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listDate, codesFilters, CODES_PER_FILTER, listedCodes, stepBody, stepFields, refusal } from '../js/supervisionModel.js';

test('the lists are asked for the year filter\'s year end, else for the server\'s today', () => {
  assert.equal(listDate(2016), '2016-12-31');
  assert.equal(listDate(null), null);
});

test('the listed codes become CQL2 code IN filters, each of at most CODES_PER_FILTER codes, quotes doubled', () => {
  assert.deepEqual(codesFilters([]), []);
  assert.deepEqual(codesFilters(['A-1', "B'2", 'A-1']), ["code IN ('A-1', 'B''2')"]);
  const many = Array.from({ length: CODES_PER_FILTER * 2 + 1 }, (_, i) => `P-${i}`);
  const filters = codesFilters(many);
  assert.equal(filters.length, 3);
  assert.equal(filters.join(' ').match(/'P-\d+'/g).length, many.length, 'every code once');
});

test('the codes of the lists switched on, once each, from the API\'s report', () => {
  const report = { lists: { undetermined: { items: [{ code: 'A' }, { code: 'B' }] }, recovery: { items: [{ code: 'B' }, { code: 'C' }] }, feesToLevy: { items: [] } } };
  assert.deepEqual(listedCodes(report, ['undetermined', 'recovery']).sort(), ['A', 'B', 'C']);
  assert.deepEqual(listedCodes(report, ['feesToLevy', 'missing']), []);
  assert.deepEqual(listedCodes(null, ['undetermined']), []);
});

test('a step\'s body keeps the fields its kind shows, trimmed, empty ones left out, the amount a number', () => {
  const values = { kind: 'idle_determined', occurredOn: '2017-03-01', documentNo: ' 温开国土闲认〔2017〕3号 ', cause: 'land_user', amountWan: '5', newAgreedStartOn: '', note: '' };
  assert.deepEqual(stepBody(values, ['cause']), { kind: 'idle_determined', occurredOn: '2017-03-01', documentNo: '温开国土闲认〔2017〕3号', cause: 'land_user' });
  assert.deepEqual(stepBody({ kind: 'idle_fee_levied', occurredOn: '2018-01-02', documentNo: 'D', amountWan: '12.50', cause: 'land_user' }, ['amountWan']),
    { kind: 'idle_fee_levied', occurredOn: '2018-01-02', documentNo: 'D', amountWan: 12.5 });
  assert.deepEqual(stepBody({ kind: 'idle_fee_levied', occurredOn: '2018-01-02', documentNo: 'D', amountWan: '' }, ['amountWan']),
    { kind: 'idle_fee_levied', occurredOn: '2018-01-02', documentNo: 'D' }, 'no amount: the server fills 20 % of the price');
  assert.deepEqual(stepBody({ kind: 'extension_agreed', occurredOn: '2018-01-02', documentNo: 'D', newAgreedStartOn: '2018-06-01' }, ['newAgreedStartOn']),
    { kind: 'extension_agreed', occurredOn: '2018-01-02', documentNo: 'D', newAgreedStartOn: '2018-06-01' });
});

test('each offered kind shows the fields the vocabulary gives it', () => {
  assert.deepEqual(stepFields({ stepFields: ['cause'] }), ['cause']);
  assert.deepEqual(stepFields({ stepFields: [] }), []);
  assert.deepEqual(stepFields({}), [], 'a lifecycle event (no step fields) shows none');
  assert.deepEqual(stepFields(undefined), []);
});

test('a refusal names the 409\'s field or the 400\'s parameter, and the server\'s detail', () => {
  assert.deepEqual(refusal(409, { field: 'kind', detail: 'the parcel is not idle' }), { status: 409, field: 'kind', detail: 'the parcel is not idle' });
  assert.deepEqual(refusal(400, { parameter: 'documentNo', detail: 'documentNo is required' }), { status: 400, field: 'documentNo', detail: 'documentNo is required' });
  assert.deepEqual(refusal(500, null), { status: 500, field: '', detail: 'HTTP 500' });
});
