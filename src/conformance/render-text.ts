// The terminal rendering of a conformance report: summary first, then the findings grouped by
// check (each with what was sent, what came back and the fix), then the record measurements.
// Pure: report in, text out.

import type { CheckResult, ConformanceReport, FormatReport } from './types.js';

const pct = (n: number, of: number): string => (of === 0 ? '-' : `${Math.round((100 * n) / of)}%`);

function kb(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function renderCheck(c: CheckResult): string {
  const lines = [`[${c.severity.toUpperCase()}] ${c.id}: ${c.title} (${c.section})`];
  for (const f of c.findings) {
    lines.push(`  - ${f.severity !== c.severity ? `(${f.severity}) ` : ''}${f.message}`);
    if (f.request) lines.push(`      sent: ${f.request.url}`);
    if (f.response) lines.push(`      got:  HTTP ${f.response.status} ${f.response.contentType || '(no content type)'}, ${kb(f.response.bytes)} in ${f.response.elapsedMs} ms`);
    if (f.recordIds?.length) lines.push(`      records: ${f.recordIds.join(', ')}`);
  }
  if (c.note) lines.push(`  (${c.note})`);
  lines.push(`  fix: ${c.fix}`);
  return lines.join('\n');
}

function renderFormat(f: FormatReport): string {
  const live = f.sampled - f.deleted;
  const sv = f.schemaValidation;
  const schema = sv.schema ? `${sv.validated - sv.invalid}/${sv.validated} valid against ${sv.schema}${sv.origin ? ` (${sv.origin})` : ''}` : 'no XML Schema bundled or supplied';
  const lines = [
    `${f.metadataPrefix}${f.format && f.format !== f.metadataPrefix ? ` (${f.format})` : ''}: score ${f.score} (${f.readiness}); ${plural(f.sampled, 'record')} read, ${f.deleted} deleted, ${f.valid}/${live} valid in the record model (${pct(f.valid, live)}); ${schema}`,
  ];
  const rows = f.fields.map((c) => [c.field, `${pct(c.present, live)}`, c.good === undefined ? '' : `${pct(c.good, c.present)} ${c.quality}`]);
  const w0 = Math.max(5, ...rows.map((r) => (r[0] as string).length));
  lines.push(`  ${'field'.padEnd(w0)}  coverage  quality`);
  for (const r of rows) lines.push(`  ${(r[0] as string).padEnd(w0)}  ${(r[1] as string).padStart(8)}  ${r[2]}`.trimEnd());
  if (f.issues.length) {
    lines.push('  issues (records affected, examples):');
    for (const i of f.issues.slice(0, 15)) lines.push(`    ${i.code} [${i.severity}] ${i.count}: ${i.examples.join(', ')}`);
    if (f.issues.length > 15) lines.push(`    ... ${f.issues.length - 15} more codes (see --json)`);
  }
  for (const e of sv.examples) lines.push(`  schema: ${e.recordId}: ${e.message}`);
  return lines.join('\n');
}

export function renderTextReport(report: ConformanceReport): string {
  const s = report.summary;
  const out: string[] = [];
  const name = report.target.repositoryName ? ` (${report.target.repositoryName})` : '';
  out.push(`entente check: ${report.target.url}${name}`);
  const verdict = s.outcome === 'unreachable' ? 'NOT CHECKED' : s.outcome === 'pass' ? 'PASS' : 'FAIL';
  const score = s.score !== undefined ? `; record score ${s.score} (${s.readiness})` : '';
  out.push(`${verdict}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'note')}; checks ${s.checks.passed} passed, ${s.checks.failed} failed, ${s.checks.skipped} skipped${score}`);
  const t = report.timings;
  out.push(`${plural(t.requests, 'request')}, median ${t.medianMs} ms, 95th percentile ${t.p95Ms} ms, slowest ${t.maxMs} ms; ${(report.durationMs / 1000).toFixed(1)} s in all`);
  if (report.fatal) out.push('', `The endpoint could not be checked: ${report.fatal.message}`, `  code: ${report.fatal.code}`, `  what to do: ${report.fatal.hint}`);

  const failed = report.checks.filter((c) => c.status === 'fail');
  const order = { error: 0, warning: 1, info: 2 } as const;
  failed.sort((a, b) => order[a.severity] - order[b.severity]);
  if (failed.length) {
    out.push('', 'Findings');
    for (const c of failed) out.push(renderCheck(c), '');
    out.pop();
  }
  if (report.records?.formats.length) {
    out.push('', `Records (${report.records.sampleSize !== undefined ? `a sample of up to ${report.records.sampleSize} per format` : 'every record'}; ready >= ${report.records.thresholds.ready}, usable >= ${report.records.thresholds.usable})`);
    for (const f of report.records.formats) out.push(renderFormat(f));
  }
  const skipped = report.checks.filter((c) => c.status === 'skip');
  if (skipped.length) {
    out.push('', 'Skipped');
    for (const c of skipped) out.push(`  ${c.id}: ${c.note ?? ''}`);
  }
  const passed = report.checks.filter((c) => c.status === 'pass');
  if (passed.length) out.push('', `Passed: ${passed.map((c) => c.id).join(', ')}`);
  return out.join('\n') + '\n';
}
