// Locates ../shared (fixtures and datasets from other projects, read-only). Tests that need it
// skip with a message naming the folder when it is absent, as in a user's own clone.

import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_DIR = resolve(fileURLToPath(new URL('../../../shared', import.meta.url)));
export const OAI_FIXTURES = join(SHARED_DIR, 'fixtures/real/oai-pmh');
export const hasShared = existsSync(OAI_FIXTURES);

if (!hasShared) console.warn(`[entente tests] ${OAI_FIXTURES} is absent: tests over real archive fixtures are skipped.`);

export function oaiFixtureFiles(): string[] {
  return hasShared ? readdirSync(OAI_FIXTURES).filter((f) => f.endsWith('.xml')).sort() : [];
}
