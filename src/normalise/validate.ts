// Validates a normalised record against schemas/record.schema.json and reports each problem as an Issue.
// Pure: no I/O after the schema is read and compiled once at module load. Never throws on a bad record.

import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import type { Issue } from '../model/types.js';
import type { NormalisedRecord } from '../model/record.js';

// ajv-formats is CommonJS with `exports.default`: under NodeNext the default import is the module object.
const addFormats = formatsPlugin.default;

/** Schema problems reported per record at most: a record with thousands of bad values gets a summary, not thousands of issues. */
const MAX_SCHEMA_ISSUES = 50;

// Resolved from this file: src/normalise/ and dist/normalise/ both sit two levels below the package root.
const schema = JSON.parse(readFileSync(new URL('../../schemas/record.schema.json', import.meta.url), 'utf8')) as object;

// allErrors: a record is bounded (by the response size cap), and partners want every problem at once.
// (The schema says "not blank" with pattern \S rather than minLength 1: minLength counts the code
// points of every long description, which cost 12% of normalising time.)
const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true });
addFormats(ajv, ['uri', 'date-time']);
const validate = ajv.compile<NormalisedRecord>(schema);

function messageFor(e: ErrorObject): { path: string; message: string } {
  const at = e.instancePath || '/';
  switch (e.keyword) {
    case 'required': {
      const prop = (e.params as { missingProperty: string }).missingProperty;
      return { path: `${e.instancePath}/${prop}`, message: `${prop} is missing (required at ${at})` };
    }
    case 'additionalProperties': {
      const prop = (e.params as { additionalProperty: string }).additionalProperty;
      return { path: `${e.instancePath}/${prop}`, message: `${prop} is not a field of the record model (at ${at})` };
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
      return { path: e.instancePath, message: `${at} must be one of: ${allowed}` };
    }
    default:
      return { path: e.instancePath, message: `${at} ${e.message ?? 'is invalid'}` };
  }
}

/**
 * Validates a record against the record schema. Returns one error-level Issue per problem,
 * with code `SCHEMA_<KEYWORD>` (SCHEMA_REQUIRED, SCHEMA_MINITEMS, SCHEMA_PATTERN, ...), the
 * JSON Pointer of the field and, for scalar values, the value. An empty array means valid.
 */
export function validateRecord(record: unknown): Issue[] {
  if (validate(record)) return [];
  const issues: Issue[] = [];
  for (const e of validate.errors ?? []) {
    // "must match else schema" only repeats the error found inside the else branch.
    if (e.keyword === 'if') continue;
    if (issues.length === MAX_SCHEMA_ISSUES) {
      issues.push({ code: 'SCHEMA_TRUNCATED', severity: 'error', path: '', message: `More than ${MAX_SCHEMA_ISSUES} schema problems; the rest are not listed` });
      break;
    }
    const { path, message } = messageFor(e);
    const issue: Issue = { code: `SCHEMA_${e.keyword.toUpperCase()}`, severity: 'error', path, message };
    const data: unknown = e.data;
    if (typeof data === 'string') issue.value = data.length > 200 ? data.slice(0, 199) + '…' : data;
    else if (typeof data === 'number' || typeof data === 'boolean') issue.value = String(data);
    issues.push(issue);
  }
  return issues;
}
