// The problems a refused config reports, as "path: message" lines, for the config tests.

import { expect } from 'vitest';
import { parseConfig } from '../../src/config/load-config.js';
import type { EntenteError } from '../../src/errors.js';

export function configProblems(input: unknown): string[] {
  try {
    parseConfig(input);
  } catch (err) {
    expect((err as EntenteError).code).toBe('ERR_CONFIG_INVALID');
    return ((err as EntenteError).context.problems as { path: string; message: string }[]).map((p) => `${p.path}: ${p.message}`);
  }
  throw new Error('expected the config to be refused');
}
