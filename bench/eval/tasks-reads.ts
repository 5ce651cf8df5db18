/**
 * The tasks that answer a question, each checked against what the emulator itself says. The bulk
 * ones are factories: the same script and the same direct-tool sequence run on the demo site and
 * on the 5,000-page site (tasks-large.ts), with the names as parameters.
 */
import {
  descendantsOf,
  labelsOf,
  listAll,
  mapConcurrently,
  pagesIn,
  pageTitled,
  sameSet,
  spaceIdOf,
  type PageRow,
} from './site-facts.ts';
import { type EvalTask, everyItem, expectThat, type Item, type Site } from './task.ts';

const THIRTY_DAYS_MS = 30 * 86_400_000;

/** Two MKT pages edited now (the demo seed's dates are fixed in the past). */
async function editTwoPages(site: Site): Promise<void> {
  for (const title of ['Q3 budget', 'Launch checklist']) {
    const page = await pageTitled(site, title);
    await site.send('PUT', `/wiki/api/v2/pages/${page.id}`, {
      id: page.id,
      status: 'current',
      title,
      body: {
        representation: 'storage',
        value: `${page.body?.storage?.value ?? ''}<p>Updated.</p>`,
      },
      version: { number: page.version.number + 1 },
    });
  }
}

function storageSize(page: { body?: { storage?: { value: string } } }): number {
  return page.body?.storage?.value.length ?? 0;
}

const isRecent = (since: number) => (page: Item | PageRow) =>
  Date.parse(page['version']?.createdAt ?? '') >= since;

/** Pages of a space changed in the last 30 days, newest first, until the listing is past them. */
export function recentChanges(options: {
  id: string;
  space: string;
  spaceName: string;
  setup?: (site: Site) => Promise<void>;
}): EvalTask {
  return {
    id: options.id,
    prompt: `Which ${options.spaceName} pages changed in the last 30 days, and who last modified each?`,
    bulk: true,
    ...(options.setup ? { setup: options.setup } : {}),
    script: {
      code: `const since = Date.now() - 30 * 86_400_000;
const recent = [];
for await (const page of confluence.pages.list.iterate({ spaceId: params.space, sort: '-modified-date', limit: 250 })) {
  if (Date.parse(page.version.createdAt ?? page.createdAt) < since) break;
  recent.push({ title: page.title, modifiedBy: page.version.authorId });
}
return recent;`,
      params: { space: options.space },
      // The answer is the whole list: asked inline rather than read back by read_result.
      resultBudget: 30_000,
    },
    async direct(client) {
      const since = Date.now() - THIRTY_DAYS_MS;
      const pages = await everyItem(
        client,
        'confluence_pages_list',
        { spaceId: options.space, sort: '-modified-date', limit: 250 },
        (page) => !isRecent(since)(page),
      );
      return pages
        .filter(isRecent(since))
        .map((page) => ({ title: page['title'], modifiedBy: page['version'].authorId }));
    },
    async check(site, answer) {
      const since = Date.now() - THIRTY_DAYS_MS;
      const expected = (await pagesIn(site, options.space)).filter(isRecent(since));
      const rows = answer as Array<{ title: string; modifiedBy: string }>;
      expectThat(expected.length > 0, `no page of ${options.space} changed in the last 30 days`);
      expectThat(
        Array.isArray(rows) &&
          sameSet(
            rows.map((row) => `${row.title} by ${row.modifiedBy}`),
            expected.map((page) => `${page.title} by ${page.version.authorId}`),
          ),
        `expected ${expected.length} pages with their last modifiers, got ${JSON.stringify(rows).slice(0, 300)}`,
      );
    },
  };
}

/** Pages below a parent without a label: one CQL query (`ancestor` and `label !=`) both ways. */
export function missingLabel(options: {
  id: string;
  space: string;
  parent: string;
  label: string;
}): EvalTask {
  const params = { space: options.space, parent: options.parent, label: options.label };
  return {
    id: options.id,
    prompt: `Which pages under '${options.parent}' lack the '${options.label}' label?`,
    bulk: true,
    script: {
      code: `const parent = await confluence.pages.findByTitle(params.space, params.parent);
const { results } = await confluence.search.cql.all(\`type = page AND ancestor = \${parent!.id} AND label != "\${params.label}"\`);
return results.map((hit) => hit.title);`,
      params,
    },
    async direct(client) {
      const parent = await client.call('confluence_pages_findByTitle', {
        spaceId: options.space,
        title: options.parent,
      });
      const hits = await everyItem(client, 'confluence_search_cql', {
        cql: `type = page AND ancestor = ${parent.id} AND label != "${options.label}"`,
        limit: 250,
      });
      return hits.map((hit) => hit['title']);
    },
    async check(site, answer) {
      const parent = await pageTitled(site, options.parent);
      const below = descendantsOf(await pagesIn(site, options.space), parent.id);
      const labels = await mapConcurrently(below, (page) => labelsOf(site, page.id));
      const expected = below
        .filter((_, index) => !labels[index]!.includes(options.label))
        .map((page) => page.title);
      expectThat(expected.length > 0, `every page under ${options.parent} has the label`);
      expectThat(
        Array.isArray(answer) && sameSet(answer, expected),
        `expected ${expected.length} pages, got ${JSON.stringify(answer).slice(0, 300)}`,
      );
    },
  };
}

