// The CLI in-process for tests: a command (or `entente ...args` as a whole) run with its output
// captured. Writes nothing outside what the command itself writes.

import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/output.js';

/** What a CLI run returned and wrote. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `command` with an Io (not a TTY) that captures its stdout and stderr. */
export async function captureIo(command: (io: Io) => Promise<number>): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t), isTTY: false };
  const code = await command(io);
  return { code, out, err };
}

/** `entente ...args`, in-process. */
export function cli(...args: string[]): Promise<CliRun> {
  return captureIo((io) => main(['node', 'entente', ...args], io));
}
