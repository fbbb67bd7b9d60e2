// Whether the process that holds a lock row (a source's harvest lock, the worker lock) may still
// be running. Only a process on this host can be asked; one elsewhere is assumed alive.

import { hostname } from 'node:os';

/** False only when the holder is on this host and its process is gone. */
export function lockHolderMayBeAlive(pid: number, host: string): boolean {
  if (host !== hostname()) return true;
  try {
    process.kill(pid, 0); // signal 0: an existence check, nothing is sent
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When this process started: a lock row with its pid taken before then was a predecessor's. */
const PROCESS_STARTED_MS = Date.now() - process.uptime() * 1000;

/**
 * Whether a lock row is this very process's. Its pid alone does not say: pids are reused, and a
 * restarted container's main process has the same pid (1) as the one that was killed.
 */
export function heldByThisProcess(held: { pid: number; hostname: string; acquired_at: string }): boolean {
  return held.pid === process.pid && held.hostname === hostname() && Date.parse(held.acquired_at) >= PROCESS_STARTED_MS - 1000;
}
