/**
 * Console output of one run: forwarded to the parent as it happens, up to maxLogBytes in all.
 * Past the cap, entries are counted and dropped (elided, not an error).
 */
import type { LogLevel } from '../types.ts';

const LEVELS: ReadonlySet<string> = new Set<LogLevel>(['debug', 'log', 'info', 'warn', 'error']);

export class LogSink {
  truncated = false;
  readonly elided = { entries: 0, bytes: 0 };
  private bytes = 0;
  private readonly maxBytes: number;
  private readonly forward: (level: LogLevel, message: string) => void;

  constructor(maxBytes: number, forward: (level: LogLevel, message: string) => void) {
    this.maxBytes = maxBytes;
    this.forward = forward;
  }

  readonly add = (level: unknown, message: unknown): void => {
    const text = typeof message === 'string' ? message : String(message);
    const size = Buffer.byteLength(text);
    const safeLevel = typeof level === 'string' && LEVELS.has(level) ? (level as LogLevel) : 'log';
    if (this.truncated) {
      this.elided.entries++;
      this.elided.bytes += size;
      return;
    }
    const room = this.maxBytes - this.bytes;
    if (size <= room) {
      this.bytes += size;
      this.forward(safeLevel, text);
      return;
    }
    this.truncated = true;
    this.elided.entries++;
    this.elided.bytes += size - Math.max(0, room);
    if (room > 0) {
      this.bytes = this.maxBytes;
      this.forward(safeLevel, `${Buffer.from(text).subarray(0, room).toString()}…`);
    }
  };
}
