/**
 * Permitted operations (`GET /pages/{id}/operations`, `include-operations`): what the caller may
 * do. The emulator has no per-user permissions beyond private spaces, so anyone who can see an
 * item may read, update and delete it; only admins and owners may administer a space.
 */
import type { UserRow } from '../users/store.ts';

export interface PermittedOperation {
  operation: string;
  targetType: string;
}

/** `editable` false (an update restriction that does not name the caller) leaves only `read`. */
export function contentOperations(targetType: string, editable = true): PermittedOperation[] {
  const operations = editable ? ['read', 'update', 'delete'] : ['read'];
  return operations.map((operation) => ({ operation, targetType }));
}

export function spaceOperations(user: UserRow, ownerId: string): PermittedOperation[] {
  const operations = ['read', 'create', 'delete'].map((operation) => ({
    operation,
    targetType: 'space',
  }));
  if (user.is_admin === 1 || user.account_id === ownerId)
    operations.push({ operation: 'administer', targetType: 'space' });
  return [
    ...operations,
    { operation: 'create', targetType: 'page' },
    { operation: 'create', targetType: 'blogpost' },
  ];
}
