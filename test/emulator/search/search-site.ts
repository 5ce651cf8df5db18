/**
 * A small site built for search tests, so that every expectation can be exact: two spaces with a
 * page tree, a blog post, a whiteboard, a comment, a trashed page and a draft, labels, a private
 * space, an archived space and a read-restricted page; fixed dates; and helpers that search
 * through the contract client (every response checked against swagger.v3.json).
 *
 * @example
 * const site = searchSite();
 * const body = await site.search('type = page AND label = release');
 * expect(titles(body)).toEqual(['Release notes']);
 */
import { DEMO_USERS } from '../../../src/emulator/seed/demo-core.ts';
import { createEmulator, type Emulator } from '../../../src/emulator/index.ts';
import { labelStoreOf } from '../../../src/emulator/labels/module.ts';
import { restrictionStoreOf } from '../../../src/emulator/restrictions/module.ts';
import { createSpaceWithHomepage } from '../../../src/emulator/spaces/create.ts';
import type { ContentRow, ContentType } from '../../../src/emulator/content/schema.ts';
import { DEMO_ADMIN } from '../../../src/emulator/users/store.ts';
import { type ContractClient, basicAuth, contractClient } from '../contract.ts';
import { type Json, type TestClock, testClock } from '../fixtures.ts';

export const ADMIN = DEMO_ADMIN.accountId;
export const ALICE = DEMO_USERS.alice.accountId;
export const BOB = DEMO_USERS.bob.accountId;
export const CAROL = DEMO_USERS.carol.accountId;

/** Day `day` of January 2026 at `hour`:00 UTC. */
export const jan = (day: number, hour = 9) => Date.UTC(2026, 0, day, hour);

export interface SearchSite {
  emulator: Emulator;
  clock: TestClock;
  client: ContractClient;
  alice: ContractClient;
  /** Content ids by title. */
  ids: Record<string, number>;
  /** GET /wiki/rest/api/search; `params` are added to the query string. */
  search(cql: string, params?: Record<string, string>, client?: ContractClient): Promise<Json>;
  /** GET /wiki/rest/api/content/search. */
  contentSearch(cql: string, params?: Record<string, string>): Promise<Json>;
  close(): void;
}

