/**
 * WORKBENCH_ALLOWED_SPACES holds on every answer: with MKT allowed, no read of the registry
 * given an ENG target returns anything from ENG (it is refused, or ENG's items are withheld),
 * CQL is narrowed on the server's side, and writes are checked on every object they touch.
 * The real registry against the real emulator with the demo data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../../src/confluence/operations/index.ts';
import { engIn, startPolicySite, type PolicySite } from './policy-fixture.ts';
import { callContext, rejection } from './session-helpers.ts';

let site: PolicySite;
beforeAll(async () => {
  site = await startPolicySite();
});
afterAll(() => site.emulator.close());

const MKT_ONLY = { allowedSpaces: ['MKT'] };

/** The CQL of the last request sent. */
const lastCql = () => new URLSearchParams(site.sent.at(-1)!.split('?')[1]).get('cql');

/** One call per read operation (several for some), each aimed at ENG. */
function engReads(): Array<[string, unknown]> {
  const { eng } = site;
  return [
    ['pages.get', { id: eng.home, bodyFormat: 'storage' }],
    ['pages.list', { bodyFormat: 'storage', limit: 250 }],
    ['pages.list', { spaceId: ['MKT', 'ENG'] }],
    ['pages.list', { title: 'Engineering Home' }],
    ['pages.findByTitle', { spaceId: 'ENG', title: 'Engineering Home' }],
    ['pages.findByTitle', { spaceId: eng.spaceId, title: 'Engineering Home' }],
    ['comments.replies', { id: eng.comment }],
    ['pages.children', { id: eng.home }],
    ['pages.ancestors', { id: eng.child }],
    ['pages.descendants', { id: eng.home }],
    ['pages.versions', { id: eng.home }],
    ['pages.likeCount', { id: eng.home }],
    ['pages.labels', { id: eng.labelled }],
    ['pages.attachments', { id: eng.home }],
    ['pages.footerComments', { id: eng.home }],
    ['pages.inlineComments', { id: eng.home }],
    ['pages.properties.list', { pageId: eng.home }],
    ['blogposts.get', { id: eng.post }],
    ['blogposts.list', { limit: 250 }],
    ['blogposts.versions', { id: eng.post }],
    ['blogposts.versionDetails', { id: eng.post, versionNumber: 1 }],
    ['blogposts.likeCount', { id: eng.post }],
    ['blogposts.operations', { id: eng.post }],
    ['blogposts.labels', { id: eng.post }],
    ['blogposts.inlineComments', { id: eng.post }],
    ['blogposts.properties.list', { blogPostId: eng.post }],
    ['spaces.get', { id: 'ENG' }],
    ['spaces.get', { id: eng.spaceId }],
    ['spaces.list', {}],
    ['spaces.list', { keys: ['ENG'] }],
    ['spaces.pages', { id: 'ENG' }],
    ['spaces.labels', { id: 'ENG' }],
    ['spaces.contentLabels', { id: 'ENG' }],
    ['spaces.properties.list', { spaceId: 'ENG' }],
    ['labels.list', {}],
    ['labels.blogposts', { labelId: eng.postLabelId }],
    ['attachments.list', {}],
    ['attachments.download', { contentId: eng.home, attachmentId: eng.attachment }],
    ['attachments.labels', { id: eng.attachment }],
    ['tasks.list', {}],
    ['tasks.list', { pageId: [site.mkt.home, eng.home] }],
    ['search.cql', { cql: 'space = ENG' }],
    ['search.cql', { cql: 'space = MKT OR space = ENG', limit: 100 }],
    ['search.cql', { cql: 'type = space' }],
    ['search.content', { cql: 'space = ENG', bodyFormat: 'storage' }],
    ['search.content', { cql: 'type = page order by title', limit: 100 }],
    ['users.current', {}],
    ['users.anonymous', {}],
    ['users.search', { cql: 'type = user' }],
    ['audit.list', {}],
    ['restrictions.get', { contentId: eng.home }],
  ];
}

