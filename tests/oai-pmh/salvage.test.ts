import { describe, expect, it } from 'vitest';
import { EntenteError } from '../../src/errors.js';
import { isCompleteDocument, salvageListRecords } from '../../src/protocols/oai-pmh/salvage.js';

const OAI = 'http://www.openarchives.org/OAI/2.0/';
const page = (records: string, token = '<resumptionToken completeListSize="9">t2</resumptionToken>') =>
  `<?xml version="1.0"?><OAI-PMH xmlns="${OAI}"><responseDate>2024-01-01T00:00:00Z</responseDate><request verb="ListRecords">x</request><ListRecords>${records}${token}</ListRecords></OAI-PMH>`;
const rec = (id: string, body: string) => `<record><header><identifier>${id}</identifier><datestamp>2024-01-01</datestamp></header><metadata>${body}</metadata></record>`;
const err = new EntenteError('ERR_XML_MALFORMED', 'broken');

describe('salvageListRecords', () => {
  it('reads the good records, quarantines the broken one, and keeps the token', () => {
    const text = page(rec('a', '<x>ok</x>') + rec('b', '<x>bad & worse</x>') + rec('c', '<x>ok</x>'));
    const out = salvageListRecords(text, { sourceId: 's', metadataPrefix: 'oai_dc' }, err);
    expect(out.records.map((r) => r.raw.localId)).toEqual(['a', 'b', 'c']);
    expect(out.records[0]?.metadata?.name).toBe('x');
    expect(out.records[1]?.issues[0]).toMatchObject({ code: 'XML_MALFORMED_RECORD', severity: 'error' });
    expect(out.records[1]?.raw.payload).toContain('bad & worse');
    expect(out.resumptionToken).toEqual({ value: 't2', completeListSize: 9 });
    expect(out.responseDate).toBe('2024-01-01T00:00:00Z');
  });

  it('does not split inside MARC records that are also called record', () => {
    const marc = '<record xmlns="http://www.loc.gov/MARC21/slim"><leader>x</leader></record>';
    const text = page(rec('a', marc) + rec('b', '<x>1 < 2</x>'), '');
    const out = salvageListRecords(text, { sourceId: 's', metadataPrefix: 'marc21' }, err);
    expect(out.records.map((r) => r.raw.localId)).toEqual(['a', 'b']);
    expect(out.records[0]?.metadata?.ns).toBe('http://www.loc.gov/MARC21/slim');
    expect(out.resumptionToken).toBeUndefined();
  });

  it('tells a complete document from a truncated one', () => {
    expect(isCompleteDocument(page(rec('a', '<x/>')))).toBe(true);
    expect(isCompleteDocument(page(rec('a', '<x/>')).slice(0, -20))).toBe(false);
  });

  it('gives the original error back when there is no record to salvage', () => {
    expect(() => salvageListRecords('<OAI-PMH><oops></OAI-PMH>', { sourceId: 's', metadataPrefix: 'oai_dc' }, err)).toThrow(err);
  });
});

describe('salvaged records keep what they inherit', () => {
  it('stores the page root namespaces with each record, so the raw record can be read again alone', () => {
    const text = `<?xml version="1.0"?><OAI-PMH xmlns="${OAI}" xmlns:dc="http://purl.org/dc/elements/1.1/"><responseDate>2024-01-01T00:00:00Z</responseDate><request verb="ListRecords">x</request><ListRecords>${rec('a', '<dc:title>ok</dc:title>')}${rec('b', '<dc:title>& <b></dc:title>')}</ListRecords></OAI-PMH>`;
    const out = salvageListRecords(text, { sourceId: 's', metadataPrefix: 'oai_dc' }, err);
    expect(out.records[0]?.raw.namespaces?.dc).toBe('http://purl.org/dc/elements/1.1/');
    expect(out.records[0]?.metadata?.ns).toBe('http://purl.org/dc/elements/1.1/');
  });
});
