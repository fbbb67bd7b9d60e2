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
