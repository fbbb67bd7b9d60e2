// What every harvest integration test starts from: a fresh catalogue file, an HTTP client with
// short timeouts and an inline page pool, made before each test and closed after it, together
// with whatever loopback server the test started.

import { afterAll, afterEach, beforeEach } from 'vitest';
import { openCatalogue, type Catalogue } from '../../src/catalogue/catalogue.js';
import { createHttpClient, type HttpClient } from '../../src/http/client.js';
import { createPagePool, type PagePool } from '../../src/harvest/page-pool.js';
import type { OaiProvider } from '../../src/provider/types.js';
import { startFaultServer, type FaultPlan, type FaultServer } from './fault-server.js';
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

/** Each test's harvest environment, and the loopback OAI-PMH servers it starts. */
export interface FaultServerHarvests {
  readonly catalogue: Catalogue;
  /** The test's catalogue, HTTP client and page pool, as harvestSource takes them. */
  env(): HarvestEnv;
  /** Starts a fault server in front of `provider`, closed after the test. */
  serve(provider: OaiProvider, plan?: FaultPlan): Promise<FaultServer>;
}

/** freshHarvestEachTest for files whose tests harvest loopback OAI-PMH fault servers. */
export function faultServerHarvests(): FaultServerHarvests {
  let current: HarvestEnv | undefined;
  const servers: FaultServer[] = [];
  freshHarvestEachTest(
    (env) => (current = env),
    async () => {
      await Promise.all(servers.splice(0).map((s) => s.close()));
    },
  );
  const env = (): HarvestEnv => {
    if (!current) throw new Error('The harvest environment exists only inside a test');
    return current;
  };
  return {
    get catalogue() {
      return env().catalogue;
    },
    env,
    async serve(provider, plan) {
      const server = await startFaultServer(provider, plan);
      servers.push(server);
      return server;
    },
  };
}
