/** The type-checker as the run pipeline sees it. */
import type { Diagnostic } from '../types.ts';

export interface CheckOutcome {
  /** Diagnostics that involve the surface's checked globals: the run fails in `typecheck`. */
  errors: Diagnostic[];
  /** Everything else: reported, not blocking. */
  warnings: Diagnostic[];
}

export interface TypeChecker {
  check(code: string): Promise<CheckOutcome>;
  ready(): Promise<void>;
  close(): Promise<void>;
}
