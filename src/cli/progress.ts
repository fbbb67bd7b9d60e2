// Harvest progress for humans: a live bar on a terminal (records, pages, rate, ETA when the
// repository gives completeListSize), plain log lines otherwise. Writes to stderr only.

import cliProgress from 'cli-progress';
import type { HarvestEvent, HarvestProgress } from '../harvest/harvest-source.js';
import { formatDuration, type Io } from './output.js';

export interface ProgressReporter {
  start(sourceId: string, label: string): void;
  update(progress: HarvestProgress): void;
  event(event: HarvestEvent): void;
  stop(): void;
}

/** Log lines at most this often when not on a terminal. */
const LOG_EVERY_MS = 2000;

export function createProgressReporter(io: Io, options: { quiet?: boolean } = {}): ProgressReporter {
  if (options.quiet) return { start() {}, update() {}, event() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  let started = 0;
  let lastLog = 0;

  /** Records per second in this run (a resumed run's earlier records are not counted). */
  const rate = (records: number): number => {
    const s = (performance.now() - started) / 1000;
    return s > 0 ? records / s : 0;
  };

  return {
    start(sourceId, label) {
      started = performance.now();
      lastLog = 0;
      if (io.isTTY) {
        bar = new cliProgress.SingleBar(
          {
            format: '{source} [{bar}] {value}/{total} records | {pages} pages | {rate}/s | {eta_text}',
            stream: process.stderr,
            hideCursor: true,
            clearOnComplete: true,
            etaBuffer: 20,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(0, 0, { source: sourceId, pages: 0, rate: 0, eta_text: label });
      } else {
        io.err(`${sourceId}: ${label}\n`);
      }
    },
    update(p) {
      const r = Math.round(rate(p.counts.seen));
      const total = p.completeListSize ?? 0;
      if (bar) {
        const remaining = total > p.records && r > 0 ? formatDuration(((total - p.records) / r) * 1000) : '';
        bar.setTotal(Math.max(total, p.records));
        bar.update(p.records, { pages: p.pages, rate: r, eta_text: remaining ? `ETA ${remaining}` : total ? '' : 'size unknown' });
        return;
      }
      const t = performance.now();
      if (t - lastLog >= LOG_EVERY_MS) {
        lastLog = t;
        const of = total ? ` of ${total}` : '';
        io.err(`${p.sourceId}: ${p.records}${of} records, ${p.pages} pages, ${r} records/s\n`);
      }
    },
    event(e) {
      const line =
        e.type === 'retry'
          ? `${e.sourceId}: retry ${e.attempt} in ${formatDuration(e.delayMs)} (${e.error.code}: ${e.error.message})`
          : e.type === 'restart-window'
            ? `${e.sourceId}: restarting window ${e.windowIndex + 1} from its start (${e.reason})`
            : `${e.sourceId}: ${e.message}`;
      if (bar) {
        // Keep the bar intact: print above it.
        process.stderr.write(`\r\x1b[2K${line}\n`);
      } else io.err(line + '\n');
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
