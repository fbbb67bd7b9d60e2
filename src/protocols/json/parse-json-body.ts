// Reads an HTTP response body as JSON with specific errors: an HTML page or other text is
// ERR_JSON_NOT_JSON (retried: often a proxy's error page), a body cut short likewise.
// Pure: no I/O.

import { EntenteError, type ErrorContext } from '../../errors.js';

/** Decodes a JSON body (UTF-8, BOM dropped) and parses it. Throws ERR_JSON_NOT_JSON with a snippet of what came instead. */
export function parseJsonBody(body: Uint8Array, context: ErrorContext & { contentType?: string | undefined }): { text: string; document: unknown } {
  let text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const start = text.trimStart().charAt(0);
  if (start !== '{' && start !== '[') {
    const html = /^\s*</.test(text);
    const snippet = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
    throw new EntenteError(
      'ERR_JSON_NOT_JSON',
      `${html ? 'An HTML or XML page' : 'A body that is not JSON'} came instead of JSON${context.contentType ? ` (Content-Type ${context.contentType})` : ''}${snippet ? `: "${snippet}"` : text.length === 0 ? ': the body was empty' : ''}`,
      { context: { ...context, bytes: body.byteLength } },
    );
  }
  try {
    return { text, document: JSON.parse(text) as unknown };
  } catch (err) {
    throw new EntenteError('ERR_JSON_NOT_JSON', `The body is not valid JSON (${(err as Error).message}); it may have been cut short`, {
      cause: err,
      context: { ...context, bytes: body.byteLength },
    });
  }
}

/** A JSON Pointer that found nothing (or the wrong kind of value) in a response: ERR_JSON_SHAPE naming it. */
export function shapeError(what: string, pointer: string, expected: string, context: ErrorContext): EntenteError {
  return new EntenteError('ERR_JSON_SHAPE', `${what} "${pointer === '' ? '(the whole document)' : pointer}" did not find ${expected}`, {
    context: { ...context, pointer },
  });
}
