// IIIF Change Discovery 1.0: reads an Activity Streams OrderedCollection of
// OrderedCollectionPages. A full harvest walks forwards from `first`; an incremental one walks
// backwards from `last` and stops at the first activity older than the last complete run, as the
// specification recommends. Create/Update/Add fetch the object; Delete/Remove become tombstones;
// Move is a tombstone for the old id and a create for the new. Only the newest activity per
// object counts. Knows nothing of SQL or of record normalising.

import { EntenteError } from '../../errors.js';
import { fetchJson, serverDate, type JsonFetchContext } from '../json/fetch-json.js';
import { fetchObjects, nodeId, nodeType, type ObjectRef } from '../json/fetch-objects.js';
import type { JsonAdapter, JsonItem, JsonNotice, JsonPage, KnownLookup } from '../json/json-page.js';
import { timeMs } from '../json/datestamp.js';
import { createLoopGuard } from '../json/loop-guard.js';
import { mapAhead } from '../json/map-ahead.js';

export interface DiscoveryOptions {
  fetch: JsonFetchContext;
  /** The OrderedCollection URL. */
  url: string;
  /** Activities handled (and objects fetched) per committed page. */
  batchSize: number;
  /** Object types harvested (without prefix), e.g. ['Manifest']. */
  objectTypes: readonly string[];
  /** Incremental: activities older than this (ISO 8601) end the walk. Undefined: full harvest. */
  from?: string;
  /** What the catalogue holds already: an object stored with a newer datestamp is not overwritten by an older activity. */
  known?: KnownLookup;
  /** Harvest the Linked Art description an activity's object names in `seeAlso`, instead of the object itself. */
  followSeeAlso?: boolean;
}

/**
 * The Linked Art description an activity's object points to with `seeAlso` (Change Discovery
 * lets a stream name a richer description of each object), or undefined. Recognised by its
 * Linked Art profile, given as `profile` or inside `format`.
 */
