// Remembers the next links (or cursors) a list has sent, so that a repeat stops the list with
// ERR_JSON_NEXT_LOOP instead of looping forever. Bounded: the newest `capacity` are kept.

import { EntenteError, type ErrorContext } from '../../errors.js';

export interface LoopGuard {
  /** Records a token; throws ERR_JSON_NEXT_LOOP when it was seen before in this list. */
  visit(token: string, context: ErrorContext): void;
}

export function createLoopGuard(capacity = 100_000): LoopGuard {
  const seen = new Set<string>();
  return {
    visit(token, context) {
      if (seen.has(token)) {
        throw new EntenteError('ERR_JSON_NEXT_LOOP', `The API sent a next page it had already sent in this list ("${token.slice(0, 200)}")`, {
          context: { ...context, token },
        });
      }
      seen.add(token);
      // A Set iterates in insertion order: drop the oldest to stay bounded.
      if (seen.size > capacity) seen.delete(seen.values().next().value as string);
    },
  };
}
