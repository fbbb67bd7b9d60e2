// Whether the process that holds a lock row (a source's harvest lock, the worker lock) may still
// be running. Only a process on this host can be asked; one elsewhere is assumed alive.

import { hostname } from 'node:os';

/** Who holds a lock: its process and host, and when it took the lock. */
export interface LockHolder {
  pid: number;
  hostname: string;
  takenAt: string;
}

/** When this process started: a lock taken under its pid before then was a predecessor's. */
const PROCESS_STARTED_MS = Date.now() - process.uptime() * 1000;

/**
 * Whether the holder is this very process. Its pid alone does not say: pids are reused, and a
 * restarted container's main process is pid 1 again, like the one that was killed.
 */
export function heldByThisProcess(holder: LockHolder): boolean {
  return holder.pid === process.pid && holder.hostname === hostname() && Date.parse(holder.takenAt) >= PROCESS_STARTED_MS - 1000;
}

/** False only when the holder is on this host and its process is gone (or is this one's predecessor). */
export function lockHolderMayBeAlive(holder: LockHolder): boolean {
  if (holder.hostname !== hostname()) return true;
  if (holder.pid === process.pid) return heldByThisProcess(holder);
  try {
    process.kill(holder.pid, 0); // signal 0: an existence check, nothing is sent
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
