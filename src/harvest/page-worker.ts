// Worker-thread entry: processes list pages off the main thread, which keeps HTTP and the
// single SQLite writer. Must not touch the catalogue or the network.

import { parentPort } from 'node:worker_threads';
import { serialiseError } from './page-pool.js';
import { processListPage, type PageTask } from './process-page.js';

if (!parentPort) throw new Error('page-worker must run in a worker thread');
const port = parentPort;

port.on('message', (message: { id: number; task: PageTask }) => {
  try {
    // Payloads are small and may share pooled buffers: copied, not transferred.
    port.postMessage({ id: message.id, page: processListPage(message.task) });
  } catch (err) {
    port.postMessage({ id: message.id, error: serialiseError(err) });
  }
});
