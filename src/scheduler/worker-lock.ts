// The worker lock: one `entente worker` per catalogue file. A row in `worker_lock` names the
// holder (random owner id, pid, host) and its heartbeat; a dead or silent holder is taken over.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type Database from 'better-sqlite3';
import { EntenteError } from '../errors.js';
import { lockHolderMayBeAlive } from '../catalogue/lock-holder.js';
import { hasTable } from '../catalogue/tables.js';

/** Who holds the lock. */
export interface WorkerLockInfo {
  owner: string;
  pid: number;
  hostname: string;
  startedAt: string;
  heartbeatAt: string;
}

export interface WorkerLock {
  readonly owner: string;
  /** The stale holder this worker replaced, if any (for the log). */
  readonly tookOver: WorkerLockInfo | undefined;
  /** Refreshes the heartbeat; throws ERR_WORKER_LOCKED if another worker took the lock meanwhile. */
  heartbeat(): void;
  release(): void;
}

export interface WorkerLockOptions {
  /**
   * A holder whose heartbeat is older than this is presumed dead (the only test possible for a
   * holder on another host, and a guard against a reused pid on this one).
   * @default 90000
   */
  staleAfterMs?: number;
  now?: () => Date;
}

export const HEARTBEAT_INTERVAL_MS = 15_000;
const DEFAULT_STALE_AFTER_MS = 90_000;

interface LockRow {
  owner: string;
  pid: number;
  hostname: string;
  started_at: string;
  heartbeat_at: string;
}

const toInfo = (row: LockRow): WorkerLockInfo => ({ owner: row.owner, pid: row.pid, hostname: row.hostname, startedAt: row.started_at, heartbeatAt: row.heartbeat_at });

/** Whether a lock holder is still working: its process runs (same host) and its heartbeat is fresh. */
function isLockLive(info: WorkerLockInfo, now: Date, staleAfterMs = DEFAULT_STALE_AFTER_MS): boolean {
  if (now.getTime() - Date.parse(info.heartbeatAt) > staleAfterMs) return false;
  return lockHolderMayBeAlive({ pid: info.pid, hostname: info.hostname, takenAt: info.startedAt });
}

/** Takes the worker lock, or throws ERR_WORKER_LOCKED naming the live holder. */
export function acquireWorkerLock(db: Database.Database, options: WorkerLockOptions = {}): WorkerLock {
  const now = options.now ?? (() => new Date());
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const owner = randomUUID();
  const select = db.prepare<[], LockRow>('SELECT owner, pid, hostname, started_at, heartbeat_at FROM worker_lock WHERE id = 1');
  let tookOver: WorkerLockInfo | undefined;
  // IMMEDIATE: two workers starting at once serialise here; the second sees the first's row.
  db.transaction(() => {
    const held = select.get();
    if (held) {
      const info = toInfo(held);
      if (isLockLive(info, now(), staleAfterMs)) {
        throw new EntenteError(
          'ERR_WORKER_LOCKED',
          `Another entente worker is running on this catalogue: process ${info.pid} on ${info.hostname}, started ${info.startedAt} (last heartbeat ${info.heartbeatAt})`,
          { context: { pid: info.pid, hostname: info.hostname, startedAt: info.startedAt, heartbeatAt: info.heartbeatAt } },
        );
      }
      tookOver = info;
    }
    const at = now().toISOString();
    db.prepare('INSERT OR REPLACE INTO worker_lock (id, owner, pid, hostname, started_at, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?)').run(owner, process.pid, hostname(), at, at);
  }).immediate();

  const beat = db.prepare('UPDATE worker_lock SET heartbeat_at = ? WHERE id = 1 AND owner = ?');
  return {
    owner,
    tookOver,
    heartbeat() {
      if (beat.run(now().toISOString(), owner).changes === 0) {
        const holder = select.get();
        throw new EntenteError('ERR_WORKER_LOCKED', `This worker lost its lock on the catalogue${holder ? ` to process ${holder.pid} on ${holder.hostname}` : ''}`, {
          context: holder ? { pid: holder.pid, hostname: holder.hostname } : {},
        });
      }
    },
    release() {
      db.prepare('DELETE FROM worker_lock WHERE id = 1 AND owner = ?').run(owner);
    },
  };
}

/** The current holder, if any, and whether it looks alive (for `entente status`). */
export function readWorkerLock(db: Database.Database, now = new Date()): (WorkerLockInfo & { live: boolean }) | undefined {
  if (!hasTable(db, 'worker_lock')) return undefined;
  const row = db.prepare<[], LockRow>('SELECT owner, pid, hostname, started_at, heartbeat_at FROM worker_lock WHERE id = 1').get();
  if (!row) return undefined;
  const info = toInfo(row);
  return { ...info, live: isLockLive(info, now) };
}

