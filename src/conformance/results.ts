// Collects findings per check while a check runs, then turns them into CheckResults in the
// catalogue's order. Pure: no I/O.

import { CHECKS, checkDefinition, type CheckId } from './checks.js';
import type { CheckResult, Finding } from './types.js';

/** At most this many findings are kept per check (the count of the rest is noted). */
const MAX_FINDINGS_PER_CHECK = 20;

export interface ResultCollector {
  /** The check was run (it passes unless a finding is added). */
  ran(id: CheckId, note?: string): void;
  /** A failure of the check; the finding's severity defaults to the check's. */
  fail(id: CheckId, finding: Omit<Finding, 'severity'> & { severity?: Finding['severity'] }): void;
  /** The check could not be run here, and why. Ignored when the check already ran. */
  skip(id: CheckId, reason: string): void;
  has(id: CheckId): boolean;
  /** Results of every check that ran or was skipped, in catalogue order. */
  results(): CheckResult[];
}

export function createResultCollector(): ResultCollector {
  const state = new Map<string, { status: 'ran' | 'skip'; note?: string; findings: Finding[]; dropped: number }>();
  const entry = (id: CheckId) => {
    let e = state.get(id);
    if (!e || e.status === 'skip') {
      e = { status: 'ran', findings: e?.findings ?? [], dropped: 0 };
      state.set(id, e);
    }
    return e;
  };
  return {
    ran(id, note) {
      const e = entry(id);
      if (note !== undefined && e.note === undefined) e.note = note;
    },
    fail(id, finding) {
      const e = entry(id);
      if (e.findings.length >= MAX_FINDINGS_PER_CHECK) {
        e.dropped++;
        return;
      }
      e.findings.push({ ...finding, severity: finding.severity ?? checkDefinition(id).severity });
    },
    skip(id, reason) {
      if (!state.has(id)) state.set(id, { status: 'skip', note: reason, findings: [], dropped: 0 });
    },
    has(id) {
      return state.has(id);
    },
    results() {
      const out: CheckResult[] = [];
      for (const def of CHECKS) {
        const e = state.get(def.id);
        if (!e) continue;
        const status = e.status === 'skip' ? 'skip' : e.findings.length > 0 ? 'fail' : 'pass';
        const result: CheckResult = { ...def, status, findings: e.findings };
        const note = e.dropped > 0 ? `${e.dropped} more findings not shown` : e.note;
        if (note !== undefined) result.note = note;
        out.push(result);
      }
      return out;
    },
  };
}
