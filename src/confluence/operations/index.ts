/**
 * The operation registry: every SDK operation, grouped by resource. The single source from which
 * sdk-stubs/confluence.d.ts, the in-isolate prelude and `describe_sdk` are generated, and which
 * the run session executes (validation, policy, dry-run, ledger).
 *
 * @example
 * import { OPERATIONS, findOperation } from './operations/index.ts';
 * const spec = findOperation('pages.get'); // or 'CONFLUENCE_GET_PAGE_BY_ID', or 'getPageById'
 * console.log(OPERATIONS.length, spec?.endpoint);
 */
import type { OperationSpec } from '../operation.ts';
import {
  attachmentLabels,
  blogPostLabels,
  pageLabels,
  spaceContentLabels,
  spaceLabels,
} from './content-labels.ts';
import {
  downloadAttachment,
  listAttachments,
  pageAttachments,
  uploadAttachment,
} from './attachments.ts';
import { listAuditRecords } from './audit.ts';
import {
  blogPostLikeCount,
  blogPostOperations,
  createBlogPost,
  getBlogPost,
  listBlogPosts,
  updateBlogPost,
} from './blogposts.ts';
import {
  blogPostInlineComments,
  createFooterComment,
  footerCommentReplies,
  pageFooterComments,
  pageInlineComments,
} from './comments.ts';
import { addLabels, labelBlogPosts, listLabels, removeLabel } from './labels.ts';
import { movePage, pageAncestors, pageChildren, pageDescendants } from './page-tree.ts';
import {
  createPage,
  deletePage,
  findPageByTitle,
  getPage,
  listPages,
  pageLikeCount,
  updatePage,
} from './pages.ts';
import {
  blogPostPropertyOperations,
  pagePropertyOperations,
  spacePropertyOperations,
  whiteboardPropertyOperations,
} from './properties.ts';
import { getRestrictions } from './restrictions.ts';
import { searchContent, searchCql } from './search.ts';
import { createPrivateSpace, createSpace, deleteSpace } from './space-writes.ts';
import { getSpace, listSpaces, spacePages } from './spaces.ts';
import { listTasks, updateTask } from './tasks.ts';
import { anonymousUser, currentUser, searchUsers } from './users.ts';
import { blogPostVersionDetails, blogPostVersions, pageVersions } from './versions.ts';
import { createWhiteboard } from './whiteboards.ts';

/** An entry of the registry, whatever its input and result types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- entries differ in Input/Result; each is checked where defined
export type AnyOperationSpec = OperationSpec<any, any>;

/** Every operation, in the order the d.ts and the index show them (resource by resource). */
export const OPERATIONS: readonly AnyOperationSpec[] = [
  getPage,
  listPages,
  findPageByTitle,
  createPage,
  updatePage,
  deletePage,
  pageChildren,
  pageAncestors,
  pageDescendants,
  movePage,
  pageVersions,
  pageLikeCount,
  pageLabels,
  pageAttachments,
  pageFooterComments,
  pageInlineComments,
  ...pagePropertyOperations,
  getBlogPost,
  listBlogPosts,
  createBlogPost,
  updateBlogPost,
  blogPostVersions,
  blogPostVersionDetails,
  blogPostLikeCount,
  blogPostOperations,
  blogPostLabels,
  blogPostInlineComments,
  ...blogPostPropertyOperations,
  getSpace,
  listSpaces,
  createSpace,
  createPrivateSpace,
  deleteSpace,
  spacePages,
  spaceLabels,
  spaceContentLabels,
  ...spacePropertyOperations,
  addLabels,
  removeLabel,
  listLabels,
  labelBlogPosts,
  listAttachments,
  downloadAttachment,
  uploadAttachment,
  attachmentLabels,
  createFooterComment,
  footerCommentReplies,
  createWhiteboard,
  ...whiteboardPropertyOperations,
  listTasks,
  updateTask,
  searchCql,
  searchContent,
  currentUser,
  anonymousUser,
  searchUsers,
  listAuditRecords,
  getRestrictions,
];

const BY_NAME = new Map<string, AnyOperationSpec>();
for (const spec of OPERATIONS) {
  for (const key of [spec.name, spec.composioName, spec.operationId]) {
    if (key !== undefined && !BY_NAME.has(key.toLowerCase())) BY_NAME.set(key.toLowerCase(), spec);
  }
}

/**
 * The operation with this SDK name (`pages.get`), Composio tool name (`CONFLUENCE_GET_PAGE_BY_ID`)
 * or OpenAPI operationId (`getPageById`), case-insensitively; `undefined` if none.
 */
export function findOperation(name: string): AnyOperationSpec | undefined {
  return BY_NAME.get(name.toLowerCase());
}
