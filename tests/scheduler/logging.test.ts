// The logger factory: JSON lines with source and run on each, or pretty lines for a terminal.

import { describe, expect, it } from 'vitest';
import { createLogger, runLog, workerLog } from '../../src/logging/logger.js';

describe('createLogger', () => {
  it('writes one JSON object per line, with source and run on every line', () => {
    let text = '';
    const root = createLogger({ write: (l) => (text += l) });
    workerLog(root).info({ scheduled: 2 }, 'worker started');
    runLog(root, 'maps', 7).warn({ attempt: 1 }, 'request failed');
    runLog(root, 'maps', null).debug('not written at info');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 30, source: null, run: null, scheduled: 2, msg: 'worker started', pid: process.pid });
    expect(lines[1]).toMatchObject({ level: 40, source: 'maps', run: 7, attempt: 1, msg: 'request failed' });
    expect(Date.parse(lines[0]!.time as string)).not.toBeNaN();
    // Keys appear once: a child never repeats a binding of its parent.
    expect(text.split('\n')[1]!.match(/"source"/g)).toHaveLength(1);
  });

  it('prints readable lines for a terminal', () => {
    let text = '';
    const root = createLogger({ pretty: true, write: (l) => (text += l) });
    runLog(root, 'maps', 7).error({ code: 'ERR_HTTP_STATUS' }, 'harvest failed');
    // eslint-disable-next-line no-control-regex
    const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\] ERROR: \[maps #7\] harvest failed\n {4}code: "ERR_HTTP_STATUS"\n$/);
    text = '';
    workerLog(root).info('worker started');
    expect(text.replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/INFO: worker started\n$/);
  });
});
