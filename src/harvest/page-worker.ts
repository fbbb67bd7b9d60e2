// Worker-thread entry: processes list pages (OAI-PMH XML, JSON items) off the main thread, which keeps HTTP and the
// single SQLite writer. Must not touch the catalogue or the network.

import { parentPort } from 'node:worker_threads';
import { serialiseError, transferable, type PoolJob } from './page-pool.js';
import { processJsonPage } from './process-json-page.js';
import { processListPage } from './process-page.js';

if (!parentPort) throw new Error('page-worker must run in a worker thread');
const port = parentPort;

port.on('message', (message: PoolJob) => {
  try {
    const page = 'task' in message ? processListPage(message.task) : processJsonPage(message.json.items, message.json.task);
    port.postMessage({ id: message.id, page }, transferable(page.rawBlob));
  } catch (err) {
    port.postMessage({ id: message.id, error: serialiseError(err) });
  }
});
