import { describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import { splitFormat, toXml, w3 } from '../../src/server/modules/open311/format.js';
import { attributesOf } from '../../src/server/modules/open311/submit.js';

describe('splitFormat', () => {
  it.each([
    ['services.json', 'services', 'json'],
    ['services.XML', 'services', 'xml'],
    ['approval.construction_permit.json', 'approval.construction_permit', 'json'],
    ['approval.construction_permit', 'approval.construction_permit', 'xml'],
    ['YW20261126-ABCD2345.xml', 'YW20261126-ABCD2345', 'xml'],
  ])('%s', (name, id, format) => {
    expect(splitFormat(name)).toEqual({ id, format });
  });
});

describe('w3', () => {
  it('writes Beijing time with an explicit offset', () => {
    expect(w3(new Date('2026-11-02T01:00:00Z'))).toBe('2026-11-02T09:00:00+08:00');
    expect(w3(new Date('2026-12-31T20:30:00Z'))).toBe('2027-01-01T04:30:00+08:00');
    expect(w3(null)).toBe('');
  });
});

describe('toXml', () => {
  it('declares UTF-8, escapes text and writes booleans and nulls as the spec does', () => {
    const xml = toXml('service_requests', { request: [{ description: '<b>&"引号"</b>', metadata: true, lat: null }] });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_requests>')).toBe(true);
    expect(xml).not.toContain('<b>');
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml);
    expect(parsed.service_requests.request).toEqual({ description: '<b>&"引号"</b>', metadata: 'true', lat: '' });
  });
});

describe('attributesOf', () => {
  it('reads form, multi-value form and nested JSON attributes', () => {
    expect(attributesOf({ 'attribute[a]': 'x', 'attribute[m][]': ['1', '2'], attribute: { b: 'y', m: '3' }, other: 'z' }))
      .toEqual({ a: ['x'], m: ['1', '2', '3'], b: ['y'] });
    expect(attributesOf({ 'attribute[a]': '  ' })).toEqual({});
  });
});