export function linkedArtSeeAlso(activity: unknown): string | undefined {
  const object = (activity as { object?: { seeAlso?: unknown } } | null)?.object;
  const list = object?.seeAlso;
  for (const entry of Array.isArray(list) ? list : list === undefined ? [] : [list]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const e = entry as Record<string, unknown>;
    const id = typeof e.id === 'string' ? e.id : typeof e['@id'] === 'string' ? e['@id'] : undefined;
    const hints = [e.profile, e.format, e['@format']].filter((v): v is string => typeof v === 'string');
    if (id !== undefined && hints.some((h) => /linked\.art\//.test(h))) return id;
  }
  return undefined;
}

/** Where a walk stands: direction, the page being read, and how many of its activities are done. */
interface DiscoveryToken {
  dir: 'forward' | 'backward';
  page: string;
  done: number;
}

/** One activity reduced to what the harvest needs. */
export interface Activity {
  type: string;
  objectId: string;
  objectType: string | undefined;
  /** endTime, else published, else ''. */
  time: string;
  /** `time` in epoch milliseconds (a time without a zone is UTC); NaN when it is not a date. */
  ms: number;
  /** Move: the new id. */
  targetId?: string;
  raw: unknown;
}

const HANDLED = new Set(['Create', 'Update', 'Add', 'Delete', 'Remove', 'Move']);

/** Reads an activity; undefined for entries that are not activities with an object id. */
export function readActivity(raw: unknown): Activity | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const a = raw as Record<string, unknown>;
  const type = nodeType(a);
  const objectId = nodeId(a.object);
  if (type === undefined || objectId === undefined) return undefined;
  const time = typeof a.endTime === 'string' ? a.endTime : typeof a.published === 'string' ? a.published : '';
  const out: Activity = { type, objectId, objectType: nodeType(a.object), time, ms: time === '' ? NaN : timeMs(time), raw };
  const target = nodeId(a.target);
  if (target !== undefined) out.targetId = target;
  return out;
}

/**
 * Activities of `activities` (in walking order) whose endTime runs against the stream's order,
 * oldest first (so against newest first when walking backwards), counting from `previous`, the
 * last readable time before them; and the last readable time among them. Unreadable times are
 * passed over: they are a shape fault of their own.
 */
export function outOfOrder(activities: readonly (Activity | undefined)[], dir: 'forward' | 'backward', previous: number | undefined): { count: number; first?: { activity: Activity; after: string }; last: number | undefined } {
  let count = 0;
  let first: { activity: Activity; after: string } | undefined;
  let last = previous;
  let lastTime = previous === undefined ? '' : new Date(previous).toISOString();
  for (const a of activities) {
    const t = a?.ms ?? NaN;
    if (!a || Number.isNaN(t)) continue;
    if (last !== undefined && (dir === 'forward' ? t < last : t > last)) {
      count++;
      first ??= { activity: a, after: lastTime };
    }
    last = t;
    lastTime = a.time;
  }
  return { count, ...(first ? { first } : {}), last };
}

function pageUrl(value: unknown): string | undefined {
  return nodeId(value);
}

export function createDiscoveryAdapter(options: DiscoveryOptions): JsonAdapter {
  const ctx = options.fetch;
  let clock: string | undefined;
  const types = new Set(options.objectTypes);
  const fromMs = options.from !== undefined ? timeMs(options.from) : undefined;

  const get = async (url: string): Promise<unknown> => {
    const res = await fetchJson(ctx, url);
    clock ??= serverDate(res.headers);
    return res.document;
  };

  /** The collection's first or last page URL. */
  const start = async (dir: DiscoveryToken['dir']): Promise<string | undefined> => {
    const collection = await get(options.url);
    const type = nodeType(collection);
    const ref = (collection as Record<string, unknown> | null)?.[dir === 'forward' ? 'first' : 'last'];
    if (type !== 'OrderedCollection' && ref === undefined) {
      throw new EntenteError('ERR_IIIF_NOT_DISCOVERY', `${options.url} is not an Activity Streams OrderedCollection (its type is ${type ?? 'missing'})`, {
        context: { source: ctx.sourceId, url: options.url },
      });
    }
    const total = (collection as Record<string, unknown>).totalItems;
    if (ref === undefined && total === 0) return undefined; // an empty stream
    const url = pageUrl(ref);
    if (url === undefined) {
      throw new EntenteError('ERR_JSON_SHAPE', `The OrderedCollection at ${options.url} has no "${dir === 'forward' ? 'first' : 'last'}" page`, {
        context: { source: ctx.sourceId, url: options.url, pointer: dir === 'forward' ? '/first' : '/last' },
      });
    }
    return new URL(url, options.url).href;
  };

  /** Turns a batch of activities into items: tombstones at once, objects fetched together. */
  const itemsOf = async (batch: Activity[]): Promise<JsonItem[]> => {
    const tombstones: JsonItem[] = [];
    const refs: ObjectRef[] = [];
    for (const a of batch) {
      const payload = JSON.stringify(a.raw);
      if (a.type === 'Delete' || a.type === 'Remove' || a.type === 'Move') {
        tombstones.push({ localId: a.objectId, datestamp: a.time, deleted: true, payload, document: undefined, issues: [] });
      }
      if (a.type === 'Move' && a.targetId !== undefined) refs.push({ id: a.targetId, url: a.targetId, datestamp: a.time, reference: a.raw });
      if (a.type === 'Create' || a.type === 'Update' || a.type === 'Add') {
        // The record keeps the object's id whichever document describes it.
        const described = options.followSeeAlso ? linkedArtSeeAlso(a.raw) : undefined;
        refs.push({ id: a.objectId, url: described ?? a.objectId, datestamp: a.time, reference: a.raw });
      }
    }
    const fetched = refs.length ? await fetchObjects(ctx, refs) : [];
    return [...tombstones, ...fetched];
  };

  /**
   * Keeps the activities that count: handled types, harvested object types, the newest per
   * object (`newestFirst` says the order of `list`), and none older than what is stored.
   */
  const select = (list: Activity[], newestFirst: boolean, seen: Set<string> | undefined): Activity[] => {
    const byObject = new Map<string, Activity>();
    const ordered = newestFirst ? list : list.slice().reverse();
    for (const a of ordered) {
      if (!HANDLED.has(a.type)) continue;
      // A Delete often names only the id; its type cannot be checked, and a tombstone of an unknown id is harmless.
      if (a.objectType !== undefined && !types.has(a.objectType) && a.type !== 'Delete' && a.type !== 'Remove') continue;
      if (byObject.has(a.objectId) || seen?.has(a.objectId)) continue;
      byObject.set(a.objectId, a);
    }
    let kept = [...byObject.values()];
    if (options.known && kept.length) {
      const stored = options.known(kept.map((a) => a.objectId));
      kept = kept.filter((a) => {
        const s = stored.get(a.objectId);
        const storedMs = s === undefined ? NaN : timeMs(s);
        const activityMs = a.ms;
        // Unreadable times never hide an activity: only a stored change known to be newer does.
        return Number.isNaN(storedMs) || Number.isNaN(activityMs) || storedMs <= activityMs;
      });
    }
    for (const a of kept) seen?.add(a.objectId);
    return newestFirst ? kept : kept.reverse();
  };

  /** The walk without the objects: which activities count, batch by batch, with the token after each. */
  async function* plan(token: DiscoveryToken | undefined): AsyncGenerator<PlannedBatch> {
    const dir = token?.dir ?? (options.from !== undefined ? 'backward' : 'forward');
    let page = token?.page ?? (await start(dir));
    let done = token?.done ?? 0;
    const guard = createLoopGuard();
    // Backwards, the newest activity of an object comes first: later (older) ones are skipped.
    const seen = dir === 'backward' ? new Set<string>() : undefined;
    let refreshed = false;
    // The latest endTime read so far in walking order: a stream out of order is noticed, because an
    // incremental harvest (walking backwards) stops at the first older activity and would miss
    // the changes listed after it.
    let lastTime: number | undefined;
    while (page !== undefined) {
      guard.visit(page, { source: ctx.sourceId, url: page });
      const doc = await get(page);
      const items = (doc as Record<string, unknown> | null)?.orderedItems;
      if (!Array.isArray(items)) {
        throw new EntenteError('ERR_JSON_SHAPE', `The page ${page} has no "orderedItems" array`, { context: { source: ctx.sourceId, url: page, pointer: '/orderedItems' } });
      }
      const linked = pageUrl((doc as Record<string, unknown>)[dir === 'forward' ? 'next' : 'prev']);
      const following = linked === undefined ? undefined : new URL(linked, page).href;
      // Activities in walking order: oldest first forwards, newest first backwards.
      const activities = (dir === 'forward' ? items : items.slice().reverse()).map(readActivity);
      const notices: JsonNotice[] = [];
      const unreadable = activities.filter((a) => a === undefined).length;
      if (unreadable > 0) notices.push({ kind: 'not-activities', message: `${unreadable} entries of ${page} are not activities with an object id; skipped.` });
      if (items.length === 0 && following !== undefined) notices.push({ kind: 'empty-page', message: `The page ${page} has no activities but links to another page; continuing.` });
      // A page is judged whole; when a run resumes within it, the run that began it gave the notice.
      const order = outOfOrder(activities, dir, lastTime);
      lastTime = order.last;
      if (done === 0 && order.first) {
        const { activity, after } = order.first;
        notices.push({
          kind: 'out-of-order',
          message:
            `${order.count === 1 ? '1 activity' : `${order.count} activities`} of ${page} ${order.count === 1 ? 'is' : 'are'} out of endTime order (the ${activity.type} of ${activity.objectId} at ${activity.time} comes after ${after}); ` +
            'a stream lists activities oldest first, and an incremental harvest reading it backwards stops at the first older one.',
        });
      }
      let stop = false;
      if (activities.length === 0 || done >= activities.length) {
        yield { chosen: [], next: following === undefined ? undefined : encode({ dir, page: following, done: 0 }), notices };
      }
      while (done < activities.length) {
        let end = Math.min(activities.length, done + options.batchSize);
        let slice = activities.slice(done, end).filter((a): a is Activity => a !== undefined);
        if (fromMs !== undefined && dir === 'backward') {
          const older = slice.findIndex((a) => a.ms < fromMs);
          if (older !== -1) {
            slice = slice.slice(0, older);
            stop = true;
            end = activities.length;
          }
        }
        if (dir === 'backward') {
          // Before a Refresh (the publisher re-listed everything after it) only deletions still
          // matter, as the specification says: older creates and updates are not fetched.
          slice = slice.filter((a) => {
            const keep = !refreshed || a.type === 'Delete' || a.type === 'Remove';
            if (a.type === 'Refresh') refreshed = true;
            return keep;
          });
        }
        const chosen = select(slice, dir === 'backward', seen);
        done = end;
        const last = done >= activities.length;
        const next = stop || (last && following === undefined) ? undefined : encode(last ? { dir, page: following as string, done: 0 } : { dir, page, done });
        yield { chosen, next, notices: notices.splice(0) };
        if (stop) return;
      }
      page = following;
      done = 0;
    }
  }

  /**
   * Fetches the objects of the next batch while the current one is processed and committed:
   * the host queue still bounds the requests in flight, and pages come out strictly in order.
   * A failure is raised only after every batch before it was handed over.
   */
  const walk = (token: DiscoveryToken | undefined): AsyncGenerator<JsonPage> =>
    mapAhead(plan(token), LOOKAHEAD, (batch) => itemsOf(batch.chosen).then((items) => ({ items, next: batch.next, notices: batch.notices })));

  return {
    pages: (token) => walk(token === undefined ? undefined : decode(token, ctx.sourceId)),
    serverDate: () => clock,
  };
}

/** Batches whose objects are fetched ahead of the one being committed. */
const LOOKAHEAD = 2;

interface PlannedBatch {
  chosen: Activity[];
  next: string | undefined;
  notices: JsonNotice[];
}

function encode(t: DiscoveryToken): string {
  return JSON.stringify(t);
}

function decode(token: string, sourceId: string): DiscoveryToken {
  try {
    const t = JSON.parse(token) as DiscoveryToken;
    if ((t.dir === 'forward' || t.dir === 'backward') && typeof t.page === 'string' && typeof t.done === 'number') return t;
  } catch {
    // reported below
  }
  throw new EntenteError('ERR_INTERNAL', `Unreadable Change Discovery checkpoint: ${token.slice(0, 200)}`, { context: { source: sourceId, token } });
}
