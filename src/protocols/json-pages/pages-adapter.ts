// json-pages: a generic paginated JSON API described by the source's `pages` settings: where the
// items are (a JSON Pointer), how to get the next page (a next URL in the body, a Link header, a
// cursor, offset/limit or page/per-page with a stop rule), and where each item's id, datestamp
// and deleted flag are. The checkpoint is the next request's URL. Knows nothing of SQL or mapping.

import { createHash } from 'node:crypto';
import type { NextRule, PagesConfig } from '../../config/types.js';
import { EntenteError } from '../../errors.js';
import type { Issue } from '../../model/types.js';
import { fetchJson, serverDate, type JsonFetchContext } from '../json/fetch-json.js';
import type { JsonAdapter, JsonItem, JsonNotice, JsonPage } from '../json/json-page.js';
import { getPointer } from '../json/json-pointer.js';
import { linkTarget } from '../json/link-header.js';
import { createLoopGuard } from '../json/loop-guard.js';
import { shapeError } from '../json/parse-json-body.js';

export interface PagesOptions {
  fetch: JsonFetchContext;
  /** The first page's URL, with the API's own fixed parameters. */
  url: string;
  pages: PagesConfig;
  /** Incremental: ask for items changed since this ISO 8601 time (needs pages.since). */
  from?: string;
}

/** Pages in a row without items (each with a next link) before the list is stopped. */
export const MAX_EMPTY_PAGES = 25;

/** The URL of the first request: paging starts, and the `since` parameter when incremental. */
export function firstPageUrl(options: Pick<PagesOptions, 'url' | 'pages' | 'from'>): string {
  const url = new URL(options.url);
  const rule = options.pages.next;
  if (rule.type === 'cursor' && rule.initial !== undefined) url.searchParams.set(rule.param, rule.initial);
  if (rule.type === 'offset' || rule.type === 'page') {
    url.searchParams.set(rule.param, String(rule.start ?? (rule.type === 'offset' ? 0 : 1)));
    if (rule.limitParam) url.searchParams.set(rule.limitParam, String(rule.limit));
  }
  if (options.from !== undefined && options.pages.since) {
    const since = options.pages.since;
    url.searchParams.set(since.param, since.format === 'date' ? options.from.slice(0, 10) : options.from);
  }
  return url.href;
}

/** Reads a page's items into JsonItems (ids, datestamps, deleted flags by the configured pointers). */
export function readItems(list: unknown[], pages: PagesConfig, url: string): JsonItem[] {
  return list.map((item) => {
    const payload = JSON.stringify(item);
    const issues: Issue[] = [];
    const rawId = getPointer(item, pages.id);
    let localId: string;
    if ((typeof rawId === 'string' && rawId !== '') || (typeof rawId === 'number' && Number.isFinite(rawId))) localId = String(rawId);
    else {
      // Kept, keyed by its content: nothing is dropped, and the issue says why the key is odd.
      localId = `sha256:${createHash('sha256').update(payload).digest('hex').slice(0, 32)}`;
      issues.push({ code: 'JSON_ITEM_NO_ID', severity: 'error', path: '/source/localId', message: `The item has no id at "${pages.id}"; it is keyed by its content hash`, value: url.slice(0, 200) });
    }
    const stamp = pages.datestamp === undefined ? undefined : getPointer(item, pages.datestamp);
    const flag = pages.deleted === undefined ? undefined : getPointer(item, pages.deleted);
    const deleted = flag === true || flag === 1 || (typeof flag === 'string' && /^(true|deleted|1|yes)$/i.test(flag.trim()));
    return {
      localId,
      datestamp: typeof stamp === 'string' ? stamp : typeof stamp === 'number' ? String(stamp) : '',
      deleted,
      payload,
      document: deleted ? undefined : item,
      url,
      issues,
    };
  });
}

/** The numbered position (offset or page number) a request URL carries for an offset/page rule. */
function positionOf(url: string, rule: Extract<NextRule, { type: 'offset' | 'page' }>): number {
  const v = Number(new URL(url).searchParams.get(rule.param));
  return Number.isFinite(v) ? v : (rule.start ?? (rule.type === 'offset' ? 0 : 1));
}

function withParam(url: string, param: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(param, value);
  return u.href;
}

/**
 * The next request after a page, or undefined at the end of the list; with a notice when the
 * list ended on a rule's limit (maxPage) rather than by itself.
 */
