import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mapDate, inForceCql, complianceCql, useColour, siteFromText } from '../js/planModel.js';
import { toCql } from '../js/parcelFilter.js';

test('the map date is the chosen year end, else the zone today (UTC+8)', () => {
  assert.equal(mapDate(2014), '2014-12-31');
  // 2026-12-31 20:00 UTC is already 2027-01-01 in Wenzhou.
  assert.equal(mapDate(null, new Date('2026-12-31T20:00:00Z')), '2027-01-01');
  assert.equal(mapDate(null, new Date('2026-12-31T15:59:00Z')), '2026-12-31');
});

test('plan zones in force: approved by the day, repealed after it (repealed_on exclusive)', () => {
  assert.equal(inForceCql('2016-12-31'),
    "approved_on <= DATE('2016-12-31') AND (repealed_on IS NULL OR repealed_on > DATE('2016-12-31'))");
});

test('compliance: a value selects by compliance, a rule one whole item of noncompliant_rules', () => {
  assert.equal(complianceCql(''), null);
  assert.equal(complianceCql('noncompliant'), "compliance IN ('noncompliant')");
  assert.equal(complianceCql('no_plan'), "compliance IN ('no_plan')");
  assert.equal(complianceCql('red_line'), "noncompliant_rules = 'red_line' OR noncompliant_rules LIKE 'red\\_line,%'"
    + " OR noncompliant_rules LIKE '%,red\\_line' OR noncompliant_rules LIKE '%,red\\_line,%'");
  assert.match(complianceCql("x'y"), /= 'x''y'/);
});

test('the compliance term joins the parcel filter with AND', () => {
  const filter = { off: false, hidden: [], parks: ['P-BH'], landUse: '', year: null, compliance: 'noncompliant' };
  assert.equal(toCql(filter, ['idle']), "(park_code IN ('P-BH')) AND (compliance IN ('noncompliant'))");
  assert.equal(toCql({ ...filter, parks: [], compliance: '' }, ['idle']), null);
});

test('a planned use takes its own colour, else its class colour, else none', () => {
  const classes = { '06': { color: '#8B4513' } };
  assert.equal(useColour({ color: '#BB9674', parent: '06' }, (c) => classes[c]), '#BB9674');
  assert.equal(useColour({ parent: '06' }, (c) => classes[c]), '#8B4513');
  assert.equal(useColour({ parent: '99' }, (c) => classes[c]), null);
  assert.equal(useColour(undefined, (c) => classes[c]), null);
});

test('a site file: GeoJSON geometry, Feature or FeatureCollection, else WKT', () => {
  const polygon = { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
  assert.deepEqual(siteFromText(JSON.stringify(polygon)), { geometry: polygon });
  assert.deepEqual(siteFromText(JSON.stringify({ type: 'Feature', properties: {}, geometry: polygon })), { geometry: polygon });
  assert.deepEqual(siteFromText(`\uFEFF${JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: polygon }] })}`), { geometry: polygon });
  assert.deepEqual(siteFromText('  POLYGON((0 0, 1 0, 1 1, 0 0))\n'), { wkt: 'POLYGON((0 0, 1 0, 1 1, 0 0))' });
});
