// The OAI-PMH client as a library: all six verbs against a real loopback repository.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOaiClient, oaiRecords, isOaiError } from '../../src/index.js';
import { createOaiProvider } from '../../src/provider/oai-provider.js';
import type { OaiProvider } from '../../src/provider/types.js';
import { startOaiServer, type OaiServer } from '../../src/provider/oai-server.js';
import { syntheticRecords } from '../helpers/synthetic.js';

let provider: OaiProvider;
let server: OaiServer;

beforeAll(async () => {
  const records = syntheticRecords(23);
  records[4] = { ...records[4]!, deleted: true, metadata: {} };
  provider = createOaiProvider({
    repositoryName: 'Client archive',
    adminEmail: 'a@example.org',
    granularity: 'YYYY-MM-DD',
    deletedRecord: 'persistent',
    pageSize: 5,
    records,
    sets: [{ setSpec: 'a', setName: 'Odd' }, { setSpec: 'b', setName: 'Even' }],
  });
  server = await startOaiServer(provider);
});
afterAll(() => server.close());

describe('createOaiClient', () => {
  it('reads Identify', async () => {
    const client = createOaiClient({ baseUrl: server.url });
    const id = await client.identify();
    expect(id).toMatchObject({ repositoryName: 'Client archive', protocolVersion: '2.0', granularity: 'YYYY-MM-DD', deletedRecord: 'persistent' });
    expect(id.adminEmails).toEqual(['a@example.org']);
    await client.close();
  });

  it('lists formats and sets', async () => {
    const client = createOaiClient({ baseUrl: server.url });
    expect((await client.listMetadataFormats()).map((f) => f.metadataPrefix)).toEqual(['oai_dc']);
    const sets = [];
    for await (const s of client.listSets()) sets.push(s.setSpec);
    expect(sets).toEqual(['a', 'b']);
    await client.close();
  });

  it('pages through ListIdentifiers and ListRecords with completeListSize', async () => {
    const client = createOaiClient({ baseUrl: server.url });
    const ids: string[] = [];
    let pages = 0;
    for await (const page of client.listIdentifiers({ metadataPrefix: 'oai_dc' })) {
      pages++;
      ids.push(...page.items.map((h) => h.identifier));
      if (page.resumptionToken?.value) expect(page.resumptionToken.completeListSize).toBe(23);
    }
    expect(pages).toBe(5);
    expect(new Set(ids).size).toBe(23);
    const records = [];
    for await (const r of client.records({ metadataPrefix: 'oai_dc', set: 'a' })) records.push(r);
    expect(records.length).toBe(11);
    expect(records.every((r) => r.header.setSpecs.includes('a'))).toBe(true);
    await client.close();
  });

  it('gets one record, and a deleted one as a bare header', async () => {
    const client = createOaiClient({ baseUrl: server.url, method: 'POST' });
    const rec = await client.getRecord('oai:synthetic:3', 'oai_dc');
    expect(rec.metadata?.name).toBe('dc');
    expect(rec.raw.payload.startsWith('<record>')).toBe(true);
    const gone = await client.getRecord('oai:synthetic:4', 'oai_dc');
    expect(gone.header.deleted).toBe(true);
    expect(gone.metadata).toBeUndefined();
    await client.close();
  });

  it('raises OAI errors as typed errors with the repository code', async () => {
    const client = createOaiClient({ baseUrl: server.url });
    const err = await client.getRecord('oai:nope', 'oai_dc').catch((e: unknown) => e);
    expect(isOaiError(err, 'idDoesNotExist')).toBe(true);
    expect((err as { code: string }).code).toBe('ERR_OAI_ID_DOES_NOT_EXIST');
    await client.close();
  });

  it('yields nothing for noRecordsMatch', async () => {
    const records = [];
    for await (const r of oaiRecords(server.url, { metadataPrefix: 'oai_dc', from: '2999-01-01' })) records.push(r);
    expect(records).toEqual([]);
  });
});
