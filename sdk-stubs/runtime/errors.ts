/** `confluence.isError(error, statusOrCode?)`: narrows a caught value to an SDK error. */
import type { PreludeHelpers } from './types.ts';

export function createIsError(helpers: PreludeHelpers) {
  return function isError(error: unknown, statusOrCode?: number | string): boolean {
    if (typeof error !== 'object' || error === null) return false;
    const fields = error as { status?: unknown; code?: unknown };
    const fromHost = helpers.isHostError
      ? helpers.isHostError(error)
      : error instanceof Error &&
        (typeof fields.code === 'string' || typeof fields.status === 'number');
    if (!fromHost) return false;
    if (statusOrCode === undefined) return true;
    return typeof statusOrCode === 'number'
      ? fields.status === statusOrCode
      : fields.code === statusOrCode;
  };
}
