// Terminal output helpers for the CLI: tables, durations, error rendering. No business logic.

import { EntenteError, toEntenteError } from '../errors.js';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  isTTY: boolean;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
};

/** A plain-text table with aligned columns; numbers right-aligned. */
export function renderTable(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number'));
  const line = (r: string[]): string =>
    r.map((c, i) => (numeric[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  return [line(cells[0] as string[]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n') + '\n';
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** Prints an error with its code, hint and context; returns nothing. */
export function printError(io: Io, err: unknown, prefix = 'error'): void {
  const e: EntenteError = toEntenteError(err);
  io.err(`${prefix}: ${e.message}\n  code: ${e.code}\n  what to do: ${e.hint}\n`);
  const ctx = Object.entries(e.context).filter(([k, v]) => v !== undefined && k !== 'problems');
  for (const [k, v] of ctx) io.err(`  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}\n`);
}
