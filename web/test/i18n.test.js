import { test } from 'node:test';
import assert from 'node:assert/strict';
import { t, label, fmt, lang, zoneTime } from '../js/i18n.js';

test('Chinese is the default language (no storage in node)', () => {
  assert.equal(lang(), 'zh');
});

test('t fills placeholders and keeps unknown ones and unknown keys', () => {
  assert.equal(t('filterCount', { n: 3, mu: '1.50' }), '符合条件：3 宗，1.50 亩');
  assert.equal(t('legendCount', { n: 2 }), '2 宗 · {mu} 亩');
  assert.equal(t('no-such-key'), 'no-such-key');
});

test('label picks the language, falls back to Chinese, and is empty for nothing', () => {
  assert.equal(label({ zh: '闲置土地', en: 'Idle land' }), '闲置土地');
  assert.equal(label(null), '');
});

test('fmt gives fixed decimals and a dash for what is not a number', () => {
  assert.equal(fmt(1234.5, 2), '1,234.50');
  assert.equal(fmt('x', 1), '—');
});

test('a moment reads as the zone clock (UTC+8) to the minute, never as raw ISO text', () => {
  assert.equal(zoneTime('2026-12-04T03:10:37.603656+00:00'), '2026-12-04 11:10 (UTC+8)');
  assert.equal(zoneTime('2026-12-31T16:30:00Z'), '2027-01-01 00:30 (UTC+8)', 'past midnight in the zone, not 24:30');
  assert.equal(zoneTime('2014-06-30T08:00:00+08:00'), '2014-06-30 08:00 (UTC+8)');
  assert.equal(zoneTime(null), '—');
  assert.equal(zoneTime('not a time'), '—');
});
