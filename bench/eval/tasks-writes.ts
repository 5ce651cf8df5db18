/**
 * The tasks that change the site, each checked by the state it leaves. Bulk relabelling and
 * moving a tree are factories, run on the demo site and on the 5,000-page site (tasks-large.ts).
 */
import {
  descendantsOf,
  labelledIn,
  labelsOf,
  mapConcurrently,
  pagesIn,
  pageTitled,
  sameSet,
  spaceIdOf,
} from './site-facts.ts';
import { type EvalTask, everyItem, expectThat } from './task.ts';

const PLAYBOOK = `# Social media playbook

## Posting cadence
- LinkedIn: twice a week
- Newsletter: monthly

## Tone
Friendly, concrete, no jargon.`;

const MEETING = `## Marketing sync, 4 December

- Q3 campaign results reviewed: sign-ups up 18%.
- Agency contract renewed for Q4.

**Actions**: Bob drafts the Q4 brief; Alice books the launch review.`;

/**
 * Replace a label on every page of a space: a CQL search, then one add and one remove per page
 * (the API has no bulk form). The setup records which pages carry the label beforehand.
 */
export function bulkRelabel(options: {
  id: string;
  space: string;
  spaceName: string;
  from: string;
  to: string;
}): EvalTask {
  const cql = `type = page AND space = ${options.space} AND label = "${options.from}"`;
  let labelled: string[] | undefined;
  return {
    id: options.id,
    prompt: `In the ${options.spaceName} space, replace the label '${options.from}' with '${options.to}' on every page.`,
    bulk: true,
    async setup(site) {
      labelled = (await labelledIn(site, options.space, options.from)).map((page) => page.id);
    },
    script: {
      code: `const { results } = await confluence.search.cql.all(params.cql, { limit: 250 });
for (const hit of results) {
  await confluence.labels.add(hit.content!.id, [params.to]);
  await confluence.labels.remove(hit.content!.id, params.from);
}
return { relabelled: results.length };`,
      params: { cql, from: options.from, to: options.to },
    },
    // Two calls a page: a large space passes the caps of 500 calls and 500 writes per run; the
    // rerun finds only the pages still labelled.
    rerunOn: ['HOST_CALL_LIMIT', 'POLICY_MAX_WRITES'],
    async direct(client) {
      const hits = await everyItem(client, 'confluence_search_cql', { cql, limit: 250 });
      const ids: string[] = hits.map((hit) => hit['content'].id);
      await client.all(
        ids.flatMap((id) => [
          ['confluence_labels_add', { contentId: id, labels: [options.to] }],
          ['confluence_labels_remove', { contentId: id, label: options.from }],
        ]),
      );
      return { relabelled: ids.length };
    },
    async check(site) {
      expectThat(labelled !== undefined && labelled.length > 0, 'the setup found no labelled page');
      const left = await labelledIn(site, options.space, options.from);
      expectThat(left.length === 0, `${left.length} pages still have '${options.from}'`);
      const now = await mapConcurrently(labelled, (id) => labelsOf(site, id));
      const missing = now.filter((labels) => !labels.includes(options.to)).length;
      expectThat(missing === 0, `${missing} of ${labelled.length} pages lack '${options.to}'`);
    },
  };
}

