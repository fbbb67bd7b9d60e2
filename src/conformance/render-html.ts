// The HTML rendering of a conformance report: one self-contained page (inline CSS and SVG, no
// scripts, no external assets) with the summary, charts of field coverage and issue counts, and
// the findings. Pure: report in, HTML out; every value from the report is escaped.

import type { CheckResult, ConformanceReport, FormatReport } from './types.js';

function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const COLOURS = { error: '#b42318', warning: '#b54708', info: '#475467', pass: '#067647', bar: '#2e90fa', good: '#067647' } as const;

/** Horizontal bars: one row per item, value out of `max`, with a label and the figure. */
function barChart(title: string, rows: { label: string; value: number; max: number; colour: string; overlay?: number; text: string }[]): string {
  const rowH = 22;
  const labelW = 190;
  const barW = 360;
  const h = rows.length * rowH + 30;
  const parts = [`<svg role="img" aria-label="${esc(title)}" width="${labelW + barW + 120}" height="${h}" viewBox="0 0 ${labelW + barW + 120} ${h}" xmlns="http://www.w3.org/2000/svg">`];
  parts.push(`<text x="0" y="16" font-size="13" font-weight="bold">${esc(title)}</text>`);
  rows.forEach((r, i) => {
    const y = 28 + i * rowH;
    const w = r.max > 0 ? Math.round((barW * r.value) / r.max) : 0;
    parts.push(`<text x="0" y="${y + 14}" font-size="12">${esc(r.label)}</text>`);
    parts.push(`<rect x="${labelW}" y="${y + 3}" width="${barW}" height="14" fill="#eaecf0"/>`);
    parts.push(`<rect x="${labelW}" y="${y + 3}" width="${w}" height="14" fill="${r.colour}"><title>${esc(r.text)}</title></rect>`);
    if (r.overlay !== undefined && r.max > 0) {
      parts.push(`<rect x="${labelW}" y="${y + 13}" width="${Math.round((barW * r.overlay) / r.max)}" height="4" fill="${COLOURS.good}"/>`);
    }
    parts.push(`<text x="${labelW + barW + 8}" y="${y + 14}" font-size="12">${esc(r.text)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function formatSection(f: FormatReport): string {
  const live = f.sampled - f.deleted;
  const coverage = barChart(
    `Field coverage, ${f.metadataPrefix} (green underline: values of good quality)`,
    f.fields.map((c) => ({
      label: c.field,
      value: c.present,
      max: live,
      colour: COLOURS.bar,
      ...(c.good !== undefined ? { overlay: c.good } : {}),
      text: `${live ? Math.round((100 * c.present) / live) : 0}%${c.good !== undefined && c.present ? `, ${Math.round((100 * c.good) / c.present)}% good` : ''}`,
    })),
  );
  const top = f.issues.slice(0, 15);
  const maxIssue = Math.max(1, ...top.map((i) => i.count));
  const issues = top.length
    ? barChart(`Issue codes, ${f.metadataPrefix} (records affected)`, top.map((i) => ({ label: i.code, value: i.count, max: maxIssue, colour: COLOURS[i.severity], text: `${i.count} (${i.severity})` })))
    : '<p>No issues.</p>';
  const issueRows = f.issues
    .map((i) => `<tr><td><code>${esc(i.code)}</code></td><td class="${i.severity}">${esc(i.severity)}</td><td class="n">${i.count}</td><td>${i.examples.map(esc).join('<br>')}</td></tr>`)
    .join('');
  const sv = f.schemaValidation;
  const schema = sv.schema
    ? `${sv.validated - sv.invalid} of ${sv.validated} valid against <code>${esc(sv.schema)}</code>${sv.origin ? ` (${sv.origin === 'supplied' ? 'supplied with --schema' : 'bundled'})` : ''}`
    : 'no XML Schema bundled or supplied for this format';
  return `<section><h3>${esc(f.metadataPrefix)}: score ${f.score} <span class="badge ${f.readiness.replace(' ', '-')}">${esc(f.readiness)}</span></h3>
<p>${f.sampled} records read (${f.deleted} deleted); ${f.valid} of ${live} valid in the record model; ${schema}.</p>
${sv.examples.length ? `<ul>${sv.examples.map((e) => `<li><code>${esc(e.recordId)}</code>: ${esc(e.message)}</li>`).join('')}</ul>` : ''}
<div class="charts">${coverage}${issues}</div>
${issueRows ? `<table><thead><tr><th>issue</th><th>severity</th><th>records</th><th>examples</th></tr></thead><tbody>${issueRows}</tbody></table>` : ''}
</section>`;
}

function checkBlock(c: CheckResult): string {
  const findings = c.findings
    .map(
      (f) => `<li><span class="${f.severity}">${esc(f.severity)}</span> ${esc(f.message)}
${f.request ? `<div class="io">sent: <code>${esc(f.request.url)}</code></div>` : ''}
${f.response ? `<div class="io">got: HTTP ${f.response.status} ${esc(f.response.contentType)}, ${f.response.bytes} bytes in ${f.response.elapsedMs} ms<pre>${esc(f.response.excerpt)}</pre></div>` : ''}
${f.recordIds?.length ? `<div class="io">records: ${f.recordIds.map(esc).join(', ')}</div>` : ''}</li>`,
    )
    .join('');
  return `<article class="check ${c.status}"><h3><span class="${c.status === 'fail' ? c.severity : c.status}">${c.status === 'fail' ? esc(c.severity) : esc(c.status)}</span> <code>${esc(c.id)}</code> ${esc(c.title)}</h3>
<p class="section">${esc(c.section)}${c.note ? ` · ${esc(c.note)}` : ''}</p>
${findings ? `<ul>${findings}</ul><p class="fix"><strong>Fix:</strong> ${esc(c.fix)}</p>` : ''}</article>`;
}

export function renderHtmlReport(report: ConformanceReport): string {
  const s = report.summary;
  const verdict = s.outcome === 'unreachable' ? 'not checked' : s.outcome;
  const failed = report.checks.filter((c) => c.status === 'fail');
  const others = report.checks.filter((c) => c.status !== 'fail');
  const summaryChart = barChart('Checks', [
    { label: 'passed', value: s.checks.passed, max: report.checks.length || 1, colour: COLOURS.pass, text: String(s.checks.passed) },
    { label: 'failed', value: s.checks.failed, max: report.checks.length || 1, colour: COLOURS.error, text: String(s.checks.failed) },
    { label: 'skipped', value: s.checks.skipped, max: report.checks.length || 1, colour: COLOURS.info, text: String(s.checks.skipped) },
  ]);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conformance report: ${esc(report.target.repositoryName ?? report.target.url)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#101828}
h1{font-size:1.5rem}h2{margin-top:2rem;border-bottom:1px solid #eaecf0}h3{font-size:1rem;margin:.5rem 0}
code{font-family:ui-monospace,monospace;font-size:.9em}pre{white-space:pre-wrap;background:#f9fafb;padding:.4rem;font-size:.8rem;max-height:8rem;overflow:auto}
.error{color:${COLOURS.error};font-weight:bold}.warning{color:${COLOURS.warning};font-weight:bold}.info,.skip{color:${COLOURS.info}}.pass{color:${COLOURS.pass}}
.verdict{font-size:1.3rem;font-weight:bold;text-transform:uppercase}.verdict.fail,.verdict.not-checked{color:${COLOURS.error}}.verdict.pass{color:${COLOURS.pass}}
.badge{padding:.1rem .5rem;border-radius:1rem;font-size:.85rem;background:#eaecf0}.badge.ready{background:#dcfae6}.badge.usable{background:#fef0c7}.badge.needs-work{background:#fee4e2}
.check{border-left:4px solid #eaecf0;padding:.2rem .8rem;margin:.6rem 0}.check.fail{border-color:${COLOURS.error}}.check.pass{border-color:${COLOURS.pass}}
.section{color:#475467;margin:0}.io{color:#475467;font-size:.9em}.fix{background:#f0f9ff;padding:.3rem .5rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border-bottom:1px solid #eaecf0;padding:.2rem .6rem;text-align:left;vertical-align:top}.n{text-align:right}
.charts svg{display:block;margin:.8rem 0;max-width:100%;height:auto}
</style></head><body>
<h1>Conformance report: ${esc(report.target.repositoryName ?? '')} <code>${esc(report.target.url)}</code></h1>
<p class="verdict ${verdict.replace(' ', '-')}">${esc(verdict)}</p>
<p>${s.errors} errors, ${s.warnings} warnings, ${s.infos} notes; checks ${s.checks.passed} passed, ${s.checks.failed} failed, ${s.checks.skipped} skipped${s.score !== undefined ? `; record score <strong>${s.score}</strong> <span class="badge ${esc((s.readiness ?? '').replace(' ', '-'))}">${esc(s.readiness ?? '')}</span>` : ''}.</p>
<p>Checked ${esc(report.checkedAt)} by entente ${esc(report.tool.version)} in ${(report.durationMs / 1000).toFixed(1)} s: ${report.timings.requests} requests, median ${report.timings.medianMs} ms, slowest ${report.timings.maxMs} ms.${report.target.sourceId ? ` Source <code>${esc(report.target.sourceId)}</code>.` : ''}</p>
${report.fatal ? `<p class="error">${esc(report.fatal.message)} (${esc(report.fatal.code)}). ${esc(report.fatal.hint)}</p>` : ''}
<div class="charts">${summaryChart}</div>
<h2>Findings</h2>
${failed.length ? failed.map(checkBlock).join('\n') : '<p>No check failed.</p>'}
${report.records ? `<h2>Records</h2><p>${report.records.sampleSize !== undefined ? `A sample of up to ${report.records.sampleSize} records per format` : 'Every record'}; a format is ready at a score of ${report.records.thresholds.ready} or more, usable at ${report.records.thresholds.usable} or more.</p>${report.records.formats.map(formatSection).join('\n')}` : ''}
<h2>Other checks</h2>
${others.map(checkBlock).join('\n')}
</body></html>
`;
}
