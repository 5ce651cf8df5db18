/**
 * `ContentProperty` and `SpaceProperty` JSON (openapi-v2).
 */
import type { PropertyRow } from './store.ts';

export function contentPropertyJson(row: PropertyRow) {
  return {
    id: String(row.id),
    key: row.key,
    value: JSON.parse(row.value) as unknown,
    version: {
      createdAt: new Date(row.updated_at).toISOString(),
      message: row.message,
      number: row.version,
      minorEdit: row.minor_edit === 1,
      authorId: row.updated_by,
    },
  };
}

export function spacePropertyJson(row: PropertyRow) {
  return {
    id: String(row.id),
    key: row.key,
    value: JSON.parse(row.value) as unknown,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    version: {
      createdAt: new Date(row.updated_at).toISOString(),
      createdBy: row.updated_by,
      message: row.message,
      number: row.version,
    },
  };
}
