/** The tasks that answer a question: each checked against what the emulator itself says. */
import { labelsOf, pagesIn, pageTitled, sameSet, spaceIdOf } from './site-facts.ts';
import { type DirectClient, type EvalTask, expectThat, type Site } from './task.ts';

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

/** An item of Confluence JSON, read as a model reads it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any field may be read
type Item = Record<string, any>;

/** Every item of a listing tool, following `nextCursor` as a model would. */
async function everyItem(
  client: DirectClient,
  tool: string,
  args: Record<string, unknown>,
): Promise<Item[]> {
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await client.call(tool, { ...args, ...(cursor ? { cursor } : {}) });
    items.push(...page.results);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

function storageSize(page: { body?: { storage?: { value: string } } }): number {
  return page.body?.storage?.value.length ?? 0;
}

export const READ_TASKS: EvalTask[] = [
  {
    id: 'recent-changes',
    prompt: 'Which Marketing pages changed in the last 30 days, and who last modified each?',
    bulk: true,
    setup: editTwoPages,
    script: {
      code: `const since = Date.now() - 30 * 86_400_000;
const { results } = await confluence.pages.list.all({ spaceId: 'MKT', sort: '-modified-date' });
return results
  .filter((page) => Date.parse(page.version.createdAt ?? page.createdAt) >= since)
  .map((page) => ({ title: page.title, modifiedBy: page.version.authorId }));`,
    },
    async direct(client) {
      const since = Date.now() - THIRTY_DAYS_MS;
      const pages = await everyItem(client, 'confluence_pages_list', {
        spaceId: 'MKT',
        sort: '-modified-date',
        limit: 250,
      });
      return pages
        .filter((page) => Date.parse(page['version'].createdAt) >= since)
        .map((page) => ({ title: page['title'], modifiedBy: page['version'].authorId }));
    },
    async check(site, answer) {
      const me = await site.get<{ accountId: string }>('/wiki/rest/api/user/current');
      const rows = answer as Array<{ title: string; modifiedBy: string }>;
      expectThat(
        sameSet(
          rows.map((row) => row.title),
          ['Q3 budget', 'Launch checklist'],
        ),
        `wrong pages: ${JSON.stringify(rows)}`,
      );
      expectThat(
        rows.every((row) => row.modifiedBy === me.accountId),
        'wrong last modifier',
      );
    },
  },
  {
    id: 'missing-label',
    prompt: "Which pages under 'Q3 planning' lack the 'finance' label?",
    script: {
      code: `const parent = await confluence.pages.findByTitle('MKT', 'Q3 planning');
const tree = await confluence.pages.descendants(parent!.id);
type Node = (typeof tree.children)[number];
const flat = (nodes: Node[]): Node[] => nodes.flatMap((node) => [node, ...flat(node.children)]);
const missing: string[] = [];
for (const page of flat(tree.children).filter((node) => node.type === 'page')) {
  const { results } = await confluence.pages.labels.all(page.id);
  if (!results.some((label) => label.name === 'finance')) missing.push(page.title);
}
return missing;`,
    },
    async direct(client) {
      const parent = await client.call('confluence_pages_findByTitle', {
        spaceId: 'MKT',
        title: 'Q3 planning',
      });
      const tree = await client.call('confluence_pages_descendants', { id: parent.id });
      type Node = { id: string; title: string; type: string; children: Node[] };
      const flat = (nodes: Node[]): Node[] =>
        nodes.flatMap((node) => [node, ...flat(node.children)]);
      const pages = flat(tree.children).filter((page) => page.type === 'page');
      const labels = await client.all(
        pages.map((page: { id: string }) => ['confluence_pages_labels', { id: page.id }]),
      );
      return pages
        .filter(
          (_page: unknown, index: number) =>
            !labels[index].results.some((label: { name: string }) => label.name === 'finance'),
        )
        .map((page: { title: string }) => page.title);
    },
    async check(site, answer) {
      const expected = [];
      for (const title of ['Q3 campaign brief', 'Q3 budget']) {
        const page = await pageTitled(site, title);
        if (!(await labelsOf(site, page.id)).includes('finance')) expected.push(title);
      }
      expectThat(
        sameSet(answer as string[], expected),
        `expected ${JSON.stringify(expected)}, got ${JSON.stringify(answer)}`,
      );
    },
  },
  {
    id: 'comment-summary',
    prompt: 'Summarize the discussion (comments and replies) on the Q3 planning page.',
    script: {
      code: `const page = await confluence.pages.findByTitle('MKT', 'Q3 planning');
const { results } = await confluence.pages.footerComments.all(page!.id, { bodyFormat: 'storage' });
const text = (c) => c.body.storage.value.replace(/<[^>]+>/g, '');
const thread = [];
for (const comment of results) {
  const replies = await confluence.comments.replies.all(comment.id, { bodyFormat: 'storage' });
  thread.push({ by: comment.version.authorId, text: text(comment), replies: replies.results.map(text) });
}
return thread;`,
    },
    async direct(client) {
      const page = await client.call('confluence_pages_findByTitle', {
        spaceId: 'MKT',
        title: 'Q3 planning',
      });
      const comments = await client.call('confluence_pages_footerComments', {
        id: page.id,
        bodyFormat: 'storage',
      });
      const replies = await client.all(
        comments.results.map((comment: { id: string }) => [
          'confluence_comments_replies',
          { id: comment.id, bodyFormat: 'storage' },
        ]),
      );
      const text = (c: { body: { storage: { value: string } } }) =>
        c.body.storage.value.replace(/<[^>]+>/g, '');
      return comments.results.map(
        (
          comment: { version: { authorId: string }; body: { storage: { value: string } } },
          index: number,
        ) => ({
          by: comment.version.authorId,
          text: text(comment),
          replies: replies[index].results.map(text),
        }),
      );
    },
    async check(site, answer) {
      const page = await pageTitled(site, 'Q3 planning');
      const { results } = await site.get<{ results: Array<{ id: string }> }>(
        `/wiki/api/v2/pages/${page.id}/footer-comments?limit=250`,
      );
      const thread = answer as Array<{ text: string; replies: string[] }>;
      expectThat(thread.length === results.length, 'not every comment is in the summary');
      let replies = 0;
      for (const comment of results) {
        const children = await site.get<{ results: unknown[] }>(
          `/wiki/api/v2/footer-comments/${comment.id}/children?limit=250`,
        );
        replies += children.results.length;
      }
      const answered = thread.reduce((sum, item) => sum + item.replies.length, 0);
      expectThat(
        answered === replies && replies > 0,
        `expected ${replies} replies, got ${answered}`,
      );
    },
  },
  {
    id: 'open-tasks',
    prompt: 'List the open tasks assigned to Bob.',
    script: {
      code: `const { results: users } = await confluence.users.search('user.fullname ~ "bob"');
const { results } = await confluence.tasks.list.all({ assignedTo: users[0].accountId, status: 'incomplete' });
return results.map((task) => ({ id: task.id, pageId: task.pageId, due: task.dueAt }));`,
    },
    async direct(client) {
      const users = await client.call('confluence_users_search', { cql: 'user.fullname ~ "bob"' });
      const tasks = await everyItem(client, 'confluence_tasks_list', {
        assignedTo: users.results[0].accountId,
        status: 'incomplete',
        limit: 250,
      });
      return tasks.map((task) => ({ id: task['id'], pageId: task['pageId'], due: task['dueAt'] }));
    },
    async check(site, answer) {
      const users = await site.get<{
        results: Array<{ user: { accountId: string; displayName: string } }>;
      }>(`/wiki/rest/api/search/user?cql=${encodeURIComponent('user.fullname ~ "bob"')}`);
      const bob = users.results[0]?.user.accountId ?? '';
      const { results } = await site.get<{ results: Array<{ id: string }> }>(
        `/wiki/api/v2/tasks?assigned-to=${bob}&status=incomplete&limit=250`,
      );
      const ids = (answer as Array<{ id: string }>).map((task) => task.id);
      expectThat(results.length > 0, 'Bob has no open task in the seed');
      expectThat(
        sameSet(
          ids,
          results.map((task) => task.id),
        ),
        `wrong tasks: ${ids.join(',')}`,
      );
    },
  },
  {
    id: 'largest-pages',
    prompt: 'What are the 3 largest pages in the Engineering space?',
    bulk: true,
    script: {
      code: `const { results } = await confluence.pages.list.all({ spaceId: 'ENG', bodyFormat: 'storage' });
return results
  .map((page) => ({ title: page.title, chars: page.body?.storage?.value.length ?? 0 }))
  .sort((a, b) => b.chars - a.chars)
  .slice(0, 3);`,
    },
    async direct(client) {
      const pages = await everyItem(client, 'confluence_pages_list', {
        spaceId: 'ENG',
        bodyFormat: 'storage',
        limit: 250,
      });
      return pages
        .map((page) => ({ title: page['title'], chars: storageSize(page) }))
        .sort((a, b) => b.chars - a.chars)
        .slice(0, 3);
    },
    async check(site, answer) {
      const pages = await pagesIn(site, 'ENG', true);
      const expected = pages
        .map((page) => ({ title: page.title, chars: storageSize(page) }))
        .sort((a, b) => b.chars - a.chars)
        .slice(0, 3);
      expectThat(
        JSON.stringify(answer) === JSON.stringify(expected),
        `expected ${JSON.stringify(expected)}, got ${JSON.stringify(answer)}`,
      );
    },
  },
  {
    id: 'pages-per-space',
    prompt: 'How many pages does each space have?',
    bulk: true,
    script: {
      code: `const { results: spaces } = await confluence.spaces.list.all();
const counts = {};
for (const space of spaces) counts[space.key] = (await confluence.spaces.pages.all(space.id)).results.length;
return counts;`,
    },
    async direct(client) {
      const spaces = await everyItem(client, 'confluence_spaces_list', { limit: 250 });
      const pages = await client.all(
        spaces.map((space) => ['confluence_spaces_pages', { id: space['id'], limit: 250 }]),
      );
      return Object.fromEntries(
        spaces.map((space, index) => [space['key'], pages[index].results.length]),
      );
    },
    async check(site, answer) {
      const counts = answer as Record<string, number>;
      for (const key of ['MKT', 'ENG', 'HR']) {
        const expected = (await pagesIn(site, key)).length;
        expectThat(counts[key] === expected, `${key}: expected ${expected}, got ${counts[key]}`);
      }
    },
  },
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