/** A page's footer comments with their replies: one call per comment for the replies. */
export function commentSummary(options: { id: string; space: string; page: string }): EvalTask {
  return {
    id: options.id,
    prompt: `Summarize the discussion (comments and replies) on the ${options.page} page.`,
    bulk: true,
    script: {
      code: `const page = await confluence.pages.findByTitle(params.space, params.page);
const { results } = await confluence.pages.footerComments.all(page!.id, { bodyFormat: 'storage' });
const text = (c) => c.body.storage.value.replace(/<[^>]+>/g, '');
const thread = [];
for (const comment of results) {
  const replies = await confluence.comments.replies.all(comment.id, { bodyFormat: 'storage' });
  thread.push({ by: comment.version.authorId, text: text(comment), replies: replies.results.map(text) });
}
return thread;`,
      params: { space: options.space, page: options.page },
    },
    async direct(client) {
      const page = await client.call('confluence_pages_findByTitle', {
        spaceId: options.space,
        title: options.page,
      });
      const comments = await everyItem(client, 'confluence_pages_footerComments', {
        id: page.id,
        bodyFormat: 'storage',
        limit: 250,
      });
      const replies = await client.all(
        comments.map((comment) => [
          'confluence_comments_replies',
          { id: comment['id'], bodyFormat: 'storage' },
        ]),
      );
      const text = (c: Item) => String(c['body'].storage.value).replace(/<[^>]+>/g, '');
      return comments.map((comment, index) => ({
        by: comment['version'].authorId,
        text: text(comment),
        replies: replies[index].results.map(text),
      }));
    },
    async check(site, answer) {
      const page = await pageTitled(site, options.page);
      const comments = await listAll<{ id: string }>(
        site,
        `/wiki/api/v2/pages/${page.id}/footer-comments?limit=250`,
      );
      const thread = answer as Array<{ text: string; replies: string[] }>;
      expectThat(
        Array.isArray(thread) && thread.length === comments.length,
        'not every comment is in the summary',
      );
      const replies = await mapConcurrently(comments, (comment) =>
        listAll(site, `/wiki/api/v2/footer-comments/${comment.id}/children?limit=250`),
      );
      const expected = replies.reduce((sum, list) => sum + list.length, 0);
      const answered = thread.reduce((sum, item) => sum + item.replies.length, 0);
      expectThat(
        answered === expected && expected > 0,
        `expected ${expected} replies, got ${answered}`,
      );
    },
  };
}

/** Open tasks assigned to a user found by name. */
export function openTasks(options: { id: string; user: string }): EvalTask {
  const cql = `user.fullname ~ "${options.user}"`;
  return {
    id: options.id,
    prompt: `List the open tasks assigned to ${options.user[0]!.toUpperCase()}${options.user.slice(1)}.`,
    bulk: true,
    script: {
      code: `const { results: users } = await confluence.users.search(params.cql);
const { results } = await confluence.tasks.list.all({ assignedTo: users[0].accountId, status: 'incomplete' });
return results.map((task) => ({ id: task.id, pageId: task.pageId, due: task.dueAt }));`,
      params: { cql },
      resultBudget: 30_000,
    },
    async direct(client) {
      const users = await client.call('confluence_users_search', { cql });
      const tasks = await everyItem(client, 'confluence_tasks_list', {
        assignedTo: users.results[0].accountId,
        status: 'incomplete',
        limit: 250,
      });
      return tasks.map((task) => ({ id: task['id'], pageId: task['pageId'], due: task['dueAt'] }));
    },
    async check(site, answer) {
      const users = await site.get<{ results: Array<{ user: { accountId: string } }> }>(
        `/wiki/rest/api/search/user?cql=${encodeURIComponent(cql)}`,
      );
      const user = users.results[0]?.user.accountId ?? '';
      const tasks = await listAll<{ id: string }>(
        site,
        `/wiki/api/v2/tasks?assigned-to=${user}&status=incomplete&limit=250`,
      );
      expectThat(tasks.length > 0, `${options.user} has no open task on the site`);
      expectThat(
        Array.isArray(answer) &&
          sameSet(
            (answer as Array<{ id: string }>).map((task) => task.id),
            tasks.map((task) => task.id),
          ),
        `expected ${tasks.length} tasks, got ${JSON.stringify(answer).slice(0, 300)}`,
      );
    },
  };
}

