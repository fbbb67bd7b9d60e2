// Synthetic IIIF documents for tests, modelled on the real ones in ../shared/fixtures/real/json:
// Presentation 3 manifests, a Change Discovery stream (OrderedCollection, pages, activities) and
// nested collections. Pure builders; the tests serve them with json-server.ts.

export interface StreamActivity {
  type: 'Create' | 'Update' | 'Delete' | 'Remove' | 'Move' | 'Refresh';
  /** The object number: the manifest is /iiif/N/manifest. */
  object: number;
  endTime: string;
  target?: number;
}

export function manifestPath(n: number): string {
  return `/iiif/${n}/manifest`;
}

/** A Presentation 3 manifest for object n, as a museum would publish it. */
export function manifest(origin: string, n: number, version = 1): Record<string, unknown> {
  return {
    '@context': 'http://iiif.io/api/presentation/3/context.json',
    id: origin + manifestPath(n),
    type: 'Manifest',
    label: { en: [`Harbour map, sheet ${n}${version > 1 ? ` (revision ${version})` : ''}`] },
    summary: { en: [`Hand-coloured map of the harbour, sheet ${n}.`] },
    metadata: [
      { label: { en: ['Date'] }, value: { none: [String(1850 + (n % 100))] } },
      { label: { en: ['Creator'] }, value: { none: ['Jansen, Pieter'] } },
    ],
    rights: 'http://creativecommons.org/publicdomain/mark/1.0/',
    homepage: [{ id: `https://museum.example.org/objects/${n}`, type: 'Text', format: 'text/html', label: { en: ['Object page'] } }],
    items: [],
  };
}

/** An Activity Streams activity as Change Discovery 1.0 writes it. */
export function activity(origin: string, a: StreamActivity): Record<string, unknown> {
  // A Refresh names the stream itself as its object.
  const out: Record<string, unknown> = {
    type: a.type,
    object: a.type === 'Refresh' ? { id: `${origin}/activity/all-changes`, type: 'OrderedCollection' } : { id: origin + manifestPath(a.object), type: 'Manifest' },
    endTime: a.endTime,
  };
  if (a.target !== undefined) out.target = { id: origin + manifestPath(a.target), type: 'Manifest' };
  return out;
}

/** The stream's documents by path: the OrderedCollection at /activity/all-changes and pages /activity/page-K. */
export function discoveryStream(origin: string, activities: StreamActivity[], pageSize: number): Map<string, unknown> {
  const docs = new Map<string, unknown>();
  const pages = Math.max(1, Math.ceil(activities.length / pageSize));
  const pageId = (k: number): string => `${origin}/activity/page-${k}`;
  docs.set('/activity/all-changes', {
    '@context': 'http://iiif.io/api/discovery/1/context.json',
    id: `${origin}/activity/all-changes`,
    type: 'OrderedCollection',
    totalItems: activities.length,
    first: { id: pageId(0), type: 'OrderedCollectionPage' },
    last: { id: pageId(pages - 1), type: 'OrderedCollectionPage' },
  });
  for (let k = 0; k < pages; k++) {
    const page: Record<string, unknown> = {
      '@context': 'http://iiif.io/api/discovery/1/context.json',
      id: pageId(k),
      type: 'OrderedCollectionPage',
      startIndex: k * pageSize,
      partOf: { id: `${origin}/activity/all-changes`, type: 'OrderedCollection' },
      orderedItems: activities.slice(k * pageSize, (k + 1) * pageSize).map((a) => activity(origin, a)),
    };
    if (k > 0) page.prev = { id: pageId(k - 1), type: 'OrderedCollectionPage' };
    if (k < pages - 1) page.next = { id: pageId(k + 1), type: 'OrderedCollectionPage' };
    docs.set(`/activity/page-${k}`, page);
  }
  return docs;
}

/** One timestamp per minute from a start, for ordered activities. */
export function minute(i: number, start = Date.parse('2026-01-01T00:00:00Z')): string {
  return new Date(start + i * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
