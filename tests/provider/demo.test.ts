import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoData, serialiseArchive, serialiseDuplicates } from '../../scripts/make-demo-data.js';
import { EntenteError } from '../../src/errors.js';
import { createOaiProvider, loadDemoArchives, startOaiServer, type DemoArchive, type ProviderRecord } from '../../src/provider/index.js';
import { childElements, parseXml, textOf, XML_NS, type XmlElement } from '../../src/xml/parse.js';
import { DC_NS, OAI_DC_NS, OAI_NS, harvestAll, oaiGet, recordsOf, tokenOf } from './oai-http.js';

const DEMO_DIR = new URL('../../data/demo/', import.meta.url);

interface Pair {
  archiveA: string;
  identifierA: string;
  archiveB: string;
  identifierB: string;
  evidence: string;
}

async function readPairs(): Promise<Pair[]> {
  const [, ...lines] = (await readFile(new URL('duplicates.csv', DEMO_DIR), 'utf8')).trim().split('\n');
  return lines.map((line) => {
    const [archiveA, identifierA, archiveB, identifierB, evidence] = line.split(',') as [string, string, string, string, string];
    return { archiveA, identifierA, archiveB, identifierB, evidence };
  });
}

/** dc elements of a record's oai_dc, by local name. */
function dcFields(record: ProviderRecord): Map<string, { value: string; lang: string | undefined }[]> {
  const { root } = parseXml(record.metadata.oai_dc as string);
  const out = new Map<string, { value: string; lang: string | undefined }[]>();
  for (const el of childElements(root, DC_NS)) {
    const list = out.get(el.name) ?? [];
    list.push({ value: textOf(el), lang: el.attrs[`{${XML_NS}}lang`] });
    out.set(el.name, list);
  }
  return out;
}

const values = (record: ProviderRecord, name: string): string[] => (dcFields(record).get(name) ?? []).map((f) => f.value);

function isbn13(value: string): string | undefined {
  const raw = value.replace(/^(ISBN\s*|urn:isbn:)/i, '').replace(/-/g, '');
  if (/^\d{13}$/.test(raw)) {
    const sum = [...raw.slice(0, 12)].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
    return (10 - (sum % 10)) % 10 === Number(raw[12]) ? raw : undefined;
  }
  if (/^\d{9}[\dX]$/.test(raw)) {
    const sum10 = [...raw].reduce((s, d, i) => s + (d === 'X' ? 10 : Number(d)) * (10 - i), 0);
    if (sum10 % 11 !== 0) return undefined;
    const body = '978' + raw.slice(0, 9);
    const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
    return body + ((10 - (sum % 10)) % 10);
  }
  return undefined;
}

function doiOf(value: string): string | undefined {
  const m = /^(?:https?:\/\/doi\.org\/|doi:)(10\.\S+)$/i.exec(value);
  return m?.[1]?.toLowerCase();
}

const years = (s: string): number[] => [...s.matchAll(/\b(1[0-9]{3}|20[0-9]{2})\b/g)].map((m) => Number(m[1]));

