/** The tasks that change the site: each checked by the state it leaves. */
import { labelsOf, pagesIn, pageTitled, spaceIdOf } from './site-facts.ts';
import { type EvalTask, expectThat } from './task.ts';

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
  {
    id: 'bulk-relabel',
    prompt: "In the Marketing space, replace the label 'marketing' with 'mkt' on every page.",
    bulk: true,
    script: {
      code: `const { results } = await confluence.search.cql.all('type = page and space = MKT and label = "marketing"');
for (const hit of results) {
  await confluence.labels.add(hit.content!.id, ['mkt']);
  await confluence.labels.remove(hit.content!.id, 'marketing');
}
return { relabelled: results.length };`,
    },
    async direct(client) {
      const found = await client.call('confluence_search_cql', {
        cql: 'type = page and space = MKT and label = "marketing"',
        limit: 100,
      });
      const ids: string[] = found.results.map((hit: { content: { id: string } }) => hit.content.id);
      await client.all(
        ids.map((id) => ['confluence_labels_add', { contentId: id, labels: ['mkt'] }]),
      );
      await client.all(
        ids.map((id) => ['confluence_labels_remove', { contentId: id, label: 'marketing' }]),
      );
      return ids.length;
    },
    async check(site) {
      let relabelled = 0;
      for (const page of await pagesIn(site, 'MKT')) {
        const labels = await labelsOf(site, page.id);
        expectThat(!labels.includes('marketing'), `${page.title} still has 'marketing'`);
        if (labels.includes('mkt')) relabelled += 1;
      }
      expectThat(relabelled === 3, `expected 3 pages relabelled, found ${relabelled}`);
    },
  },
  {
    id: 'move-tree',
    prompt: "Move the 'Brand guidelines' page, with its children, under 'Launch checklist'.",
    script: {
      code: `const page = await confluence.pages.findByTitle('MKT', 'Brand guidelines');
const target = await confluence.pages.findByTitle('MKT', 'Launch checklist');
await confluence.pages.move(page!.id, { position: 'append', targetId: target!.id });
return { moved: page!.id, under: target!.id };`,
    },
    async direct(client) {
      const [page, target] = await client.all([
        ['confluence_pages_findByTitle', { spaceId: 'MKT', title: 'Brand guidelines' }],
        ['confluence_pages_findByTitle', { spaceId: 'MKT', title: 'Launch checklist' }],
      ]);
      return client.call('confluence_pages_move', {
        id: page.id,
        position: 'append',
        targetId: target.id,
      });
    },
    async check(site) {
      const brand = await pageTitled(site, 'Brand guidelines');
      const launch = await pageTitled(site, 'Launch checklist');
      const logo = await pageTitled(site, 'Logo usage');
      expectThat(brand.parentId === launch.id, 'Brand guidelines is not under Launch checklist');
      expectThat(logo.parentId === brand.id, 'Logo usage left its parent');
    },
  },
];
