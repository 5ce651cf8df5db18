/** Version history of pages and blog posts (v2 `/pages/{id}/versions`, `/blogposts/{id}/versions`). */
import { z } from 'zod';
import { defineOperation } from '../operation.ts';
import type { BlogPostVersion, PageVersion, VersionDetails } from './models/content.ts';
import { convertNestedBody, wireBodyFormat } from './support/bodies.ts';
import { pathOf, queryFrom } from './support/http.ts';
import { cursorPage } from './support/paging.ts';
import { cursor, limit, listBodyFormat, numericId } from './support/schemas.ts';

function versionsInput(what: string) {
  return z.strictObject({
    id: numericId(what).describe(`The ${what.replace(/^an? /, '')} id.`),
    bodyFormat: listBodyFormat(),
    sort: z
      .enum(['modified-date', '-modified-date'])
      .optional()
      .describe('"-modified-date" lists the newest first.'),
    limit: limit(),
    cursor: cursor(),
  });
}

export const pageVersions = defineOperation({
  name: 'pages.versions',
  summary: "List the versions of a page, optionally with each version's body.",
  composioName: 'CONFLUENCE_GET_PAGE_VERSIONS',
  operationId: 'getPageVersions',
  endpoint: 'GET /wiki/api/v2/pages/{id}/versions',
  kind: 'read',
  pagination: 'cursor',
  input: versionsInput('a page'),
  positional: ['id'],
  resultType: 'Paged<PageVersion>',
  example: `const { results } = await confluence.pages.versions('65537', { sort: '-modified-date', limit: 5 });
return results.map((version) => \`\${version.number} by \${version.authorId}: \${version.message ?? ''}\`);`,
  space: (input) => ({ pageId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/pages/{id}/versions', input),
    query: {
      ...queryFrom(input, ['sort', 'limit', 'cursor']),
      'body-format': wireBodyFormat(input.bodyFormat),
    },
  }),
  transform: (response, input) =>
    cursorPage(response, (version: PageVersion) =>
      convertNestedBody(version, 'page', input.bodyFormat),
    ),
});

export const blogPostVersions = defineOperation({
  name: 'blogposts.versions',
  summary: 'List the versions of a blog post.',
  composioName: 'CONFLUENCE_GET_BLOGPOST_VERSIONS',
  operationId: 'getBlogPostVersions',
  endpoint: 'GET /wiki/api/v2/blogposts/{id}/versions',
  kind: 'read',
  pagination: 'cursor',
  input: versionsInput('a blog post'),
  positional: ['id'],
  resultType: 'Paged<BlogPostVersion>',
  example: `const { results } = await confluence.blogposts.versions('131073');
return results.map((version) => version.number);`,
  space: (input) => ({ blogPostId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/blogposts/{id}/versions', input),
    query: {
      ...queryFrom(input, ['sort', 'limit', 'cursor']),
      'body-format': wireBodyFormat(input.bodyFormat),
    },
  }),
  transform: (response, input) =>
    cursorPage(response, (version: BlogPostVersion) =>
      convertNestedBody(version, 'blogpost', input.bodyFormat),
    ),
});

export const blogPostVersionDetails = defineOperation({
  name: 'blogposts.versionDetails',
  summary: 'Get one version of a blog post in detail (author, message, neighbours).',
  composioName: 'CONFLUENCE_GET_BLOGPOST_VERSION_DETAILS',
  operationId: 'getBlogPostVersionDetails',
  endpoint: 'GET /wiki/api/v2/blogposts/{blogpost-id}/versions/{version-number}',
  kind: 'read',
  input: z.strictObject({
    id: numericId('a blog post').describe('The blog post id.'),
    versionNumber: z.number().int().min(1).describe('The version number.'),
  }),
  positional: ['id', 'versionNumber'],
  resultType: 'VersionDetails',
  example: `const details = await confluence.blogposts.versionDetails('131073', 2);
return { by: details.authorId, previous: details.prevVersion };`,
  space: (input) => ({ blogPostId: input.id }),
  request: (input) => ({
    api: 'v2',
    method: 'GET',
    path: pathOf('/blogposts/{blogpost-id}/versions/{version-number}', {
      'blogpost-id': input.id,
      'version-number': input.versionNumber,
    }),
  }),
  transform: (response) => response.body as VersionDetails,
});