export function nextRequest(
  rule: NextRule,
  page: { url: string; document: unknown; headers: Record<string, string>; received: number },
  context: { source: string },
): { next: string | undefined; notice?: JsonNotice; total?: number } {
  switch (rule.type) {
    case 'body-url': {
      const v = getPointer(page.document, rule.pointer);
      if (v === undefined || v === null || v === '') return { next: undefined };
      if (typeof v !== 'string') throw shapeError('pages.next.pointer', rule.pointer, 'a URL string', { ...context, url: page.url });
      return { next: new URL(v, page.url).href };
    }
    case 'link-header':
      return { next: linkTarget(page.headers.link, 'next', page.url) };
    case 'cursor': {
      const v = getPointer(page.document, rule.pointer);
      if (v === undefined || v === null || v === '') return { next: undefined };
      if (typeof v !== 'string' && typeof v !== 'number') throw shapeError('pages.next.pointer', rule.pointer, 'a cursor (string or number)', { ...context, url: page.url });
      return { next: withParam(page.url, rule.param, String(v)) };
    }
    case 'offset':
    case 'page': {
      const totalValue = rule.total === undefined ? undefined : getPointer(page.document, rule.total);
      const total = typeof totalValue === 'number' ? totalValue : typeof totalValue === 'string' && /^\d+$/.test(totalValue) ? Number(totalValue) : undefined;
      const t = total === undefined ? {} : { total };
      if (page.received === 0) return { next: undefined, ...t };
      const position = positionOf(page.url, rule);
      if (rule.type === 'offset') {
        const nextOffset = position + page.received;
        if (total !== undefined ? nextOffset >= total : page.received < rule.limit) return { next: undefined, ...t };
        return { next: withParam(page.url, rule.param, String(nextOffset)), ...t };
      }
      const firstPage = rule.start ?? 1;
      const asked = (position - firstPage + 1) * rule.limit;
      if (total !== undefined ? asked >= total : page.received < rule.limit) return { next: undefined, ...t };
      if (rule.maxPage !== undefined && position >= rule.maxPage) {
        return {
          next: undefined,
          notice: { kind: 'max-page', message: `Stopped at page ${position}, the last the API serves (pages.next.maxPage); ${total !== undefined ? `${total - asked} of ${total} items were not reached` : 'items beyond it were not reached'}.` },
          ...t,
        };
      }
      return { next: withParam(page.url, rule.param, String(position + 1)), ...t };
    }
  }
}

export function createPagesAdapter(options: PagesOptions): JsonAdapter {
  const ctx = options.fetch;
  let clock: string | undefined;

  async function* walk(token: string | undefined): AsyncGenerator<JsonPage> {
    let url: string | undefined = token ?? firstPageUrl(options);
    const guard = createLoopGuard();
    // The first page counts too: a next link back to it is a loop before its items repeat.
    guard.visit(url, { source: ctx.sourceId, url });
    let emptyRun = 0;
    while (url !== undefined) {
      const res = await fetchJson(ctx, url);
      clock ??= serverDate(res.headers);
      const list = getPointer(res.document, options.pages.items);
      if (!Array.isArray(list)) {
        throw shapeError('pages.items', options.pages.items, `an array of items (found ${list === undefined ? 'nothing' : Array.isArray(list) ? 'an array' : typeof list})`, { source: ctx.sourceId, url });
      }
      const items = readItems(list, options.pages, url);
      const step = nextRequest(options.pages.next, { url, document: res.document, headers: res.headers, received: items.length }, { source: ctx.sourceId });
      const notices: JsonNotice[] = [];
      if (step.notice) notices.push(step.notice);
      if (items.length === 0 && step.next !== undefined) {
        emptyRun++;
        notices.push({ kind: 'empty-page', message: `The page ${url} has no items but a next page; continuing.` });
        if (emptyRun >= MAX_EMPTY_PAGES) {
          throw new EntenteError('ERR_JSON_NEXT_LOOP', `${MAX_EMPTY_PAGES} pages in a row had no items but a next page; the list was stopped`, {
            context: { source: ctx.sourceId, url, token: step.next },
          });
        }
      } else emptyRun = 0;
      let loop: EntenteError | undefined;
      if (step.next !== undefined) {
        try {
          if (step.next === url) throw new EntenteError('ERR_JSON_NEXT_LOOP', `The page ${url} names itself as the next page`, { context: { source: ctx.sourceId, url, token: step.next } });
          guard.visit(step.next, { source: ctx.sourceId, url });
        } catch (err) {
          loop = err as EntenteError;
        }
      }
      // A page whose next link loops is still whole: its items are kept, with a checkpoint that
      // reads it again (so the next run meets the same error rather than skipping anything).
      const page: JsonPage = { items, next: loop ? url : step.next, notices };
      if (step.total !== undefined) page.total = step.total;
      yield page;
      if (loop) throw loop;
      url = step.next;
    }
  }

  return { pages: walk, serverDate: () => clock };
}
