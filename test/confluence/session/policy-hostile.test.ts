/**
 * The allowed-spaces policy tried from the side of a script that wants ENG content anyway, with
 * MKT allowed: other parameters of the same reads, ids smuggled into filters, CQL tricks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engIn, startPolicySite, type PolicySite } from './policy-fixture.ts';
import { callContext } from './session-helpers.ts';

let site: PolicySite;
beforeAll(async () => {
  site = await startPolicySite();
});
afterAll(() => site.emulator.close());

function attempts(): Array<[string, unknown]> {
  const { eng } = site;
  return [
    ['pages.get', { id: eng.home, version: 1, bodyFormat: 'storage' }],
    ['pages.get', { id: eng.home, status: ['current', 'trashed'] }],
    ['pages.list', { ids: [eng.home, site.mkt.page] }],
    ['pages.list', { spaceId: eng.spaceId }],
    ['pages.list', { spaceId: 'eng' }],
    ['blogposts.list', { spaceId: ['MKT', eng.spaceId] }],
    ['tasks.list', { taskIds: [eng.task] }],
    ['tasks.list', { blogPostId: eng.post }],
    ['spaces.list', { ids: [eng.spaceId] }],
    ['spaces.list', { keys: ['MKT'], ids: [eng.spaceId] }],
    ['spaces.pages', { id: eng.spaceId }],
    ['labels.blogposts', { labelId: eng.postLabelId, spaceId: 'ENG' }],
    ['search.cql', { cql: 'id = ' + eng.home }],
    ['search.cql', { cql: 'type = page', includeArchivedSpaces: true, excludeCurrentSpaces: true }],
    ['search.cql', { cql: 'ancestor = ' + eng.home + ' order by title' }],
    ['search.cql', { cql: 'text ~ "x" OR space = ENG', cqlcontext: { spaceKey: 'ENG' } }],
    ['search.cql', { cql: 'title ~ "\\") OR space = ENG OR (title ~ \\""' }],
    ['search.content', { cql: 'type = blogpost) OR (type = page' }],
    [
      'attachments.download',
      { contentId: eng.home, attachmentId: site.eng.attachment, version: 1 },
    ],
    ['pages.attachments', { id: eng.home, filename: 'eng-secret.txt' }],
  ];
}

describe('allowedSpaces: hostile variants', () => {
  it('no variant brings ENG content back; each is refused or answered from MKT only', async () => {
    const session = site.session({ allowedSpaces: ['MKT'] });
    const leaks: string[] = [];
    for (const [index, [name, args]] of attempts().entries()) {
      try {
        const answer = await session.host[name]!(args, callContext(index));
        const found = engIn(answer, site.engIds);
        if (found.length > 0) leaks.push(`${name}(${JSON.stringify(args)}): ${found.join(', ')}`);
      } catch (error) {
        const caught = error as { phase?: string; code?: string; message?: string };
        if (caught.phase !== 'policy') {
          leaks.push(`${name}(${JSON.stringify(args)}): ${caught.code} ${caught.message}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});