export function searchSite(): SearchSite {
  const clock = testClock(Date.UTC(2026, 2, 4, 15, 30));
  const emulator = createEmulator({
    seed: 'none',
    now: clock.now,
    users: [DEMO_USERS.alice, DEMO_USERS.bob, DEMO_USERS.carol],
  });
  const ids = build(emulator);
  const client = contractClient(emulator.app);
  const alice = contractClient(emulator.app, {
    auth: basicAuth('alice@example.com', 'alice-token'),
  });
  const get = async (
    path: string,
    cql: string,
    params: Record<string, string>,
    as: ContractClient,
  ) => {
    const query = new URLSearchParams({ cql, ...params });
    const response = await as.get(`${path}?${query.toString()}`);
    if (response.status !== 200)
      throw new Error(`${path} ${cql}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Json;
  };
  return {
    emulator,
    clock,
    client,
    alice,
    ids,
    search: (cql, params = {}, as = client) => get('/wiki/rest/api/search', cql, params, as),
    contentSearch: (cql, params = {}) => get('/wiki/rest/api/content/search', cql, params, client),
    close: () => emulator.close(),
  };
}

/** Titles of /search results (content title or space name) or /content/search results. */
export function titles(body: Json): string[] {
  return body.results.map(
    (result: Json) => result.content?.title ?? result.space?.name ?? result.title,
  );
}

function build(emulator: Emulator): Record<string, number> {
  const { context } = emulator;
  const ids: Record<string, number> = {};
  const space = (
    key: string,
    name: string,
    description: string,
    createdAt: number,
    isPrivate = false,
    authorId = ADMIN,
  ) => createSpaceWithHomepage(context, { key, name, description, authorId, createdAt, isPrivate });
  const docs = space('DOCS', 'Documentation', 'Guides, runbooks and release notes.', jan(1));
  const ops = space('OPS', 'Operations', 'How we run production.', jan(2));
  const old = space('OLD', 'Old archive', 'Retired plans.', jan(3));
  const secret = space('PRIV', 'Private notes', 'Alice only.', jan(4), true, ALICE);
  context.db.prepare(`UPDATE spaces SET status = 'archived' WHERE id = ?`).run(old.id);
  ids['Documentation Home'] = docs.homepage_id!;
  ids['Operations Home'] = ops.homepage_id!;

  const add = (
    title: string,
    spec: {
      type?: ContentType;
      space?: number;
      parent?: number;
      container?: number;
      author?: string;
      body?: string;
      at: number;
      status?: 'current' | 'trashed' | 'draft';
    },
  ): ContentRow => {
    const row = context.content.create({
      type: spec.type ?? 'page',
      status: spec.status ?? 'current',
      spaceId: spec.space ?? docs.id,
      parentId: spec.parent ?? null,
      containerId: spec.container ?? null,
      title,
      body: spec.body ?? `<p>${title}</p>`,
      authorId: spec.author ?? ADMIN,
      createdAt: spec.at,
    });
    ids[title] = row.id;
    return row;
  };
  const notes = add('Release notes', {
    parent: docs.homepage_id!,
    author: ALICE,
    at: jan(10),
    body: '<h1>Release notes</h1><p>Every release of the platform, newest first. See the deploy runbook.</p>',
  });
  const release = add('Release 1.0', {
    parent: notes.id,
    author: BOB,
    at: jan(11),
    body: '<p>The first release: search, labels and deploy tooling.</p>',
  });
  add('Release 1.0 hotfix', {
    parent: release.id,
    at: jan(12),
    body: '<p>Fixes a crash in search.</p>',
  });
  const runbook = add('Deploy runbook', {
    parent: docs.homepage_id!,
    author: BOB,
    at: jan(13),
    body: '<p>How to deploy: run the pipeline, watch the dashboards, roll back on errors. Deploy often.</p>',
  });
  add('Budget & "plans"', {
    parent: docs.homepage_id!,
    author: CAROL,
    at: jan(14),
    body: '<p>Costs <b>&amp;</b> "forecasts" for 2026 & beyond.</p>',
  });
  add('Launch recap', {
    type: 'blogpost',
    space: ops.id,
    author: ALICE,
    at: jan(15),
    body: '<p>We launched the deploy dashboard.</p>',
  });
  add('Incident board', {
    type: 'whiteboard',
    space: ops.id,
    parent: ops.homepage_id!,
    author: BOB,
    at: jan(16),
    body: '',
  });
  add('Re: Release notes', {
    type: 'comment',
    container: notes.id,
    author: CAROL,
    at: jan(17),
    body: '<p>Can we add the deploy dates?</p>',
  });
  add('Old plan', {
    status: 'trashed',
    parent: docs.homepage_id!,
    at: jan(18),
    body: '<p>A deploy plan nobody needs.</p>',
  });
  add('Draft ideas', {
    status: 'draft',
    parent: docs.homepage_id!,
    at: jan(19),
    body: '<p>Deploy ideas, unpublished.</p>',
  });
  add('Archived deploy notes', {
    space: old.id,
    parent: old.homepage_id!,
    at: jan(20),
    body: '<p>Deploy notes of 2019.</p>',
  });
  add('Alice private deploy', {
    space: secret.id,
    parent: secret.homepage_id!,
    author: ALICE,
    at: jan(21),
    body: '<p>Private deploy checklist.</p>',
  });
  const restricted = add('Restricted deploy keys', {
    parent: docs.homepage_id!,
    author: ALICE,
    at: jan(22),
    body: '<p>Deploy keys live in the vault.</p>',
  });

  // A second version by Carol: `lastmodified` and `contributor` differ from `created` and `creator`.
  context.content.revise(runbook.id, {
    title: 'Deploy runbook',
    body: '<p>How to deploy: run the pipeline, watch the dashboards, roll back on errors. Deploy often. Page the on-call.</p>',
    authorId: CAROL,
    at: jan(25),
  });

  const labels = labelStoreOf(context);
  const label = (contentId: number, ...names: string[]) => {
    for (const name of names) labels.attach(contentId, labels.ensure('global', name, ADMIN).id);
  };
  label(notes.id, 'release', 'q3');
  label(release.id, 'release');
  label(runbook.id, 'ops', 'q3');
  label(ids['Launch recap']!, 'q3');
  labels.attach(runbook.id, labels.ensure('my', 'favourite', ALICE).id);
  labels.attachToSpace(docs.id, labels.ensure('team', 'docs', ADMIN).id);
  restrictionStoreOf(context).replace(restricted.id, 'read', [{ type: 'user', id: ALICE }]);
  return ids;
}
