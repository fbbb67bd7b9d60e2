// The record score and readiness (pure): the weights and thresholds docs/conformance.md states.

import { describe, expect, it } from 'vitest';
import { READINESS_THRESHOLDS, readinessOf, scoreFormat } from '../../src/conformance/record-checks.js';
import type { FieldCoverage } from '../../src/conformance/types.js';

const CORE = ['title', 'creator', 'date', 'type', 'language', 'subject', 'description', 'identifier', 'rights', 'isShownAt'];

function fields(presentShare: number, live: number, goodShare = 1): FieldCoverage[] {
  return CORE.map((field) => {
    const present = Math.round(presentShare * live);
    return field === 'date' ? { field, present, good: Math.round(goodShare * present), quality: 'parses' } : { field, present };
  });
}

describe('scoreFormat', () => {
  it('gives 100 to valid records with every core field of good quality, schema-valid', () => {
    expect(scoreFormat({ live: 10, valid: 10, fields: fields(1, 10), schema: { validated: 10, invalid: 0, examples: [] } })).toBe(100);
  });

  it('weighs model validity 40, coverage 30, quality 20, schema 10', () => {
    // No record valid, no schema-valid record, full coverage and quality: 30 + 20.
    expect(scoreFormat({ live: 10, valid: 0, fields: fields(1, 10), schema: { validated: 10, invalid: 10, examples: [] } })).toBe(50);
    // All valid, half coverage, dates all bad: 40 + 15 + 0 + 10.
    expect(scoreFormat({ live: 10, valid: 10, fields: fields(0.5, 10, 0), schema: { validated: 10, invalid: 0, examples: [] } })).toBe(65);
  });

  it('uses the model share for the schema part when no schema is bundled', () => {
    expect(scoreFormat({ live: 4, valid: 2, fields: fields(1, 4), schema: { validated: 0, invalid: 0, examples: [] } })).toBe(Math.round(100 * (0.4 * 0.5 + 0.3 + 0.2 + 0.1 * 0.5)));
  });

  it('is 0 without live records', () => {
    expect(scoreFormat({ live: 0, valid: 0, fields: fields(0, 0), schema: { validated: 0, invalid: 0, examples: [] } })).toBe(0);
  });
});

describe('readinessOf', () => {
  it('follows the thresholds', () => {
    expect(readinessOf(READINESS_THRESHOLDS.ready)).toBe('ready');
    expect(readinessOf(READINESS_THRESHOLDS.ready - 1)).toBe('usable');
    expect(readinessOf(READINESS_THRESHOLDS.usable)).toBe('usable');
    expect(readinessOf(READINESS_THRESHOLDS.usable - 1)).toBe('needs work');
  });
});
