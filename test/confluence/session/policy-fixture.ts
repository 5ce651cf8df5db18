/**
 * The demo emulator (in process, real SQLite) with ENG content of every kind a read can return:
 * the seed's pages, blog posts and tasks, plus an attachment, a footer comment, a label on a blog
 * post and a page property made here through the SDK. `sessionWith(policy)` is a run session on
 * it; `engIn(answer)` lists what in an answer comes from ENG.
 */
import { createConfluenceClient } from '../../../src/confluence/http/client.ts';
import { OPERATIONS } from '../../../src/confluence/operations/index.ts';
import { createRunSession } from '../../../src/confluence/session/run-session.ts';
import type { SessionMode } from '../../../src/confluence/types.ts';
import type { PolicyConfig } from '../../../src/config.ts';
import { createEmulator, type Emulator } from '../../../src/emulator/index.ts';
import { DEMO_EMAIL, DEMO_TOKEN } from '../fixtures/emulator-server.ts';
import { callContext, OPEN_POLICY } from './session-helpers.ts';

export const ENG_SECRET = 'ENG-ONLY attachment bytes';

export interface PolicySite {
  emulator: Emulator;
  /** Requests that reached the emulator, as `METHOD path?query`. */
  sent: string[];
  session(policy?: Partial<PolicyConfig>, mode?: SessionMode): ReturnType<typeof createRunSession>;
  eng: {
    spaceId: string;
    home: string;
    child: string;
    labelled: string;
    post: string;
    postLabelId: string;
    attachment: string;
    task: string;
    comment: string;
  };
  mkt: { spaceId: string; home: string; page: string };
  /** Every ENG id (space, pages, blog posts, attachment, comments, tasks). */
  engIds: Set<string>;
}

type Results = { results: Array<Record<string, string>> };

export async function startPolicySite(): Promise<PolicySite> {
  const emulator = createEmulator({ seed: 'demo' });
  const sent: string[] = [];
  const session = (policy: Partial<PolicyConfig> = {}, mode: SessionMode = 'live') =>
    createRunSession({
      client: createConfluenceClient({
        baseUrl: 'http://emulator.local',
        auth: { kind: 'basic', email: DEMO_EMAIL, apiToken: DEMO_TOKEN },
        fetch: (input, init) => {
          const url = new URL(String(input));
          sent.push(`${init?.method ?? 'GET'} ${url.pathname}${url.search}`);
          return Promise.resolve(emulator.app.request(String(input), init));
        },
        limits: { requestsPerInterval: Infinity },
      }),
      operations: OPERATIONS,
      mode,
      policy: { ...OPEN_POLICY, ...policy },
    });
  const open = session();
  const call = (name: string, args: unknown) => open.host[name]!(args, callContext());
  const spaceIds = async (key: string) =>
    ((await call('spaces.get', { id: key })) as { id: string }).id;
  const pagesOf = async (key: string) =>
    ((await call('spaces.pages', { id: key, limit: 250 })) as Results).results;
  const engPages = await pagesOf('ENG');
  const mktPages = await pagesOf('MKT');
  const byTitle = (pages: Results['results'], title: string) =>
    pages.find((page) => page['title'] === title)!['id']!;
  const home = byTitle(engPages, 'Engineering Home');
  const posts = (await call('blogposts.list', { spaceId: 'ENG' })) as Results;
  const post = posts.results[0]!['id']!;
  const attachment = (await call('attachments.upload', {
    contentId: home,
    filename: 'eng-secret.txt',
    text: ENG_SECRET,
  })) as { id: string };
  const comment = (await call('comments.create', {
    pageId: home,
    body: { markdown: 'ENG-only comment' },
  })) as { id: string };
  const reply = (await call('comments.create', {
    parentCommentId: comment.id,
    body: { markdown: 'ENG-only reply' },
  })) as { id: string };
  await call('labels.add', { contentId: post, labels: ['eng-post-only'] });
  await call('labels.add', { contentId: attachment.id, labels: ['eng-file'] });
  await call('pages.properties.create', { pageId: home, key: 'eng-prop', value: { a: 1 } });
  const postLabels = (await call('blogposts.labels', { id: post })) as Results;
  const tasks = (await call('tasks.list', { spaceId: 'ENG' })) as Results;
  const eng = {
    spaceId: await spaceIds('ENG'),
    home,
    child: byTitle(engPages, 'Architecture overview'),
    labelled: byTitle(engPages, 'Incident runbook'),
    post,
    postLabelId: postLabels.results.find((label) => label['name'] === 'eng-post-only')!['id']!,
    attachment: attachment.id,
    task: tasks.results[0]!['id']!,
    comment: comment.id,
  };
  const engIds = new Set([
    eng.spaceId,
    ...engPages.map((page) => page['id']!),
    ...posts.results.map((entry) => entry['id']!),
    ...tasks.results.map((task) => task['id']!),
    attachment.id,
    comment.id,
    reply.id,
  ]);
  const mkt = {
    spaceId: await spaceIds('MKT'),
    home: byTitle(mktPages, 'Q3 planning'),
    page: byTitle(mktPages, 'Launch checklist'),
  };
  return { emulator, sent, session, eng, mkt, engIds };
}

/** What in an answer comes from ENG: ids of ENG objects, ENG's key, or the ENG file's bytes. */
export function engIn(answer: unknown, engIds: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (value.includes(ENG_SECRET)) found.push(`${path}: the ENG file's bytes`);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, member] of Object.entries(value)) {
      const at = `${path}.${key}`;
      const text = typeof member === 'number' ? String(member) : member;
      if (ID_FIELDS.has(key) && typeof text === 'string' && engIds.has(text)) found.push(at);
      if ((key === 'spaceKey' || key === 'key') && text === 'ENG') found.push(at);
      walk(member, at);
    }
  };
  walk(answer, '$');
  return found;
}

const ID_FIELDS = new Set(['id', 'pageId', 'blogPostId', 'spaceId', 'parentId', 'contentId']);