describe('allowedSpaces: every read', () => {
  it('every read operation of the registry has a case here', () => {
    const covered = new Set(engReads().map(([name]) => name));
    const reads = OPERATIONS.filter((operation) => operation.kind === 'read');
    expect(reads.map((operation) => operation.name).filter((name) => !covered.has(name))).toEqual(
      [],
    );
  });

  it('every read given an ENG target returns nothing from ENG, or is refused', async () => {
    const restricted = site.session(MKT_ONLY);
    const leaks: string[] = [];
    for (const [index, [name, args]] of engReads().entries()) {
      try {
        const answer = await restricted.host[name]!(args, callContext(index));
        const found = engIn(answer, site.engIds);
        if (found.length > 0) leaks.push(`${name}(${JSON.stringify(args)}): ${found.join(', ')}`);
      } catch (error) {
        const caught = error as { phase?: string; message?: string };
        if (caught.phase !== 'policy') leaks.push(`${name}: failed with ${caught.message}`);
        else expect(caught.message).not.toMatch(/space id \d/);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('the same reads with no policy do return ENG content (the cases are meaningful)', async () => {
    const open = site.session();
    const leaking = new Set<string>();
    for (const [index, [name, args]] of engReads().entries()) {
      const answer = await open.host[name]!(args, callContext(index)).catch(() => undefined);
      if (engIn(answer, site.engIds).length > 0) leaking.add(name);
    }
    const named = ['pages.list', 'pages.children', 'pages.descendants', 'pages.ancestors'];
    named.push('blogposts.list', 'pages.findByTitle');
    const more = ['pages.attachments', 'pages.footerComments', 'comments.replies', 'tasks.list'];
    const rest = ['attachments.list', 'attachments.download', 'search.cql', 'search.content'];
    for (const name of [...named, ...more, ...rest]) expect([...leaking]).toContain(name);
  });
});

describe('allowedSpaces: listings and searches', () => {
  it('pages.list: with no space, Confluence is asked for the allowed spaces only', async () => {
    const restricted = site.session(MKT_ONLY);
    const before = site.sent.length;
    const page = (await restricted.host['pages.list']!({ limit: 250 }, callContext())) as {
      results: Array<{ spaceId: string }>;
    };
    expect(page.results.length).toBeGreaterThan(0);
    expect(new Set(page.results.map((item) => item.spaceId))).toEqual(new Set([site.mkt.spaceId]));
    const listing = site.sent
      .slice(before)
      .find((line) => line.startsWith('GET /wiki/api/v2/pages?'));
    expect(listing).toContain(`space-id=${site.mkt.spaceId}`);
    expect(restricted.withheld()).toBeUndefined();
  });

  it('pages.list: several spaces, one of them not allowed, is refused by key', async () => {
    const error = await rejection(
      site.session(MKT_ONLY).host['pages.list']!({ spaceId: ['MKT', 'ENG'] }, callContext()),
    );
    expect(error).toMatchObject({ code: 'POLICY_SPACE_NOT_ALLOWED', phase: 'policy' });
    expect(error.message).toBe(
      'pages.list: refused by policy allowedSpaces: space ENG is not one of MKT',
    );
  });

  it('search.cql: the query is narrowed on the server, so totalSize and cursors count MKT only', async () => {
    const restricted = site.session(MKT_ONLY);
    const open = site.session();
    const narrowed = (await restricted.host['search.cql']!(
      { cql: 'space = MKT OR space = ENG', limit: 2 },
      callContext(),
    )) as { results: unknown[]; totalSize: number; nextCursor?: string };
    const mktOnly = (await open.host['search.cql']!(
      { cql: 'space = MKT', limit: 2 },
      callContext(),
    )) as { totalSize: number };
    expect(narrowed.totalSize).toBe(mktOnly.totalSize);
    expect(narrowed.nextCursor).toBeDefined();
    const second = await restricted.host['search.cql']!(
      { cql: 'space = MKT OR space = ENG', limit: 2, cursor: narrowed.nextCursor },
      callContext(1),
    );
    expect(engIn(second, site.engIds)).toEqual([]);
    expect(lastCql()).toBe('(space = MKT OR space = ENG) AND space IN ("MKT")');
  });

  it('search.cql: a query that would break out of its parentheses is refused, not sent', async () => {
    const restricted = site.session(MKT_ONLY);
    const before = site.sent.length;
    const error = await rejection(
      restricted.host['search.cql']!({ cql: 'type = page) OR (space = ENG' }, callContext()),
    );
    expect(error).toMatchObject({ code: 'POLICY_QUERY_NOT_NARROWED', phase: 'policy' });
    expect(site.sent.slice(before).filter((line) => line.includes('/search'))).toEqual([]);
  });

  it('attachments.list: items of other spaces are withheld, and the session says how many', async () => {
    const restricted = site.session(MKT_ONLY);
    const open = (await site.session().host['attachments.list']!({}, callContext())) as {
      results: unknown[];
    };
    const kept = (await restricted.host['attachments.list']!({}, callContext())) as {
      results: unknown[];
    };
    expect(kept.results.length).toBe(open.results.length - 1);
    expect(restricted.withheld()).toEqual({
      count: 1,
      reason: 'outside the allowed spaces (MKT)',
    });
    expect(restricted.ledger()[0]).toMatchObject({ status: 'ok', withheld: 1 });
  });

  it('keys compare case-insensitively: "mkt" allows MKT content and narrows to MKT', async () => {
    const restricted = site.session({ allowedSpaces: ['mkt'] });
    const page = (await restricted.host['pages.get']!({ id: site.mkt.page }, callContext())) as {
      id: string;
    };
    expect(page.id).toBe(site.mkt.page);
    const hits = await restricted.host['search.cql']!({ cql: 'type = page' }, callContext(1));
    expect(engIn(hits, site.engIds)).toEqual([]);
    expect(lastCql()).toBe('(type = page) AND space IN ("MKT")');
  });

  it('two sessions with different policies on one client each hold their own', async () => {
    const narrow = site.session(MKT_ONLY);
    const wide = site.session({ allowedSpaces: ['MKT', 'ENG'] });
    await expect(
      rejection(narrow.host['pages.get']!({ id: site.eng.home }, callContext())),
    ).resolves.toMatchObject({ code: 'POLICY_SPACE_NOT_ALLOWED' });
    await expect(
      wide.host['pages.get']!({ id: site.eng.home }, callContext()),
    ).resolves.toMatchObject({ id: site.eng.home });
  });
});
