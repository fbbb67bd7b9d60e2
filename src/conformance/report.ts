// Builds the conformance report from check results, record measurements and timings, and
// decides the outcome and exit code. Pure: no I/O.

import { VERSION } from '../version.js';
import { READINESS_THRESHOLDS, readinessOf } from './record-checks.js';
import type { CheckResult, ConformanceReport, FormatReport, ReportSummary, Severity, TimingSummary } from './types.js';

export interface BuildReportInput {
  target: ConformanceReport['target'];
  checkedAt: string;
  durationMs: number;
  checks: CheckResult[];
  formats?: FormatReport[];
  sampleSize?: number;
  /** Response times of every request, in ms. */
  timesMs: number[];
  fatal?: ConformanceReport['fatal'];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export function summariseTimes(timesMs: number[]): TimingSummary {
  const sorted = [...timesMs].sort((a, b) => a - b);
  return { requests: sorted.length, medianMs: Math.round(percentile(sorted, 50)), p95Ms: Math.round(percentile(sorted, 95)), maxMs: Math.round(sorted[sorted.length - 1] ?? 0) };
}

/** Findings counted by severity, over failed checks. */
export function countFindings(checks: CheckResult[]): Record<Severity, number> {
  const n: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const c of checks) for (const f of c.findings) n[f.severity]++;
  return n;
}

export function buildReport(input: BuildReportInput): ConformanceReport {
  const n = countFindings(input.checks);
  const summary: ReportSummary = {
    outcome: input.fatal ? 'unreachable' : n.error > 0 ? 'fail' : 'pass',
    errors: n.error,
    warnings: n.warning,
    infos: n.info,
    checks: {
      passed: input.checks.filter((c) => c.status === 'pass').length,
      failed: input.checks.filter((c) => c.status === 'fail').length,
      skipped: input.checks.filter((c) => c.status === 'skip').length,
    },
  };
  const scored = (input.formats ?? []).filter((f) => f.sampled - f.deleted > 0);
  if (scored.length > 0) {
    summary.score = Math.min(...scored.map((f) => f.score));
    summary.readiness = readinessOf(summary.score);
  }
  const report: ConformanceReport = {
    reportVersion: 1,
    tool: { name: 'entente', version: VERSION },
    target: input.target,
    checkedAt: input.checkedAt,
    durationMs: Math.round(input.durationMs),
    summary,
    checks: input.checks,
    timings: summariseTimes(input.timesMs),
  };
  if (input.fatal) report.fatal = input.fatal;
  if (input.formats) {
    report.records = { thresholds: { ...READINESS_THRESHOLDS }, formats: input.formats };
    if (input.sampleSize !== undefined) report.records.sampleSize = input.sampleSize;
  }
  return report;
}

/**
 * The exit code for an archive's CI: 0 no errors, 1 errors found (or warnings with
 * failOn 'warning'), 2 the endpoint could not be checked.
 */
export function exitCodeFor(report: ConformanceReport, failOn: 'error' | 'warning' = 'error'): 0 | 1 | 2 {
  if (report.summary.outcome === 'unreachable') return 2;
  if (report.summary.errors > 0) return 1;
  if (failOn === 'warning' && report.summary.warnings > 0) return 1;
  return 0;
}
