// The outputs of a check: JSON valid against schemas/report.schema.json, the terminal report
// (summary first), the self-contained HTML page, exit codes, storage in the catalogue, the CLI.

import { existsSync, readFileSync } from 'node:fs';
import { validateReport } from '../helpers/report-schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalogue } from '../../src/catalogue/catalogue.js';
import { checkEndpoint } from '../../src/conformance/check-endpoint.js';
import { renderHtmlReport } from '../../src/conformance/render-html.js';
import { renderTextReport } from '../../src/conformance/render-text.js';
import { exitCodeFor } from '../../src/conformance/report.js';
import { latestReportSummary, readReport, reportHistory, saveReport } from '../../src/conformance/store.js';
import type { ConformanceReport } from '../../src/conformance/types.js';
import { cli } from '../helpers/cli.js';
import { NOTHING_LISTENS } from '../helpers/listen.js';
import { tempDir } from '../helpers/tmp.js';
import { correctOptions, rewrite, startFaultRepository, verbIs, type FaultRepository } from './fault-repository.js';

const validate = validateReport;

let good: FaultRepository;
let bad: FaultRepository;
let goodReport: ConformanceReport;
let badReport: ConformanceReport;
let unreachable: ConformanceReport;
const tmp = tempDir('entente-check-');

beforeAll(async () => {
  good = await startFaultRepository();
  // One error (deletedRecord "sometimes") and one warning (a list without its final empty token).
  bad = await startFaultRepository(correctOptions(), (p, real, method) => {
    if (p.get('verb') === 'Identify') return rewrite(verbIs('Identify'), (b) => b.replace('<deletedRecord>persistent<', '<deletedRecord>sometimes<'))(p, real, method);
    return rewrite((q) => q.get('verb') === 'ListRecords', (b) => b.replace(/<resumptionToken[^>]*\/>/, ''))(p, real, method);
  });
  goodReport = await checkEndpoint({ url: good.url, schemaValidation: true });
  badReport = await checkEndpoint({ url: bad.url, schemaValidation: false });
  unreachable = await checkEndpoint({ url: NOTHING_LISTENS, schemaValidation: false });
});

afterAll(async () => {
  await good.close();
  await bad.close();
  tmp.remove();
});

