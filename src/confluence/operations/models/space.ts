/**
 * Spaces (v2 `SpaceBulk` / `SpaceSingle`; the v1 `Space` that `spaces.createPrivate` gets back is
 * mapped onto the same shape). Copied into confluence.d.ts.
 */
import type { BodyValue, IncludedList, Label, PermittedOperation } from './common.ts';
import type { SpaceProperty } from './properties.ts';

/** Space types (`SpaceType`). */
export type SpaceType =
  | 'global'
  | 'collaboration'
  | 'knowledge_base'
  | 'personal'
  | 'system'
  | 'onboarding'
  | 'xflow_sample_space';

/** A space. */
export interface Space {
  /** Numeric id, as a string. */
  id: string;
  /** The key used in CQL and URLs, e.g. `ENG`. */
  key: string;
  name: string;
  type: SpaceType;
  status: 'current' | 'archived';
  authorId?: string;
  spaceOwnerId?: string;
  currentActiveAlias?: string;
  /** ISO 8601 date-time. */
  createdAt?: string;
  /** Id of the space's home page. */
  homepageId?: string;
  /** Present when asked for with `descriptionFormat` (v2) or given at creation. */
  description?: { plain?: BodyValue; view?: BodyValue };
  icon?: { path?: string; apiDownloadLink?: string };
  labels?: IncludedList<Label>;
  properties?: IncludedList<SpaceProperty>;
  operations?: IncludedList<PermittedOperation>;
  _links?: { webui?: string };
}

/** A space deletion in progress: Confluence deletes spaces asynchronously (v1 `LongTask`). */
export interface SpaceDeletion {
  /** The long task's id; poll `/wiki/rest/api/longtask/{id}` for its progress. */
  taskId: string;
  spaceKey: string;
  /** Relative URL of the task's status. */
  statusLink?: string;
}
