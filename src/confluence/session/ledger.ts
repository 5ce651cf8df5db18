/**
 * The call ledger of one run: one {@link CallRecord} per call, in the order the calls were made,
 * and the envelope's `calls` and `writes` figures derived from it.
 */
import type { CallRecord, CallSummary, WriteRecord } from '../types.ts';

export interface Ledger {
  /** Reserves the next index; the record is visible once {@link Ledger.settle} is called. */
  open(): number;
  settle(record: CallRecord): void;
  records(): CallRecord[];
  summary(): CallSummary;
  writes(): WriteRecord[];
}

export interface LedgerOptions {
  /**
   * The run answers every call from a recording: a write that succeeded was `replayed`, not
   * `applied` (nothing reached Confluence, and a user reading `applied` would think it had).
   */
  recorded?: boolean;
}

export function createLedger(options: LedgerOptions = {}): Ledger {
  const succeeded = options.recorded ? 'replayed' : 'applied';
  const settled: CallRecord[] = [];
  let next = 0;
  const records = () => [...settled].sort((a, b) => a.index - b.index);
  return {
    open: () => next++,
    settle(record) {
      settled.push(record);
    },
    records,
    summary() {
      const summary: CallSummary = { total: 0, reads: 0, writes: 0, retries: 0, failed: 0 };
      for (const record of settled) {
        summary.total += 1;
        if (record.kind === 'read') summary.reads += 1;
        else summary.writes += 1;
        summary.retries += record.retries;
        if (record.status === 'error' || record.status === 'refused') summary.failed += 1;
      }
      return summary;
    },
    writes() {
      return records()
        .filter((record) => record.kind === 'write')
        .map((record) => ({
          operation: record.operation,
          target: record.target ?? record.operation,
          status:
            record.status === 'ok' ? succeeded : record.status === 'planned' ? 'planned' : 'failed',
        }));
    },
  };
}
