import { test } from 'node:test';
import assert from 'node:assert/strict';
import { literal, inList, equals, startsWith, contains, intersects, allOf } from '../js/cql.js';

test('literals double inner quotes', () => {
  assert.equal(literal("O'Neil"), "'O''Neil'");
  assert.equal(equals('park_code', "P-'X"), "park_code = 'P-''X'");
});

test('IN lists; an empty list matches nothing', () => {
  assert.equal(inList('state', ['idle', 'in_use']), "state IN ('idle', 'in_use')");
  assert.equal(inList('state', []), '1 = 0');
});

test('LIKE patterns escape the wildcards of the text', () => {
  assert.equal(startsWith('land_use', '06'), "land_use LIKE '06%'");
  assert.equal(contains('name', "50%_a'b"), "name LIKE '%50\\%\\_a''b%'");
});

test('a GeoJSON polygon becomes a CRS84 POLYGON literal, lon before lat', () => {
  const polygon = { type: 'Polygon', coordinates: [[[120.8, 27.8], [120.9, 27.8], [120.9, 27.9], [120.8, 27.8]]] };
  assert.equal(intersects(polygon), 'S_INTERSECTS(geometry, POLYGON((120.8 27.8, 120.9 27.8, 120.9 27.9, 120.8 27.8)))');
});

test('terms are joined with AND, each parenthesised; none is no filter', () => {
  assert.equal(allOf([]), null);
  assert.equal(allOf([null, '', "a = 'x'"]), "a = 'x'");
  assert.equal(allOf(['a = 1 OR b = 2', 'c = 3']), '(a = 1 OR b = 2) AND (c = 3)');
});