describe('the JSON report', () => {
  it('validates against schemas/report.schema.json (passing, failing and unreachable endpoints)', () => {
    for (const report of [goodReport, badReport, unreachable]) {
      const ok = validate(JSON.parse(JSON.stringify(report)));
      expect(validate.errors ?? [], report.target.url).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('is refused by the schema when a field is wrong (the schema can fail)', () => {
    const broken = JSON.parse(JSON.stringify(goodReport)) as Record<string, unknown>;
    (broken.summary as Record<string, unknown>).outcome = 'excellent';
    expect(validate(broken)).toBe(false);
  });

  it('summarises findings by severity', () => {
    expect(goodReport.summary).toMatchObject({ outcome: 'pass', errors: 0, warnings: 0 });
    expect(badReport.summary.outcome).toBe('fail');
    expect(badReport.summary.errors).toBe(1);
    expect(badReport.summary.warnings).toBe(1);
    expect(unreachable.summary.outcome).toBe('unreachable');
  });
});

describe('exit codes', () => {
  it('are 0 without errors, 1 with errors, 2 when the endpoint could not be checked', () => {
    expect(exitCodeFor(goodReport)).toBe(0);
    expect(exitCodeFor(badReport)).toBe(1);
    expect(exitCodeFor(unreachable)).toBe(2);
  });

  it('turn warnings into a failure with --fail-on warning', () => {
    const warningsOnly: ConformanceReport = { ...badReport, summary: { ...badReport.summary, errors: 0, outcome: 'pass' } };
    expect(exitCodeFor(warningsOnly, 'error')).toBe(0);
    expect(exitCodeFor(warningsOnly, 'warning')).toBe(1);
  });
});

describe('the terminal report', () => {
  it('puts the verdict first, then each finding with its fix', () => {
    const text = renderTextReport(badReport);
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/^FAIL: 1 error, 1 warning/);
    const errorAt = text.indexOf('[ERROR] identify.deleted-record');
    const warningAt = text.indexOf('[WARNING] list.final-token');
    expect(errorAt).toBeGreaterThan(0);
    expect(warningAt).toBeGreaterThan(errorAt);
    expect(text).toContain('fix: Declare deletedRecord as no, transient or persistent');
    expect(text).toContain(`sent: ${bad.url}?verb=Identify`);
  });

  it('says why an unreachable endpoint was not checked', () => {
    const text = renderTextReport(unreachable);
    expect(text.split('\n')[1]).toMatch(/^NOT CHECKED/);
    expect(text).toContain('The endpoint could not be checked');
  });
});

describe('the HTML report', () => {
  it('is one self-contained page with the summary, charts and findings', () => {
    const report: ConformanceReport = JSON.parse(JSON.stringify(badReport)) as ConformanceReport;
    report.records?.formats[0]?.issues.push({ code: 'DATE_UNPARSEABLE', severity: 'warning', count: 4, examples: ['oai:x:1'] });
    const html = renderHtmlReport(report);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    // No external assets: no scripts, stylesheets or images fetched from anywhere.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(/i);
    expect(html).toContain('identify.deleted-record');
    expect(html.match(/<svg /g)?.length).toBe(3); // checks, field coverage, issue counts
    expect(html).toContain('Field coverage, oai_dc');
    expect(html).toContain('Issue codes, oai_dc');
    expect(html).toContain('DATE_UNPARSEABLE');
  });

  it('escapes what the repository sent', () => {
    const report: ConformanceReport = JSON.parse(JSON.stringify(badReport)) as ConformanceReport;
    report.target.repositoryName = '<script>alert(1)</script>';
    expect(renderHtmlReport(report)).not.toContain('<script>alert(1)</script>');
  });
});

describe('storage in the catalogue', () => {
  it('keeps each report and gives the latest summary per source', () => {
    const catalogue = openCatalogue(tmp.file('store.sqlite'));
    try {
      expect(latestReportSummary(catalogue.db, 'maps')).toBeUndefined();
      const first = saveReport(catalogue.db, 'maps', badReport);
      const second = saveReport(catalogue.db, 'maps', goodReport);
      expect(second).toBeGreaterThan(first);
      expect(latestReportSummary(catalogue.db, 'maps')).toMatchObject({ id: second, sourceId: 'maps', summary: { outcome: 'pass' } });
      expect(reportHistory(catalogue.db, 'maps').map((r) => r.summary.outcome)).toEqual(['pass', 'fail']);
      expect(readReport(catalogue.db, first)?.summary.errors).toBe(1);
      expect(latestReportSummary(catalogue.db, 'other')).toBeUndefined();
    } finally {
      catalogue.close();
    }
  });
});

describe('entente check', () => {
  it('checks a base URL without config or catalogue and prints JSON', async () => {
    const run = await cli('check', good.url, '--json', '--sample', '20', '--no-schema', '--db', tmp.file('never.sqlite'));
    expect(run.code).toBe(0);
    const report = JSON.parse(run.out) as ConformanceReport;
    expect(validate(report)).toBe(true);
    expect(report.records?.sampleSize).toBe(20);
    expect(existsSync(tmp.file('never.sqlite'))).toBe(false);
  });

  it('exits 1 on errors, writes the HTML report, and exits 2 when the endpoint cannot be checked', async () => {
    const html = tmp.file('report.html');
    const failing = await cli('check', bad.url, '--html', html, '--no-schema');
    expect(failing.code).toBe(1);
    expect(failing.out).toMatch(/^entente check: /);
    expect(readFileSync(html, 'utf8')).toContain('identify.deleted-record');
    const down = await cli('check', unreachable.target.url, '--no-schema');
    expect(down.code).toBe(2);
  });

  it('stores the report of a configured source in the catalogue', async () => {
    const config = tmp.file('entente.config.json');
    const db = tmp.file('catalogue.sqlite');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(config, JSON.stringify({ catalogue: db, sources: [{ id: 'maps', protocol: 'oai-pmh', url: good.url, metadataPrefix: 'oai_dc' }] }));
    const run = await cli('check', '--source', 'maps', '--config', config, '--no-schema', '--sample', '10');
    expect(run.code).toBe(0);
    const catalogue = openCatalogue(db, { readonly: true });
    try {
      expect(latestReportSummary(catalogue.db, 'maps')?.summary.outcome).toBe('pass');
    } finally {
      catalogue.close();
    }
    const unknown = await cli('check', '--source', 'nope', '--config', config);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('ERR_SOURCE_UNKNOWN');
  });

  it('shows progress on a terminal only', async () => {
    const { captureIo } = await import('../helpers/cli.js');
    const { main } = await import('../../src/cli/main.js');
    let err = '';
    const code = await main(['node', 'entente', 'check', good.url, '--no-schema', '--sample', '10'], { out: () => {}, err: (t) => (err += t), isTTY: true });
    expect(code).toBe(0);
    expect(err).toContain('checking: Identify');
    expect(err).toMatch(/checking: ListRecords oai_dc \d+\/10 records/);
    const plain = await captureIo((io) => main(['node', 'entente', 'check', good.url, '--no-schema', '--sample', '10'], io));
    expect(plain.err).not.toContain('checking:');
  });

  it('refuses a call with neither a URL nor --source', async () => {
    const run = await cli('check');
    expect(run.code).toBe(2);
  });
});
