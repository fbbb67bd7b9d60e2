// Synthetic oai_dc records for tests and benchmarks: deterministic, varied enough to exercise
// the crosswalk, small enough to generate by the hundred thousand.

import { createOaiProvider } from '../../src/provider/oai-provider.js';
import type { OaiProvider, ProviderOptions, ProviderRecord } from '../../src/provider/types.js';

const TITLES = ['Map of the county of', 'View of the harbour at', 'Letter from the mayor of', 'Portrait of a merchant of', 'Plan of the fortifications of', 'Survey of the parish of'];
const PLACES = ['Amsterdam', 'Lyon', 'Bristol', 'Gdańsk', 'Sevilla', 'Köln', 'Bergen', 'Porto', 'Trieste', 'Gent'];
const CREATORS = ['Blaeu, Joan', 'Hollar, Wenceslaus', 'Merian, Matthäus', 'Speed, John', 'Mercator, Gerard', 'Hondius, Jodocus'];
const TYPES = ['Image', 'Text', 'Karte', 'photographie', 'StillImage'];

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function syntheticDc(i: number): string {
  const place = PLACES[i % PLACES.length] as string;
  const title = `${TITLES[i % TITLES.length]} ${place}, sheet ${i}`;
  return (
    `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    `<dc:title xml:lang="en">${xml(title)}</dc:title>` +
    `<dc:creator>${xml(CREATORS[i % CREATORS.length] as string)}</dc:creator>` +
    `<dc:subject>Cartography</dc:subject><dc:subject>${xml(place)}</dc:subject>` +
    `<dc:description>Engraving on paper, hand-coloured; item ${i} of the synthetic collection, with a description long enough to look like a real one.</dc:description>` +
    `<dc:publisher>Synthetic Press</dc:publisher>` +
    `<dc:date>${1600 + (i % 300)}</dc:date>` +
    `<dc:type>${TYPES[i % TYPES.length]}</dc:type>` +
    `<dc:format>image/jpeg</dc:format>` +
    `<dc:identifier>https://example.org/items/${i}</dc:identifier>` +
    `<dc:language>${i % 2 ? 'en' : 'fre'}</dc:language>` +
    `<dc:rights>http://rightsstatements.org/vocab/NoC-US/1.0/</dc:rights>` +
    `</oai_dc:dc>`
  );
}

/** `count` records with ids `oai:synthetic:<i>`, datestamps spread over days, in sets a/b. */
export function syntheticRecords(count: number, options: { start?: number; datestamp?: (i: number) => string } = {}): ProviderRecord[] {
  const start = options.start ?? 0;
  const out: ProviderRecord[] = [];
  for (let i = start; i < start + count; i++) {
    out.push({
      identifier: `oai:synthetic:${i}`,
      datestamp: options.datestamp ? options.datestamp(i) : `2020-01-${String(1 + (i % 28)).padStart(2, '0')}`,
      sets: [i % 2 ? 'a' : 'b'],
      metadata: { oai_dc: syntheticDc(i) },
    });
  }
  return out;
}

/** A loopback repository of `records`: day granularity, persistent deletions, pages of 10, unless `options` say otherwise. */
export function syntheticRepository(records: ProviderRecord[], options: Partial<ProviderOptions> = {}): OaiProvider {
  return createOaiProvider({
    repositoryName: 'Synthetic archive',
    adminEmail: 'archive@example.org',
    granularity: 'YYYY-MM-DD',
    deletedRecord: 'persistent',
    pageSize: 10,
    records,
    ...options,
  });
}
