// What every harvest integration test starts from: a fresh catalogue file, an HTTP client with
// short timeouts and an inline page pool, made before each test and closed after it, together
// with whatever loopback server the test started.

import { afterAll, afterEach, beforeEach } from 'vitest';
import { openCatalogue, type Catalogue } from '../../src/catalogue/catalogue.js';
import { createHttpClient, type HttpClient } from '../../src/http/client.js';
import { createPagePool, type PagePool } from '../../src/harvest/page-pool.js';
import { tempDir } from './tmp.js';

export interface HarvestEnv {
  catalogue: Catalogue;
  http: HttpClient;
  pool: PagePool;
}

/**
 * Registers the hooks: `use` receives each test's environment (assign it to the file's own
 * variables), `closeServer` stops the test's server after the environment is closed.
 */
export function freshHarvestEachTest(use: (env: HarvestEnv) => void, closeServer: () => Promise<void>): void {
  const dir = tempDir();
  afterAll(() => dir.remove());
  let n = 0;
  let env: HarvestEnv | undefined;
  beforeEach(() => {
    env = { catalogue: openCatalogue(dir.file(`c${++n}.sqlite`)), http: createHttpClient({ headersTimeoutMs: 2000, bodyTimeoutMs: 2000 }), pool: createPagePool(0) };
    use(env);
  });
  afterEach(async () => {
    if (env) {
      env.catalogue.close();
      await env.http.close();
      await env.pool.close();
      env = undefined;
    }
    await closeServer();
  });
}
