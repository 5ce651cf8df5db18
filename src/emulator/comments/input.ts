/**
 * Request bodies of the comment writes (openapi-v2 `CreateFooterCommentModel`,
 * `CreateInlineCommentModel`, `UpdateFooterCommentModel`, `UpdateInlineCommentModel`).
 */
import { z } from 'zod';
import { bodyWriteSchema } from '../content/body-write.ts';

/** Ids travel as strings in v2 bodies (numbers are accepted); checked when resolved. */
const idLike = z.union([z.string(), z.int()]).transform(String);

const version = z.object({
  number: z.int().positive(),
  message: z.string().optional(),
});

export const createFooterCommentSchema = z.object({
  pageId: idLike.optional(),
  blogPostId: idLike.optional(),
  attachmentId: idLike.optional(),
  customContentId: idLike.optional(),
  parentCommentId: idLike.optional(),
  body: bodyWriteSchema,
});

export const createInlineCommentSchema = z.object({
  pageId: idLike.optional(),
  blogPostId: idLike.optional(),
  parentCommentId: idLike.optional(),
  body: bodyWriteSchema,
  inlineCommentProperties: z
    .object({
      textSelection: z.string().min(1, 'the text to highlight must not be empty'),
      textSelectionMatchCount: z.int().positive().optional(),
      textSelectionMatchIndex: z.int().nonnegative().optional(),
    })
    .optional(),
});

export const updateFooterCommentSchema = z.object({ version, body: bodyWriteSchema });

export const updateInlineCommentSchema = z
  .object({ version, body: bodyWriteSchema.optional(), resolved: z.boolean().optional() })
  .refine(
    (input) => input.body !== undefined || input.resolved !== undefined,
    'give a body, resolved, or both',
  );

export type CreateFooterCommentInput = z.infer<typeof createFooterCommentSchema>;
export type CreateInlineCommentInput = z.infer<typeof createInlineCommentSchema>;

/** The parent fields of a create body, in the order the document lists them. */
export const PARENT_FIELDS = [
  'pageId',
  'blogPostId',
  'attachmentId',
  'customContentId',
  'parentCommentId',
] as const;
export type ParentField = (typeof PARENT_FIELDS)[number];
