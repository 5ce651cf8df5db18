/**
 * Request bodies of the v2 content writes (openapi-v2 PageCreateRequest, PageUpdateRequest,
 * BlogPostCreateRequest, BlogPostUpdateRequest, updatePageTitle), as zod schemas.
 */
import { z } from 'zod';
import { bodyWriteSchema } from './body-write.ts';

/** Ids travel as strings in v2 bodies; numbers are accepted too. */
export const idString = z
  .union([z.string().regex(/^\d+$/, 'must be a numeric id'), z.int().positive()])
  .transform(Number);

export const createContentSchema = z.object({
  spaceId: idString,
  status: z.enum(['current', 'draft']).default('current'),
  title: z.string().max(255).optional(),
  parentId: idString.optional(),
  body: bodyWriteSchema.optional(),
  subtype: z.enum(['live']).optional(),
  createdAt: z.iso.datetime().optional(),
});

export const updateContentSchema = z.object({
  id: idString,
  status: z.enum(['current', 'draft']),
  title: z.string().min(1).max(255),
  spaceId: idString.optional(),
  parentId: idString.optional(),
  ownerId: z.string().optional(),
  body: bodyWriteSchema,
  version: z.object({ number: z.int().positive(), message: z.string().optional() }),
  createdAt: z.iso.datetime().optional(),
});

export const updateTitleSchema = z.object({
  status: z.enum(['current', 'draft']),
  title: z.string().min(1).max(255),
});

export type CreateContentInput = z.infer<typeof createContentSchema>;
export type UpdateContentInput = z.infer<typeof updateContentSchema>;
