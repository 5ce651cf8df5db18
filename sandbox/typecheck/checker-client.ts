/** Placeholder: the warm checker lands in the next step. */
import type { SandboxSurface } from '../types.ts';
import type { TypeChecker } from './types.ts';

export function createTypeChecker(_surface: SandboxSurface): TypeChecker {
  return {
    check: async () => ({ errors: [], warnings: [] }),
    ready: async () => {},
    close: async () => {},
  };
}
