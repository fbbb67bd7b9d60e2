// `entente identify|formats|sets|record URL`: ask a repository directly, without a catalogue.

import { createOaiClient } from '../protocols/oai-pmh/client.js';
import { printError, renderTable, type Io } from './output.js';

export async function inspectCommand(
  what: 'identify' | 'formats' | 'sets' | 'record',
  url: string,
  options: { json?: boolean; identifier?: string; format?: string },
  io: Io,
): Promise<number> {
  const client = createOaiClient({ baseUrl: url, retry: { retries: 2 } });
  try {
    let data: unknown;
    if (what === 'identify') data = await client.identify();
    else if (what === 'formats') data = await client.listMetadataFormats(options.identifier);
    else if (what === 'sets') {
      const sets = [];
      for await (const s of client.listSets()) sets.push(s);
      data = sets;
    } else {
      const rec = await client.getRecord(options.identifier ?? '', options.format ?? 'oai_dc');
      data = { header: rec.header, issues: rec.issues, payload: rec.raw.payload };
    }
    if (options.json || what === 'identify' || what === 'record') {
      if (what === 'record' && !options.json) io.out(String((data as { payload: string }).payload) + '\n');
      else io.out(JSON.stringify(data, null, 2) + '\n');
    } else if (what === 'formats') {
      const rows = data as { metadataPrefix: string; metadataNamespace: string }[];
      io.out(renderTable(['metadataPrefix', 'namespace'], rows.map((f) => [f.metadataPrefix, f.metadataNamespace])));
    } else {
      const rows = data as { setSpec: string; setName: string }[];
      io.out(rows.length ? renderTable(['setSpec', 'setName'], rows.map((s) => [s.setSpec, s.setName])) : 'The repository has no sets.\n');
    }
    return 0;
  } catch (err) {
    printError(io, err);
    return 2;
  } finally {
    await client.close();
  }
}
