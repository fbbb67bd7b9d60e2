// Fetches one JSON document politely (the shared HttpClient's host queue), retrying transient
// failures, a non-JSON body included, and returns the text as served beside the parsed value.

import type { ErrorContext } from '../../errors.js';
import type { HttpClient } from '../../http/client.js';
import { withRetry, type RetryEvent, type RetryPolicy } from '../../http/retry.js';
import { isoSeconds } from './datestamp.js';
import { parseJsonBody } from './parse-json-body.js';

/** What every JSON adapter needs to make requests. */
export interface JsonFetchContext {
  http: HttpClient;
  sourceId: string;
  retry: RetryPolicy;
  limits?: { maxResponseBytes?: number; headersTimeoutMs?: number; bodyTimeoutMs?: number };
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent & { url: string }) => void;
  /**
   * Called with each URL's host before its first request: objects (manifests) often live on
   * another host than the list, and the source's politeness settings apply there too.
   */
  onHost?: (host: string) => void;
}

export interface JsonResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  /** The body as served (UTF-8 decoded, BOM dropped): stored as the raw payload. */
  text: string;
  document: unknown;
}

export const JSON_ACCEPT = 'application/ld+json, application/json;q=0.9, */*;q=0.1';

/** One JSON document, retried per the policy. Errors carry the source and URL. */
export async function fetchJson(ctx: JsonFetchContext, url: string, context: ErrorContext = {}): Promise<JsonResponse> {
  if (ctx.onHost) {
    try {
      ctx.onHost(new URL(url).host);
    } catch {
      // an invalid URL is reported by the request itself
    }
  }
  return withRetry(
    async () => {
      const res = await ctx.http.fetch(url, {
        accept: JSON_ACCEPT,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        ...(ctx.limits ? { limits: ctx.limits } : {}),
      });
      const parsed = parseJsonBody(res.body, { source: ctx.sourceId, url, contentType: res.headers['content-type'], ...context });
      return { url: res.url, status: res.status, headers: res.headers, text: parsed.text, document: parsed.document };
    },
    ctx.retry,
    {
      ...(ctx.signal ? { signal: ctx.signal } : {}),
      onRetry: (e) => ctx.onRetry?.({ ...e, url }),
    },
  ).catch((err: unknown) => {
    throw err instanceof Error && 'withContext' in err ? (err as { withContext(c: ErrorContext): Error }).withContext({ source: ctx.sourceId, url }) : err;
  });
}

/** The server's clock from a response's Date header, else ours when it is absent or unreadable, as ISO 8601 UTC to the second. */
export function serverDate(headers: Record<string, string>): string {
  const t = Date.parse(headers.date ?? '');
  return isoSeconds(Number.isNaN(t) ? Date.now() : t);
}
