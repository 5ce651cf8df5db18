/**
 * What a command reads and writes, passed in so that commands never touch `process` directly
 * (the entry point, main.ts, is the one place that does).
 */
import type { Readable, Writable } from 'node:stream';
import { text } from 'node:stream/consumers';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  /** The environment for loadConfig (default: the process environment, read in src/config.ts). */
  env?: Record<string, string | undefined>;
  /** Resolves when the user asks a long-running command (serve, mcp, emulator) to stop. */
  untilStopped: () => Promise<void>;
  /**
   * For commands that stop cleanly mid-work (`run`, `replay`): a signal aborted by the first
   * Ctrl-C, SIGTERM or SIGHUP (its reason is the signal's name); without it, a signal ends the
   * process at once. Absent in tests that do not send signals.
   */
  interrupts?: () => AbortSignal;
}

/** Writes one line. */
export function writeLine(stream: Writable, line = ''): void {
  stream.write(`${line}\n`);
}

/** Reads a whole stream as UTF-8 text. */
export const readAll: (stream: Readable) => Promise<string> = text;
