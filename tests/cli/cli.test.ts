// The CLI in-process, with captured output: help, exit codes, harvest --url, status, export.

import { writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/cli/export.js';
import type { Io } from '../../src/cli/output.js';
import { createOaiProvider } from '../../src/provider/oai-provider.js';
import { cli } from '../helpers/cli.js';
import { startFaultServer, type FaultServer } from '../helpers/fault-server.js';
import { syntheticRecords } from '../helpers/synthetic.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let server: FaultServer;
let broken: FaultServer;

beforeAll(async () => {
  const provider = createOaiProvider({
    repositoryName: 'CLI archive',
    adminEmail: 'a@example.org',
    granularity: 'YYYY-MM-DD',
    deletedRecord: 'transient',
    pageSize: 10,
    records: syntheticRecords(25),
    sets: [{ setSpec: 'a', setName: 'A' }, { setSpec: 'b', setName: 'B' }],
  });
  server = await startFaultServer(provider);
  broken = await startFaultServer(provider, () => ({ kind: 'status', status: 404, body: 'Not Found' }));
});
afterAll(async () => {
  await server.close();
  await broken.close();
  dir.remove();
});

describe('entente CLI', () => {
  it('lists its commands in --help', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    for (const c of ['harvest', 'export', 'status', 'demo', 'identify', 'formats', 'sets', 'record']) expect(out).toContain(c);
  });

  it('harvests an ad-hoc --url and prints a JSON summary', async () => {
    const db = dir.file('adhoc.sqlite');
    const { code, out } = await cli('harvest', '--url', server.url, '--id', 'adhoc', '--db', db, '--json', '--set', 'a');
    expect(code).toBe(0);
    const summary = JSON.parse(out) as { ok: boolean; sources: { source: string; records: number; outcome: string }[] };
    expect(summary.ok).toBe(true);
    expect(summary.sources[0]).toMatchObject({ source: 'adhoc', outcome: 'ok', records: 12 });
  });

  it('harvests an ad-hoc --url one record at a time with --records-via GetRecord', async () => {
    const db = dir.file('getrecord.sqlite');
    const before = server.requests.length;
    const { code, out } = await cli('harvest', '--url', server.url, '--id', 'each', '--db', db, '--json', '--set', 'a', '--records-via', 'GetRecord');
    expect(code).toBe(0);
    expect((JSON.parse(out) as { sources: { records: number }[] }).sources[0]?.records).toBe(12);
    const verbs = server.requests.slice(before).map((r) => r.params.get('verb'));
    expect(verbs).toContain('ListIdentifiers');
    expect(verbs).toContain('GetRecord');
    expect(verbs).not.toContain('ListRecords');
    const wrong = await cli('harvest', '--url', server.url, '--protocol', 'iiif-collection', '--records-via', 'GetRecord', '--db', db);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/--records-via applies to OAI-PMH only/);
  });

  it('says a second run is incremental, in status too', async () => {
    const db = dir.file('inc.sqlite');
    await cli('harvest', '--url', server.url, '--id', 'inc', '--db', db, '--quiet');
    const second = await cli('harvest', '--url', server.url, '--id', 'inc', '--db', db);
    expect(second.code).toBe(0);
    expect(second.err).toMatch(/incremental harvest \(from \d{4}-\d{2}-\d{2}\)/);
    expect(second.out).toMatch(/inc\s+incremental\s+ok\s+25/);
    const status = await cli('status', '--db', db, '--json');
    const parsed = JSON.parse(status.out) as { sources: { id: string; live: number; lastRun: { mode: string } }[] };
    expect(parsed.sources[0]).toMatchObject({ id: 'inc', live: 25, lastRun: { mode: 'incremental' } });
  });

  it('exits 1 and says why when a source fails', async () => {
    const { code, err } = await cli('harvest', '--url', broken.url, '--id', 'broken', '--db', dir.file('broken.sqlite'));
    expect(code).toBe(1);
    expect(err).toMatch(/broken: harvest failed: HTTP 404/);
    expect(err).toMatch(/code: ERR_HTTP_STATUS/);
  });

  it('exits 2 on an unknown source or an invalid config, naming the JSON path', async () => {
    const good = dir.file('good.json');
    writeFileSync(good, JSON.stringify({ sources: [{ id: 'maps', protocol: 'oai-pmh', url: server.url }] }));
    const unknown = await cli('harvest', 'nope', '--config', good, '--db', dir.file('x.sqlite'));
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/No source "nope".*known: maps/);
    const bad = dir.file('bad.json');
    writeFileSync(bad, JSON.stringify({ sources: [{ id: 'maps', protocol: 'oai-pmh' }] }));
    const invalid = await cli('harvest', '--config', bad);
    expect(invalid.code).toBe(2);
    expect(invalid.err).toMatch(/\$\.sources\[0\]: missing required property "url"/);
  });

  it('exports live records as NDJSON, tombstones only on request', async () => {
    const db = dir.file('export.sqlite');
    await cli('harvest', '--url', server.url, '--id', 'exp', '--db', db, '--quiet');
    let text = '';
    const sink = new Writable({ write(chunk, _enc, cb) { text += String(chunk); cb(); } });
    const io: Io = { out: () => {}, err: () => {}, isTTY: false };
    expect(await exportCommand({ db, source: 'exp' }, io, sink)).toBe(0);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { id: string; source: { id: string } });
    expect(lines).toHaveLength(25);
    expect(new Set(lines.map((l) => l.id)).size).toBe(25);
    expect(lines.every((l) => l.source.id === 'exp')).toBe(true);
  });

  it('asks a repository directly: identify, formats, sets', async () => {
    const identify = await cli('identify', server.url);
    expect(JSON.parse(identify.out)).toMatchObject({ repositoryName: 'CLI archive', granularity: 'YYYY-MM-DD' });
    expect((await cli('formats', server.url)).out).toMatch(/oai_dc/);
    expect((await cli('sets', server.url)).out).toMatch(/a\s+A/);
  });
});

