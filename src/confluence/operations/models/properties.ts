/**
 * Content and space properties (v2 `ContentProperty`, `SpaceProperty`). Copied into
 * confluence.d.ts.
 */
import type { JsonValue, Version } from './common.ts';

/** A property of a page, blog post or whiteboard (v2 `ContentProperty`). */
export interface ContentProperty {
  id: string;
  key: string;
  value: JsonValue;
  version: Version;
}

/** A property of a space (v2 `SpaceProperty`). */
export interface SpaceProperty {
  id: string;
  key: string;
  value: JsonValue;
  /** ISO 8601 date-time. */
  createdAt?: string;
  /** Account id of the creator. */
  createdBy?: string;
  version: { number: number; message?: string; createdAt?: string; createdBy?: string };
}
