/**
 * Option fields shared by the GET of a page and of a blog post: the `include-*` switches and the
 * status filter, with their v2 query names.
 */
import { z } from 'zod';
import { kebabCase } from './http.ts';

const INCLUDE_DESCRIPTIONS = {
  includeLabels: 'Include its labels (`labels`).',
  includeProperties: 'Include its content properties (`properties`).',
  includeOperations: 'Include the operations you may perform (`operations`).',
  includeLikes: 'Include who liked it (`likes`).',
  includeVersions: 'Include its recent versions (`versions`).',
  includeVersion: 'Include the current version (`version`); default true.',
  includeFavoritedByCurrentUserStatus:
    'Include whether you favorited it (`isFavoritedByCurrentUser`).',
  includeWebresources: 'Include the web resources needed to render it.',
  includeCollaborators: 'Include its collaborators.',
  includeDirectChildren: 'Include its direct children.',
} as const;

export type IncludeFlag = keyof typeof INCLUDE_DESCRIPTIONS;

/** The zod shape of the given `include*` switches. */
export function includeFlags<Flag extends IncludeFlag>(flags: readonly Flag[]) {
  return Object.fromEntries(
    flags.map((flag) => [flag, z.boolean().optional().describe(INCLUDE_DESCRIPTIONS[flag])]),
  ) as { [Name in Flag]: z.ZodOptional<z.ZodBoolean> };
}

/** The query of the `include*` switches that are set: `includeLabels` → `include-labels`. */
export function includeQuery(
  input: Partial<Record<IncludeFlag, boolean | undefined>>,
): Record<string, boolean> {
  const query: Record<string, boolean> = {};
  for (const flag of Object.keys(INCLUDE_DESCRIPTIONS) as IncludeFlag[]) {
    const value = input[flag];
    if (value !== undefined) query[kebabCase(flag)] = value;
  }
  return query;
}

export const PAGE_INCLUDE_FLAGS = Object.keys(INCLUDE_DESCRIPTIONS) as IncludeFlag[];
export const BLOGPOST_INCLUDE_FLAGS = PAGE_INCLUDE_FLAGS.filter(
  (flag) => flag !== 'includeDirectChildren',
);
