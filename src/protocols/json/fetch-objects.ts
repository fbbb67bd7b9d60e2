// Fetches the objects a page points at (IIIF manifests, Linked Art objects) at once: the host
// queue of the shared HttpClient decides how many are really in flight (politeness). An object
// the archive refuses (404, 410, 403, too large, not JSON after retries) becomes an unavailable
// item with an issue, never a failure of the run; anything else (retries exhausted on a
// reachable-looking host, an abort) stops the run at its last checkpoint.

import { EntenteError, toEntenteError } from '../../errors.js';
import type { Issue } from '../../model/types.js';
import { fetchJson, type JsonFetchContext } from './fetch-json.js';
import type { JsonItem } from './json-page.js';

/** An object to fetch, with what is known about it from the page that named it. */
export interface ObjectRef {
  /** The object's id as the page named it (the record's local id). */
  id: string;
  /** Where to fetch it (usually the id). */
  url: string;
  datestamp: string;
  /** What to store as the payload when the object cannot be fetched (the activity, the collection entry). */
  reference: unknown;
}

/** Errors that belong to one object, not to the harvest: the archive answered, and the answer is final. */
function isObjectError(err: EntenteError): boolean {
  if (err.kind === 'source' || err.kind === 'config') return err.code !== 'ERR_ABORTED';
  // A body that stayed non-JSON through every retry is the object's fault, not the host's.
  return err.code === 'ERR_HTTP_RETRIES_EXHAUSTED' && err.context.lastCode === 'ERR_JSON_NOT_JSON';
}

export async function fetchObjects(ctx: JsonFetchContext, refs: readonly ObjectRef[]): Promise<JsonItem[]> {
  const results = await Promise.allSettled(refs.map((ref) => fetchJson(ctx, ref.url, { recordId: ref.id })));
  const items: JsonItem[] = [];
  let fatal: EntenteError | undefined;
  results.forEach((r, i) => {
    const ref = refs[i] as ObjectRef;
    if (r.status === 'fulfilled') {
      items.push({ localId: ref.id, datestamp: ref.datestamp, deleted: false, payload: r.value.text, document: r.value.document, url: ref.url, issues: [] });
      return;
    }
    const err = toEntenteError(r.reason);
    if (!isObjectError(err)) {
      fatal ??= err;
      return;
    }
    const status = typeof err.context.status === 'number' ? ` (HTTP ${err.context.status})` : '';
    const issue: Issue = {
      code: 'OBJECT_UNAVAILABLE',
      severity: 'error',
      path: '',
      message: `The object could not be fetched${status}: ${err.message}`,
      value: ref.url.slice(0, 200),
    };
    items.push({ localId: ref.id, datestamp: ref.datestamp, deleted: false, payload: JSON.stringify(ref.reference), document: undefined, url: ref.url, unavailable: true, issues: [issue] });
  });
  if (fatal) throw fatal instanceof EntenteError ? fatal : new EntenteError('ERR_INTERNAL', String(fatal));
  return items;
}

/** The id of a JSON-LD / IIIF node: `id` (IIIF 3, Activity Streams) or `@id` (IIIF 2); a string node is its own id. */
export function nodeId(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (node === null || typeof node !== 'object') return undefined;
  const o = node as Record<string, unknown>;
  const id = o.id ?? o['@id'];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The type of a node without any prefix: "sc:Manifest" and "Manifest" are both "Manifest". */
export function nodeType(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const o = node as Record<string, unknown>;
  let t = o.type ?? o['@type'];
  if (Array.isArray(t)) t = t.find((x) => typeof x === 'string');
  if (typeof t !== 'string') return undefined;
  const colon = t.lastIndexOf(':');
  const slash = t.lastIndexOf('/');
  return t.slice(Math.max(colon, slash) + 1);
}
