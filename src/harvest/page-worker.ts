// Worker-thread entry: processes list pages off the main thread, which keeps HTTP and the
// single SQLite writer. Must not touch the catalogue or the network.

import { parentPort } from 'node:worker_threads';
import { serialiseError, transferable } from './page-pool.js';
import { processListPage, type PageTask } from './process-page.js';

if (!parentPort) throw new Error('page-worker must run in a worker thread');
const port = parentPort;

port.on('message', (message: { id: number; task: PageTask }) => {
  try {
    const page = processListPage(message.task);
    port.postMessage({ id: message.id, page }, transferable(page.rawBlob));
  } catch (err) {
    port.postMessage({ id: message.id, error: serialiseError(err) });
  }
});
