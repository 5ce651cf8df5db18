import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../sandbox/types.ts';
import { capLogs } from '../../src/runs/logs.ts';

const entry = (message: string, level: LogEntry['level'] = 'log'): LogEntry => ({
  level,
  message,
  atMs: 0,
});
const options = { budgetChars: 2_000, maxLines: 20, maxLineChars: 300 };

describe('capLogs', () => {
  it('capLogs: short output comes back whole, levels other than log/info prefixed', () => {
    const { lines, elided } = capLogs(
      [entry('hello'), entry('careful', 'warn'), entry('fyi', 'info')],
      options,
    );
    expect(lines).toEqual(['hello', 'warn: careful', 'fyi']);
    expect(elided).toBe(false);
  });

  it('capLogs: many lines keep the head and the tail with a count of what was left out', () => {
    const entries = Array.from({ length: 100 }, (_, index) => entry(`line ${index}`));
    const { lines, elided } = capLogs(entries, options);
    expect(elided).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(lines[0]).toBe('line 0');
    expect(lines.at(-1)).toBe('line 99');
    const marker = lines.find((line) => line.startsWith('…'))!;
    expect(marker).toBe(`…[+${100 - lines.length + 1} lines]`);
  });

  it('capLogs: a long line keeps its head and says how many characters were cut', () => {
    const { lines } = capLogs([entry('y'.repeat(5_000))], options);
    expect(lines[0]).toMatch(/^y+…\[\+\d+ chars\]$/);
    expect(JSON.stringify(lines[0]).length).toBeLessThanOrEqual(300);
  });

  it('capLogs: output the sandbox dropped is noted at the end', () => {
    const { lines, elided } = capLogs([entry('a')], { ...options, droppedBySandbox: true });
    expect(lines).toEqual(['a', '…[more output was dropped: the sandbox log limit was reached]']);
    expect(elided).toBe(true);
  });

  it('capLogs: any output stays within the budget and the line count', () => {
    const level = fc.constantFrom<LogEntry['level']>('log', 'warn', 'error', 'debug', 'info');
    const entries = fc.array(
      fc.record({
        level,
        message: fc.string({ unit: 'binary', maxLength: 2_000 }),
        atMs: fc.nat(),
      }),
      { maxLength: 300 },
    );
    fc.assert(
      fc.property(
        entries,
        fc.integer({ min: 200, max: 5_000 }),
        fc.integer({ min: 3, max: 50 }),
        fc.boolean(),
        (logs, budgetChars, maxLines, droppedBySandbox) => {
          const { lines } = capLogs(logs, {
            budgetChars,
            maxLines,
            maxLineChars: 1_000,
            droppedBySandbox,
          });
          expect(JSON.stringify(lines).length).toBeLessThanOrEqual(budgetChars);
          expect(lines.length).toBeLessThanOrEqual(maxLines);
        },
      ),
    );
  });
});