describe('demo archives', () => {
  let archives: DemoArchive[];
  let byId: Map<string, ProviderRecord>;

  beforeAll(async () => {
    archives = await loadDemoArchives();
    byId = new Map(archives.flatMap((a) => a.records.map((r) => [r.identifier, r] as const)));
  });

  it('loads two archives of the expected sizes, each file under 1 MB', async () => {
    expect(archives.map((a) => a.id)).toEqual(['lindenau-archive', 'westerhaven-maps']);
    const [lindenau, westerhaven] = archives as [DemoArchive, DemoArchive];
    expect(westerhaven.records.length).toBeGreaterThanOrEqual(280);
    expect(westerhaven.records.length).toBeLessThanOrEqual(320);
    expect(lindenau.records.length).toBeGreaterThanOrEqual(230);
    expect(lindenau.records.length).toBeLessThanOrEqual(270);
    for (const a of archives) expect((await stat(new URL(`${a.id}.json`, DEMO_DIR))).size).toBeLessThan(1_000_000);
    expect(westerhaven.granularity).toBe('YYYY-MM-DDThh:mm:ssZ');
    expect(lindenau.granularity).toBe('YYYY-MM-DD');
  });

  it('gives every live record well-formed oai_dc with a title, and every deleted one no metadata', () => {
    for (const a of archives) {
      for (const r of a.records) {
        if (r.deleted) {
          expect(r.metadata).toEqual({});
          continue;
        }
        const parsed = parseXml(r.metadata.oai_dc as string, { label: r.identifier });
        expect(parsed.warnings).toEqual([]);
        expect([parsed.root.ns, parsed.root.name]).toEqual([OAI_DC_NS, 'dc']);
        const children = childElements(parsed.root);
        expect(children.every((c) => c.ns === DC_NS)).toBe(true);
        expect(values(r, 'title').length).toBeGreaterThan(0);
        expect(values(r, 'identifier').some((v) => v.startsWith('http'))).toBe(true);
      }
    }
  });

  it('deletes about 3% of the records of each archive', () => {
    for (const a of archives) {
      const share = a.records.filter((r) => r.deleted).length / a.records.length;
      expect(share).toBeGreaterThanOrEqual(0.02);
      expect(share).toBeLessThanOrEqual(0.04);
    }
  });

  it('uses hierarchical sets in one archive and several sets per record in the other', () => {
    const [lindenau, westerhaven] = archives as [DemoArchive, DemoArchive];
    expect(lindenau.sets?.some((s) => s.setSpec.includes(':'))).toBe(true);
    expect(lindenau.records.filter((r) => r.sets.some((s) => s.startsWith('photographs:'))).length).toBeGreaterThan(100);
    expect(westerhaven.records.some((r) => r.sets.length > 1)).toBe(true);
    for (const a of archives) {
      expect(a.sets?.length).toBeGreaterThanOrEqual(3);
      expect(a.sets?.length).toBeLessThanOrEqual(5);
      const declared = new Set(a.sets?.map((s) => s.setSpec));
      for (const r of a.records) for (const s of r.sets) expect(declared.has(s)).toBe(true);
    }
  });

  it('describes records in several languages, with messy dates and both name orders', () => {
    const live = archives.flatMap((a) => a.records.filter((r) => !r.deleted));
    const langs = new Set(live.flatMap((r) => (dcFields(r).get('title') ?? []).map((f) => f.lang)));
    for (const l of ['en', 'fr', 'de', 'nl']) expect(langs.has(l)).toBe(true);
    const dates = live.flatMap((r) => values(r, 'date'));
    for (const pattern of [/^ca\. \d{4}$/, /^\d{4}-\d{4}$/, /^\[\d{4}\?\]$/, /century|siècle|Jh\./, /^\d{4}-\d{2}-\d{2}$/, /^(n\.d\.|s\.d\.|o\.J\.|z\.j\.)$/]) {
      expect(dates.some((d) => pattern.test(d)), String(pattern)).toBe(true);
    }
    const creators = live.flatMap((r) => values(r, 'creator'));
    expect(creators.some((c) => /^[^,]+, [^,]+, \d{4}-\d{4}$/.test(c))).toBe(true);
    expect(creators.some((c) => /^\p{Lu}\p{L}+ \p{Lu}[\p{L} ]+ \(\d{4}–\d{4}\)$/u.test(c))).toBe(true);
    const types = new Set(live.flatMap((r) => values(r, 'type')));
    for (const ty of ['Image', 'Text', 'photographie', 'Karte']) expect(types.has(ty), ty).toBe(true);
    const rights = live.flatMap((r) => values(r, 'rights'));
    expect(rights.some((v) => v.startsWith('http://rightsstatements.org/'))).toBe(true);
    expect(rights.some((v) => v.includes('creativecommons.org'))).toBe(true);
    expect(rights.some((v) => !v.startsWith('http'))).toBe(true);
  });

  it('lists duplicate pairs that point at live records, about a tenth of the second archive', async () => {
    const pairs = await readPairs();
    for (const p of pairs) {
      expect(byId.get(p.identifierA)?.deleted, p.identifierA).toBeUndefined();
      expect(byId.get(p.identifierB)?.deleted, p.identifierB).toBeUndefined();
      expect(byId.has(p.identifierA) && byId.has(p.identifierB)).toBe(true);
    }
    const cross = pairs.filter((p) => p.archiveA !== p.archiveB);
    const lindenau = archives.find((a) => a.id === 'lindenau-archive') as DemoArchive;
    const share = cross.length / lindenau.records.length;
    expect(share).toBeGreaterThanOrEqual(0.08);
    expect(share).toBeLessThanOrEqual(0.12);
    expect(new Set(cross.map((p) => p.identifierB)).size).toBe(cross.length);
  });

  it('shares an ISBN or a DOI, differently written, where the answer key says so', async () => {
    const pairs = (await readPairs()).filter((p) => p.evidence === 'isbn' || p.evidence === 'doi');
    expect(pairs.filter((p) => p.evidence === 'isbn').length).toBeGreaterThanOrEqual(2);
    expect(pairs.filter((p) => p.evidence === 'doi').length).toBeGreaterThanOrEqual(2);
    for (const p of pairs) {
      const [a, b] = [byId.get(p.identifierA) as ProviderRecord, byId.get(p.identifierB) as ProviderRecord];
      const norm = p.evidence === 'isbn' ? isbn13 : doiOf;
      const ida = values(a, 'identifier').map(norm).filter(Boolean);
      const idb = values(b, 'identifier').map(norm).filter(Boolean);
      expect(ida.length, p.identifierA).toBe(1);
      expect(idb, p.identifierB).toContain(ida[0]);
      const written = (r: ProviderRecord): string | undefined => values(r, 'identifier').find((v) => norm(v) === ida[0]);
      expect(written(a)).not.toBe(written(b));
    }
  });

  it('words shared works differently in each archive, with compatible dates', async () => {
    const pairs = (await readPairs()).filter((p) => p.archiveA !== p.archiveB);
    let creatorsDiffer = 0;
    for (const p of pairs) {
      const [a, b] = [byId.get(p.identifierA) as ProviderRecord, byId.get(p.identifierB) as ProviderRecord];
      expect(values(b, 'title')[0], p.identifierB).not.toBe(values(a, 'title')[0]);
      if (values(a, 'creator').join('|') !== values(b, 'creator').join('|')) creatorsDiffer++;
      const [ya, yb] = [years(values(a, 'date').join(' ')), years(values(b, 'date').join(' '))];
      if (ya.length > 0 && yb.length > 0) expect(Math.abs((ya[0] as number) - (yb[0] as number)), `${p.identifierA} ${p.identifierB}`).toBeLessThanOrEqual(8);
    }
    expect(creatorsDiffer).toBeGreaterThan(pairs.length * 0.8);
  });

  it('is exactly what scripts/make-demo-data.ts generates', async () => {
    const { archives: generated, duplicates } = buildDemoData();
    for (const a of generated) {
      expect(serialiseArchive(a)).toBe(await readFile(new URL(`${a.id}.json`, DEMO_DIR), 'utf8'));
    }
    expect(serialiseDuplicates(duplicates)).toBe(await readFile(new URL('duplicates.csv', DEMO_DIR), 'utf8'));
  });

  describe('served over HTTP', () => {
    const servers: { close(): Promise<void> }[] = [];
    afterAll(async () => {
      for (const s of servers) await s.close();
    });

    it('serves every record of each archive through ListRecords paging, every page well-formed', async () => {
      for (const a of archives) {
        const server = await startOaiServer(createOaiProvider(a));
        servers.push(server);
        const { pages, headers } = await harvestAll(server.url, { verb: 'ListRecords', metadataPrefix: 'oai_dc' });
        expect(headers).toHaveLength(a.records.length);
        expect(new Set(headers.map((h) => h.identifier)).size).toBe(a.records.length);
        expect(pages).toHaveLength(Math.ceil(a.records.length / a.pageSize));
        expect(tokenOf(pages[0] as (typeof pages)[0])?.completeListSize).toBe(a.records.length);
        expect(headers.filter((h) => h.deleted)).toHaveLength(a.records.filter((r) => r.deleted).length);
        const withMetadata = pages.flatMap(recordsOf).filter((r) => childElements(r, OAI_NS, 'metadata').length === 1);
        expect(withMetadata).toHaveLength(a.records.filter((r) => !r.deleted).length);
        const identify = await oaiGet(server.url, { verb: 'Identify' });
        expect(textOf(childElements(identify.verb as XmlElement, OAI_NS, 'repositoryName')[0] as XmlElement)).toBe(a.repositoryName);
      }
    });
  });

  describe('loadDemoArchives', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'entente-demo-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('takes a directory path as well as a URL', async () => {
      const fromPath = await loadDemoArchives(fileURLToPath(DEMO_DIR));
      expect(fromPath.map((a) => a.id)).toEqual(archives.map((a) => a.id));
    });

    it('refuses an archive createOaiProvider would refuse, naming the file', async () => {
      const bad = { id: 'bad', name: 'Bad', repositoryName: 'Bad', adminEmail: 'a@b.example', granularity: 'YYYY-MM-DD', deletedRecord: 'no', pageSize: 10, records: [{ identifier: 'x', datestamp: '2024-01-01T00:00:00Z', sets: [], metadata: {} }] };
      await writeFile(join(dir, 'bad.json'), JSON.stringify(bad));
      const err = await loadDemoArchives(dir).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EntenteError);
      expect((err as EntenteError).code).toBe('ERR_CONFIG_INVALID');
      expect((err as EntenteError).message).toMatch(/records\[0\]\.datestamp/);
      expect(String((err as EntenteError).context.file)).toMatch(/bad\.json$/);
    });

    it('refuses a file that is not JSON', async () => {
      await writeFile(join(dir, 'bad.json'), '{ not json');
      await expect(loadDemoArchives(dir)).rejects.toThrow(/bad\.json: cannot read it as JSON/);
    });
  });
});
