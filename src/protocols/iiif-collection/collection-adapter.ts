// IIIF Presentation collections (2.x and 3.0): follows a collection through its sub-collections,
// depth first, with cycle detection and a depth cap, and fetches each manifest as one record.
// Paged 2.1 collections (first/next) are read page by page. The checkpoint is the stack of
// collections being read with the position in each. Knows nothing of SQL or of normalising.

import { EntenteError } from '../../errors.js';
import { fetchJson, serverDate, type JsonFetchContext } from '../json/fetch-json.js';
import { fetchObjects, nodeId, nodeType, type ObjectRef } from '../json/fetch-objects.js';
import type { JsonAdapter, JsonNotice, JsonPage } from '../json/json-page.js';
import { createLoopGuard } from '../json/loop-guard.js';

export interface CollectionOptions {
  fetch: JsonFetchContext;
  /** The top collection's URL. */
  url: string;
  /** Manifests fetched and committed together. */
  batchSize: number;
  /** How deep sub-collections are followed below the top one. */
  maxDepth: number;
}

/** One collection being read: its URL (for a paged collection, the current page's) and the entries done. */
interface Frame {
  url: string;
  done: number;
}

/** A collection's entries, in order, and its next page (paged 2.1 collections). */
export interface CollectionEntries {
  entries: { kind: 'collection' | 'manifest'; id: string; raw: unknown }[];
  next: string | undefined;
}

/**
 * The entries of a collection document: 3.0 `items`; 2.x `collections`, `manifests` and
 * `members`; the `first` page of a paged 2.1 collection is followed as a sub-list.
 * Undefined when the document is not a collection (or a collection page).
 */
export function readCollection(doc: unknown, base: string): CollectionEntries | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const d = doc as Record<string, unknown>;
  const type = nodeType(d);
  if (type !== 'Collection' && type !== 'CollectionPage' && type !== 'Layer' && !('manifests' in d || 'collections' in d || 'members' in d)) return undefined;
  const entries: CollectionEntries['entries'] = [];
  const add = (list: unknown, fallback: 'collection' | 'manifest' | undefined): void => {
    if (!Array.isArray(list)) return;
    for (const raw of list) {
      const id = nodeId(raw);
      if (id === undefined) continue;
      const t = nodeType(raw);
      const kind = t === 'Collection' ? 'collection' : t === 'Manifest' ? 'manifest' : fallback;
      if (kind === undefined) continue;
      entries.push({ kind, id: new URL(id, base).href, raw });
    }
  };
  add(d.items, undefined);
  add(d.collections, 'collection');
  add(d.manifests, 'manifest');
  add(d.members, undefined);
  // A paged 2.1 collection names its first page; the pages link onwards with `next`.
  const first = nodeId(d.first);
  if (first !== undefined && entries.length === 0) return { entries: [{ kind: 'collection', id: new URL(first, base).href, raw: d.first }], next: undefined };
  const next = nodeId(d.next);
  return { entries, next: next === undefined ? undefined : new URL(next, base).href };
}

export function createCollectionAdapter(options: CollectionOptions): JsonAdapter {
  const ctx = options.fetch;
  let clock: string | undefined;

  const load = async (url: string, top: boolean): Promise<CollectionEntries | undefined> => {
    const res = await fetchJson(ctx, url);
    clock ??= serverDate(res.headers);
    const read = readCollection(res.document, url);
    if (read === undefined && top) {
      throw new EntenteError('ERR_IIIF_NOT_COLLECTION', `${url} is not a IIIF collection (its type is ${nodeType(res.document) ?? 'missing'})`, {
        context: { source: ctx.sourceId, url },
      });
    }
    return read;
  };

  async function* walk(token: string | undefined): AsyncGenerator<JsonPage> {
    const frames: Frame[] = token === undefined ? [{ url: options.url, done: 0 }] : decode(token, ctx.sourceId);
    // Collections entered in this run: a DAG's shared sub-collection is read once, a cycle never followed.
    const entered = new Set(frames.map((f) => f.url));
    const pageGuard = createLoopGuard();
    // The pages being read count too: a next link back to the first page is a loop at once.
    for (const f of frames) pageGuard.visit(f.url, { source: ctx.sourceId, url: f.url });
    const cache = new Map<string, CollectionEntries | undefined>();
    let notices: JsonNotice[] = [];
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as Frame;
      let entries = cache.get(frame.url);
      if (!cache.has(frame.url)) {
        entries = await load(frame.url, frames.length === 1 && frame.url === options.url);
        cache.set(frame.url, entries);
        if (entries === undefined) notices.push({ kind: 'not-collection', message: `${frame.url} is not a IIIF collection; skipped.` });
        else if (entries.entries.length === 0 && entries.next !== undefined) notices.push({ kind: 'empty-page', message: `The collection page ${frame.url} is empty but links to a next page; continuing.` });
      }
      const list = entries?.entries ?? [];
      const batch: ObjectRef[] = [];
      let descend: string | undefined;
      while (frame.done < list.length && batch.length < options.batchSize && descend === undefined) {
        const entry = list[frame.done] as CollectionEntries['entries'][number];
        frame.done++;
        if (entry.kind === 'manifest') {
          batch.push({ id: entry.id, url: entry.id, datestamp: '', reference: entry.raw });
        } else if (frames.some((f) => f.url === entry.id)) {
          notices.push({ kind: 'cycle', message: `Cycle: ${frame.url} includes ${entry.id}, which contains it; not followed again.` });
        } else if (entered.has(entry.id)) {
          notices.push({ kind: 'shared-collection', message: `${entry.id} was already read in this run (it belongs to more than one collection); not read again.` });
        } else if (frames.length > options.maxDepth) {
          notices.push({ kind: 'max-depth', message: `${entry.id} is deeper than iiif.maxDepth (${options.maxDepth}); not followed.` });
        } else {
          descend = entry.id;
        }
      }
      let loop: unknown;
      if (frame.done >= list.length && descend === undefined) {
        // This collection (or page) is done: move to its next page, or back to its parent.
        const next = entries?.next;
        if (next !== undefined) {
          try {
            pageGuard.visit(next, { source: ctx.sourceId, url: frame.url });
            cache.delete(frame.url);
            frame.url = next;
            frame.done = 0;
          } catch (err) {
            // The batch read so far is kept; the checkpoint stays on this page, which loops again.
            loop = err;
          }
        } else {
          cache.delete(frame.url);
          frames.pop();
        }
      }
      if (descend !== undefined) {
        entered.add(descend);
        frames.push({ url: descend, done: 0 });
      }
      const items = batch.length ? await fetchObjects(ctx, batch) : [];
      if (items.length || notices.length || frames.length === 0 || loop !== undefined) {
        yield { items, next: frames.length === 0 ? undefined : encode(frames), notices };
        notices = [];
      }
      if (loop !== undefined) throw loop;
    }
  }

  return { pages: walk, serverDate: () => clock };
}

function encode(frames: Frame[]): string {
  return JSON.stringify({ frames });
}

function decode(token: string, sourceId: string): Frame[] {
  try {
    const t = JSON.parse(token) as { frames?: Frame[] };
    if (Array.isArray(t.frames) && t.frames.every((f) => typeof f.url === 'string' && typeof f.done === 'number')) return t.frames.map((f) => ({ ...f }));
  } catch {
    // reported below
  }
  throw new EntenteError('ERR_INTERNAL', `Unreadable IIIF collection checkpoint: ${token.slice(0, 200)}`, { context: { source: sourceId, token } });
}
