// Bad input yields a record with issues, never a crash: huge values, wrong encodings, records
// with nothing usable, unknown roots.

import { describe, expect, it } from 'vitest';
import { normaliseRecord } from '../../src/normalise/normalise.js';
import { readRecords } from '../../src/protocols/oai-pmh/records.js';
import { decodeXmlBody, parseOaiResponse } from '../../src/protocols/oai-pmh/response.js';
import { parseXml } from '../../src/xml/parse.js';

const DC = (inner: string) => `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">${inner}</oai_dc:dc>`;
const base = { sourceId: 's', localId: 'x', datestamp: '2024-01-01', deleted: false, sets: [], format: 'oai_dc', harvestedAt: '2024-01-01T00:00:00Z' };

describe('bad input', () => {
  it('keeps a 5 MB description whole, in reasonable time', () => {
    const big = 'Lorem ipsum dolor sit amet. '.repeat(190_000);
    const r = normaliseRecord({ ...base, metadata: parseXml(DC(`<dc:title>T</dc:title><dc:description>${big}</dc:description>`)).root });
    expect(r.description?.[0]?.value.length).toBe(big.trim().length);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('stores a record with nothing usable, flagged', () => {
    const r = normaliseRecord({ ...base, metadata: parseXml(DC('<dc:title>   </dc:title><dc:date/><dc:unknown>x</dc:unknown>')).root });
    expect(r.title).toEqual([]);
    expect(r.issues.map((i) => i.code)).toContain('SCHEMA_MINITEMS');
  });

  it('reads a UTF-8 page that declares ISO-8859-1 without crashing, and marks Latin-1 bytes in a UTF-8 page', () => {
    const page = (decl: string, title: Buffer) =>
      Buffer.concat([
        Buffer.from(`<?xml version="1.0" encoding="${decl}"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-01-01T00:00:00Z</responseDate><request verb="ListRecords">x</request><ListRecords><record><header><identifier>a</identifier><datestamp>2024-01-01</datestamp></header><metadata>${DC('<dc:title>')}`.replace('</oai_dc:dc>', '')),
        title,
        Buffer.from('</dc:title></oai_dc:dc></metadata></record></ListRecords></OAI-PMH>'),
      ]);
    const wrongDecl = decodeXmlBody(page('ISO-8859-1', Buffer.from('Köln', 'utf8')), undefined);
    const [mojibake] = readRecords(parseOaiResponse(wrongDecl.text, 'ListRecords'), { sourceId: 's', metadataPrefix: 'oai_dc', kind: 'record' });
    expect(normaliseRecord({ ...base, metadata: mojibake!.metadata }).title[0]?.value).toBe('KÃ¶ln');

    const latin = decodeXmlBody(page('UTF-8', Buffer.from('Köln', 'latin1')), undefined);
    const response = parseOaiResponse(latin.text, 'ListRecords', { encodingReplaced: latin.replaced });
    const [item] = readRecords(response, { sourceId: 's', metadataPrefix: 'oai_dc', kind: 'record' });
    expect(item?.issues.map((i) => i.code)).toEqual(['XML_ENCODING_REPLACED']);
    expect(normaliseRecord({ ...base, metadata: item!.metadata }).title[0]?.value).toBe('K\uFFFDln');
  });

  it('keeps an unknown root as a record with its source information', () => {
    const r = normaliseRecord({ ...base, format: 'x', metadata: parseXml('<thing xmlns="urn:x"><a>1</a></thing>').root });
    expect(r.source.localId).toBe('x');
    expect(r.issues.map((i) => i.code)).toEqual(['FORMAT_UNSUPPORTED', 'SCHEMA_MINITEMS']);
  });
});

describe('pathological nesting', () => {
  it('reads text nested 20,000 elements deep without exhausting the stack', async () => {
    const { textOf } = await import('../../src/xml/parse.js');
    const deep = '<b>'.repeat(20_000) + 'deep' + '</b>'.repeat(20_000);
    expect(textOf(parseXml(`<r>${deep}</r>`).root)).toBe('deep');
  });
});