/** The largest pages of a space: no size field in the API, so every body is read. */
export function largestPages(options: { id: string; space: string; spaceName: string }): EvalTask {
  const top = (pages: Array<Item | PageRow>) =>
    pages
      .map((page) => ({ title: page['title'] as string, chars: storageSize(page) }))
      .sort((a, b) => b.chars - a.chars)
      .slice(0, 3);
  return {
    id: options.id,
    prompt: `What are the 3 largest pages in the ${options.spaceName} space?`,
    bulk: true,
    script: {
      code: `const { results } = await confluence.pages.list.all({ spaceId: params.space, bodyFormat: 'storage', limit: 250 });
return results
  .map((page) => ({ title: page.title, chars: page.body?.storage?.value.length ?? 0 }))
  .sort((a, b) => b.chars - a.chars)
  .slice(0, 3);`,
      params: { space: options.space },
    },
    async direct(client) {
      return top(
        await everyItem(client, 'confluence_pages_list', {
          spaceId: options.space,
          bodyFormat: 'storage',
          limit: 250,
        }),
      );
    },
    async check(site, answer) {
      const expected = top(await pagesIn(site, options.space, true));
      expectThat(
        JSON.stringify(answer) === JSON.stringify(expected),
        `expected ${JSON.stringify(expected)}, got ${JSON.stringify(answer)}`,
      );
    },
  };
}

/** Pages per space: a CQL count (`totalSize` of a one-hit search) per space, both ways. */
export function pagesPerSpace(options: { id: string }): EvalTask {
  return {
    id: options.id,
    prompt: 'How many pages does each space have?',
    bulk: true,
    script: {
      code: `const { results: spaces } = await confluence.spaces.list.all();
const counts = await Promise.all(
  spaces.map((space) => confluence.search.cql(\`type = page AND space = "\${space.key}"\`, { limit: 1, excerpt: 'none' })),
);
return Object.fromEntries(spaces.map((space, index) => [space.key, counts[index].totalSize]));`,
    },
    async direct(client) {
      const spaces = await everyItem(client, 'confluence_spaces_list', { limit: 250 });
      const counts = await client.all(
        spaces.map((space) => [
          'confluence_search_cql',
          { cql: `type = page AND space = "${space['key']}"`, limit: 1, excerpt: 'none' },
        ]),
      );
      return Object.fromEntries(
        spaces.map((space, index) => [space['key'], counts[index].totalSize]),
      );
    },
    async check(site, answer) {
      const counts = answer as Record<string, number>;
      const spaces = await listAll<{ key: string }>(site, '/wiki/api/v2/spaces?limit=250');
      expectThat(spaces.length > 0 && typeof counts === 'object', 'no counts');
      for (const { key } of spaces) {
        const expected = (await pagesIn(site, key)).length;
        expectThat(counts[key] === expected, `${key}: expected ${expected}, got ${counts[key]}`);
      }
    },
  };
}

export const READ_TASKS: EvalTask[] = [
  recentChanges({
    id: 'recent-changes',
    space: 'MKT',
    spaceName: 'Marketing',
    setup: editTwoPages,
  }),
  missingLabel({ id: 'missing-label', space: 'MKT', parent: 'Q3 planning', label: 'finance' }),
  commentSummary({ id: 'comment-summary', space: 'MKT', page: 'Q3 planning' }),
  openTasks({ id: 'open-tasks', user: 'bob' }),
  largestPages({ id: 'largest-pages', space: 'ENG', spaceName: 'Engineering' }),
  pagesPerSpace({ id: 'pages-per-space' }),
  {
    id: 'space-overview',
    prompt: 'What is the Engineering space about, and what is its homepage id?',
    script: {
      code: `const space = await confluence.spaces.get('ENG', { descriptionFormat: 'plain' });
return { name: space.name, description: space.description?.plain?.value, homepageId: space.homepageId };`,
    },
    async direct(client) {
      const space = await client.call('confluence_spaces_get', {
        id: 'ENG',
        descriptionFormat: 'plain',
      });
      return {
        name: space.name,
        description: space.description?.plain?.value,
        homepageId: space.homepageId,
      };
    },
    async check(site, answer) {
      const spaceId = await spaceIdOf(site, 'ENG');
      const space = await site.get<{ homepageId: string }>(`/wiki/api/v2/spaces/${spaceId}`);
      const got = answer as { homepageId: string; description?: string };
      expectThat(got.homepageId === space.homepageId, 'wrong homepage id');
      expectThat(got.description?.includes('runbooks') === true, 'no description');
    },
  },
];
