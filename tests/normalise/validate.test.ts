// validateRecord: schema problems become SCHEMA_<KEYWORD> issues with a JSON Pointer and the value.
// Pure: no I/O beyond the schema the module loads.

import { describe, it, expect } from 'vitest';
import { validateRecord } from '../../src/normalise/validate.js';
import type { NormalisedRecord } from '../../src/model/record.js';

function record(extra: Partial<NormalisedRecord> = {}): NormalisedRecord {
  return {
    id: 'src:0123456789abcdef',
    source: { id: 'src', localId: 'oai:x:1', datestamp: '2024-01-02', format: 'oai_dc', sets: [], harvestedAt: '2025-01-01T00:00:00Z' },
    deleted: false,
    title: [{ value: 'T' }],
    issues: [],
    ...extra,
  };
}

describe('validateRecord', () => {
  it('accepts a minimal record', () => expect(validateRecord(record())).toEqual([]));

  it('reports a missing title as SCHEMA_MINITEMS at /title', () => {
    expect(validateRecord(record({ title: [] }))).toEqual([expect.objectContaining({ code: 'SCHEMA_MINITEMS', severity: 'error', path: '/title' })]);
  });

  it('accepts a deleted record without a title', () => expect(validateRecord(record({ deleted: true, title: [] }))).toEqual([]));

  it('reports a missing required field with its path', () => {
    const r: Partial<NormalisedRecord> = record();
    delete r.source;
    expect(validateRecord(r)).toEqual([expect.objectContaining({ code: 'SCHEMA_REQUIRED', path: '/source', message: expect.stringContaining('source is missing') })]);
  });

  it('reports a field outside the model', () => {
    expect(validateRecord({ ...record(), colour: 'red' })).toEqual([expect.objectContaining({ code: 'SCHEMA_ADDITIONALPROPERTIES', path: '/colour' })]);
  });

  it('reports a bad value with the value', () => {
    expect(validateRecord(record({ language: ['en'] }))).toEqual([expect.objectContaining({ code: 'SCHEMA_PATTERN', path: '/language/0', value: 'en' })]);
  });

  it('reports a datestamp OAI-PMH does not allow', () => {
    const r = record();
    r.source.datestamp = '2024-01-02T10:00:00+01:00';
    expect(validateRecord(r)).toEqual([expect.objectContaining({ code: 'SCHEMA_PATTERN', path: '/source/datestamp' })]);
  });

  it('reports an invalid enum value and lists the allowed ones', () => {
    const bad = record() as unknown as Record<string, unknown>;
    bad.type = [{ value: 'Painting' }];
    expect(validateRecord(bad)).toEqual([expect.objectContaining({ code: 'SCHEMA_ENUM', path: '/type/0/value', message: expect.stringContaining('StillImage') })]);
  });

  it('reports every problem at once', () => {
    expect(validateRecord(record({ title: [], language: ['en'], isShownAt: 'not a url' })).map((i) => i.code).sort()).toEqual(['SCHEMA_FORMAT', 'SCHEMA_MINITEMS', 'SCHEMA_PATTERN']);
  });

  it('caps the number of issues on a pathological record', () => {
    const issues = validateRecord(record({ language: Array.from({ length: 500 }, () => 'x') }));
    expect(issues).toHaveLength(51);
    expect(issues[50]).toMatchObject({ code: 'SCHEMA_TRUNCATED' });
  });

  it('never throws on something that is not a record', () => {
    expect(validateRecord(null)).toEqual([expect.objectContaining({ code: 'SCHEMA_TYPE' })]);
  });
});
