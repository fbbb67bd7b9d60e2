// What the JSON-endpoint fault tests share: a fault (the check it breaks, the answer that breaks
// it) and the assertion that a report fails that check and no other json.* check.

import { expect } from 'vitest';
import type { CheckId } from '../../src/conformance/checks.js';
import type { ConformanceReport } from '../../src/conformance/types.js';
import type { JsonReply, JsonRequest } from '../protocols/helpers/json-server.js';

/** A fault: the check it breaks, and whether the endpoint is then unreadable (outcome unreachable). */
export interface JsonFault {
  check: CheckId;
  breaks: string;
  fault: (req: JsonRequest, origin: string) => JsonReply | undefined;
  fatal?: boolean;
  /** The outcome when not fatal: a warning-level failure still passes. @default 'fail' */
  outcome?: 'pass' | 'fail';
}

/** The json.* checks that fail in a report, sorted. */
export function failingJson(report: ConformanceReport): string[] {
  return report.checks.filter((c) => c.status === 'fail' && c.id.startsWith('json.')).map((c) => c.id).sort();
}

/** The fault's check fails, and no other json.* check but json.responds when the fault is fatal; the outcome follows. */
export function expectOnlyItsCheckFails(report: ConformanceReport, f: JsonFault): void {
  expect(failingJson(report), JSON.stringify(report.checks.filter((c) => c.status === 'fail'))).toEqual(f.fatal && f.check !== 'json.responds' ? [f.check, 'json.responds'].sort() : [f.check]);
  expect(report.summary.outcome).toBe(f.fatal ? 'unreachable' : (f.outcome ?? 'fail'));
}