/** Move a page with its subtree: one move call; the setup records the subtree beforehand. */
export function moveTree(options: {
  id: string;
  space: string;
  page: string;
  under: string;
}): EvalTask {
  let subtree: string[] | undefined;
  const below = async (site: Parameters<EvalTask['check']>[0], id: string) =>
    descendantsOf(await pagesIn(site, options.space), id).map((page) => page.id);
  return {
    id: options.id,
    prompt: `Move the '${options.page}' page, with its children, under '${options.under}'.`,
    bulk: true,
    async setup(site) {
      subtree = await below(site, (await pageTitled(site, options.page)).id);
    },
    script: {
      code: `const page = await confluence.pages.findByTitle(params.space, params.page);
const target = await confluence.pages.findByTitle(params.space, params.under);
await confluence.pages.move(page!.id, { position: 'append', targetId: target!.id });
return { moved: page!.id, under: target!.id };`,
      params: { space: options.space, page: options.page, under: options.under },
    },
    async direct(client) {
      const [page, target] = await client.all([
        ['confluence_pages_findByTitle', { spaceId: options.space, title: options.page }],
        ['confluence_pages_findByTitle', { spaceId: options.space, title: options.under }],
      ]);
      return client.call('confluence_pages_move', {
        id: page.id,
        position: 'append',
        targetId: target.id,
      });
    },
    async check(site) {
      const page = await pageTitled(site, options.page);
      const target = await pageTitled(site, options.under);
      expectThat(page.parentId === target.id, `${options.page} is not under ${options.under}`);
      expectThat(subtree !== undefined && subtree.length > 0, 'the setup found no subtree');
      expectThat(
        sameSet(await below(site, page.id), subtree),
        `the subtree of ${options.page} changed in the move`,
      );
    },
  };
}

export const WRITE_TASKS: EvalTask[] = [
  {
    id: 'doc-page',
    prompt: 'Create a documentation page "Social media playbook" in the Marketing space.',
    script: {
      code: `const page = await confluence.pages.create({ spaceId: 'MKT', title: params.title, body: { markdown: params.body } });
return { id: page.id, title: page.title };`,
      params: { title: 'Social media playbook', body: PLAYBOOK },
    },
    direct: (client) =>
      client.call('confluence_pages_create', {
        spaceId: 'MKT',
        title: 'Social media playbook',
        body: { markdown: PLAYBOOK },
      }),
    async check(site) {
      const page = await pageTitled(site, 'Social media playbook');
      expectThat(page.spaceId === (await spaceIdOf(site, 'MKT')), 'the page is not in MKT');
      expectThat(
        page.body?.storage?.value.includes('Posting cadence') === true,
        'the body was not written',
      );
    },
  },
  {
    id: 'urgent-label',
    prompt: "Add the 'urgent' label to the Q3 planning page.",
    script: {
      code: `const { results } = await confluence.search.cql('type = page and title = "Q3 planning"');
const id = results[0]!.content!.id;
await confluence.labels.add(id, ['urgent']);
return { id };`,
    },
    async direct(client) {
      const found = await client.call('confluence_search_cql', {
        cql: 'type = page and title = "Q3 planning"',
      });
      return client.call('confluence_labels_add', {
        contentId: found.results[0].content.id,
        labels: ['urgent'],
      });
    },
    async check(site) {
      const page = await pageTitled(site, 'Q3 planning');
      expectThat((await labelsOf(site, page.id)).includes('urgent'), 'no urgent label');
    },
  },
  {
    id: 'meeting-blog',
    prompt: 'Publish this meeting summary as a blog post in the Marketing space.',
    script: {
      code: `const post = await confluence.blogposts.create({ spaceId: 'MKT', title: params.title, body: { markdown: params.body } });
return { id: post.id };`,
      params: { title: 'Marketing sync, 4 December', body: MEETING },
    },
    direct: (client) =>
      client.call('confluence_blogposts_create', {
        spaceId: 'MKT',
        title: 'Marketing sync, 4 December',
        body: { markdown: MEETING },
      }),
    async check(site) {
      const spaceId = await spaceIdOf(site, 'MKT');
      const { results } = await site.get<{ results: Array<{ title: string; id: string }> }>(
        `/wiki/api/v2/spaces/${spaceId}/blogposts?limit=250`,
      );
      const post = results.find((row) => row.title === 'Marketing sync, 4 December');
      expectThat(post !== undefined, 'no blog post in MKT');
      const full = await site.get<{ body: { storage: { value: string } } }>(
        `/wiki/api/v2/blogposts/${post.id}?body-format=storage`,
      );
      expectThat(full.body.storage.value.includes('Agency contract'), 'the summary is missing');
    },
  },
  bulkRelabel({
    id: 'bulk-relabel',
    space: 'MKT',
    spaceName: 'Marketing',
    from: 'marketing',
    to: 'mkt',
  }),
  moveTree({ id: 'move-tree', space: 'MKT', page: 'Brand guidelines', under: 'Launch checklist' }),
];
