// The structured logger (pino): JSON lines for machines, pino-pretty for a person at a terminal.
// Every line of the worker carries `source` and `run` (null when a line concerns neither).

import { pino, type Logger, type DestinationStream, type LevelWithSilent } from 'pino';
import { prettyFactory } from 'pino-pretty';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** @default 'info' */
  level?: LevelWithSilent;
  /** Human-readable lines (pino-pretty) instead of JSON. @default false */
  pretty?: boolean;
  /** Where lines go. @default stderr */
  write?: (line: string) => void;
}

/** The root logger. Use {@link workerLog} and {@link runLog} for lines, so each has source and run. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  // Synchronous writes: a worker that exits on a second signal must not lose its last lines.
  const destination: DestinationStream = options.pretty
    ? (() => {
        // "[maps #41] harvest finished": source and run lead the line, the rest follows indented.
        const prettify = prettyFactory({
          colorize: true,
          translateTime: 'SYS:HH:MM:ss',
          ignore: 'pid,hostname,source,run',
          messageFormat: (log, messageKey) => {
            const where = typeof log.source === 'string' ? `[${log.source}${typeof log.run === 'number' ? ` #${log.run}` : ''}] ` : '';
            return `${where}${String(log[messageKey] ?? '')}`;
          },
        });
        return { write: (line: string) => write(prettify(line)) };
      })()
    : { write };
  return pino({ level: options.level ?? 'info', base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/** A logger for lines about the worker as a whole (source and run null). */
export function workerLog(root: Logger): Logger {
  return root.child({ source: null, run: null });
}

/** A logger for one source, and one run of it once its id is known. */
export function runLog(root: Logger, source: string, run: number | null): Logger {
  return root.child({ source, run });
}