describe('finding records by issue', () => {
  it('counts issue codes in status --issues and exports only the records that carry one', async () => {
    const records = syntheticRecords(6);
    records[2] = { ...records[2]!, metadata: { oai_dc: '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:date>ca. 1890</dc:date></oai_dc:dc>' } };
    const provider = createOaiProvider({ repositoryName: 'Issues', adminEmail: 'a@example.org', granularity: 'YYYY-MM-DD', deletedRecord: 'no', pageSize: 10, records });
    const local = await startFaultServer(provider);
    const db = dir.file('issues.sqlite');
    expect((await cli('harvest', '--url', local.url, '--id', 'iss', '--db', db, '--quiet')).code).toBe(0);
    const status = JSON.parse((await cli('status', '--db', db, '--json', '--issues')).out) as { sources: { invalid: number; issues: { code: string; count: number }[] }[] };
    expect(status.sources[0]?.invalid).toBe(1);
    expect(status.sources[0]?.issues).toContainEqual({ code: 'SCHEMA_MINITEMS', severity: 'error', count: 1 });
    let text = '';
    const sink = new Writable({ write(chunk, _enc, cb) { text += String(chunk); cb(); } });
    await exportCommand({ db, issue: 'SCHEMA_MINITEMS' }, { out: () => {}, err: () => {}, isTTY: false }, sink);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { source: { localId: string } });
    expect(lines.map((l) => l.source.localId)).toEqual(['oai:synthetic:2']);
    await local.close();
  });
});

describe('the catalogue path from the config', () => {
  it('is used by harvest, status and export alike', async () => {
    const config = dir.file('with-catalogue.json');
    const db = dir.file('from-config.sqlite');
    writeFileSync(config, JSON.stringify({ catalogue: db, sources: [{ id: 'cfg', protocol: 'oai-pmh', url: server.url }] }));
    expect((await cli('harvest', '--config', config, '--quiet')).code).toBe(0);
    const status = await cli('status', '--config', config, '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject({ catalogue: db, sources: [{ id: 'cfg', live: 25 }] });
  });

  it('refuses an invalid config with exit 2, not a stack trace', async () => {
    const bad = dir.file('bad-status.json');
    writeFileSync(bad, JSON.stringify({ sources: [{ id: 'x' }] }));
    const { code, err } = await cli('status', '--config', bad);
    expect(code).toBe(2);
    expect(err).toMatch(/ERR_CONFIG_INVALID/);
  });
});
