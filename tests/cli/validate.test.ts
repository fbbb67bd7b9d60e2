// `entente validate` on local files: exit codes, human output and NDJSON.

import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createOaiProvider } from '../../src/provider/oai-provider.js';
import { cli } from '../helpers/cli.js';
import { syntheticDc, syntheticRecords } from '../helpers/synthetic.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(() => dir.remove());

describe('entente validate', () => {
  it('shows a valid oai_dc record and exits 0', async () => {
    const file = dir.file('good.xml');
    writeFileSync(file, syntheticDc(7));
    const { code, out } = await cli('validate', file);
    expect(code).toBe(0);
    expect(out).toMatch(/good\.xml#1 good\.xml \(valid\)/);
    expect(out).toMatch(/title\s+View of the harbour at Porto, sheet 7 @en/);
  });

  it('exits 1 when a record has error-level issues, naming them', async () => {
    const file = dir.file('untitled.xml');
    writeFileSync(file, '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:date>ca. 1890</dc:date></oai_dc:dc>');
    const { code, out } = await cli('validate', file);
    expect(code).toBe(1);
    expect(out).toMatch(/error\s+SCHEMA_MINITEMS \/title/);
  });

  it('reads every record of a whole OAI-PMH response, as NDJSON with --json', async () => {
    const provider = createOaiProvider({ repositoryName: 'R', adminEmail: 'a@example.org', granularity: 'YYYY-MM-DD', deletedRecord: 'no', pageSize: 50, records: syntheticRecords(12) });
    const file = dir.file('response.xml');
    writeFileSync(file, provider.handle(new URLSearchParams({ verb: 'ListRecords', metadataPrefix: 'oai_dc' }), 'http://127.0.0.1/oai').body);
    const { code, out } = await cli('validate', file, '--json');
    expect(code).toBe(0);
    const records = out.trim().split('\n').map((l) => JSON.parse(l) as { source: { localId: string; format: string } });
    expect(records).toHaveLength(12);
    expect(records[0]?.source).toMatchObject({ localId: 'oai:synthetic:0', format: 'oai_dc' });
  });

  it('exits 2 for a file that is not well-formed, and still reads the others', async () => {
    const bad = dir.file('bad.xml');
    writeFileSync(bad, '<oai_dc:dc xmlns:oai_dc="x"><unclosed>');
    const good = dir.file('good2.xml');
    writeFileSync(good, syntheticDc(1));
    const { code, out, err } = await cli('validate', bad, good);
    expect(code).toBe(2);
    expect(err).toMatch(/bad\.xml: .*not well-formed XML at 1:\d+: <unclosed> is not closed/);
    expect(out).toMatch(/good2\.xml#1/);
  });

  it('validates a IIIF 3 manifest from a .json file, keyed by its id', async () => {
    const file = dir.file('manifest.json');
    writeFileSync(file, JSON.stringify({
      '@context': 'http://iiif.io/api/presentation/3/context.json', id: 'https://iiif.example.org/m/1', type: 'Manifest',
      label: { en: ['View of the harbour'] }, metadata: [{ label: { en: ['Date'] }, value: { none: ['ca. 1890'] } }],
      rights: 'http://creativecommons.org/publicdomain/mark/1.0/',
    }));
    const { code, out } = await cli('validate', file);
    expect(code).toBe(0);
    expect(out).toMatch(/manifest\.json#1 https:\/\/iiif\.example\.org\/m\/1 \(valid\)/);
    expect(out).toMatch(/title\s+View of the harbour @en/);
    expect(out).toMatch(/date\s+ca\. 1890 \(EDTF 1890~\)/);
  });

  it('reads a list of IIIF 2 manifests and Linked Art objects as NDJSON, each with its detected format', async () => {
    const file = dir.file('mixed.json');
    writeFileSync(file, JSON.stringify([
      { '@context': 'http://iiif.io/api/presentation/2/context.json', '@id': 'https://iiif.example.org/m/2', '@type': 'sc:Manifest', label: 'Letter' },
      { '@context': 'https://linked.art/ns/v1/linked-art.json', id: 'https://data.example.org/object/3', type: 'HumanMadeObject', _label: 'Vase' },
    ]));
    const { code, out } = await cli('validate', file, '--json');
    expect(code).toBe(0);
    const records = out.trim().split('\n').map((l) => JSON.parse(l) as { title: { value: string }[]; source: { localId: string; format: string } });
    expect(records.map((r) => [r.source.localId, r.source.format, r.title[0]?.value])).toEqual([
      ['https://iiif.example.org/m/2', 'iiif-v2', 'Letter'],
      ['https://data.example.org/object/3', 'linked-art', 'Vase'],
    ]);
  });

  it('exits 1 for a IIIF collection, saying it is not a record, and 2 for a file that is not JSON', async () => {
    const collection = dir.file('collection.json');
    writeFileSync(collection, JSON.stringify({ '@context': 'http://iiif.io/api/presentation/3/context.json', id: 'https://iiif.example.org/c', type: 'Collection', label: { en: ['Maps'] }, items: [] }));
    const broken = dir.file('broken.json');
    writeFileSync(broken, '{"id": "https://x.org/m", "type": "Manifest", ');
    const first = await cli('validate', collection);
    expect(first.code).toBe(1);
    expect(first.out).toMatch(/warning FORMAT_UNSUPPORTED \/: No JSON crosswalk for a IIIF collection/);
    const second = await cli('validate', broken, collection);
    expect(second.code).toBe(2);
    expect(second.err).toMatch(/broken\.json is not valid JSON: .*\n  code: ERR_JSON_NOT_JSON/);
    expect(second.out).toMatch(/collection\.json#1/);
  });
});
