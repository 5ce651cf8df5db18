/**
 * The core of the demo site: four users (demo@example.com is the site admin), the spaces MKT
 * (Marketing), ENG (Engineering) and HR with page trees, and blog posts.
 */
import type { EmulatorContext } from '../context.ts';
import type { ContentRow } from '../content/schema.ts';
import { createSpaceWithHomepage } from '../spaces/create.ts';
import type { SpaceRow } from '../spaces/store.ts';
import { DEMO_ADMIN, type NewUser, type UserRow } from '../users/store.ts';
import * as bodies from './demo-bodies.ts';
import { type DemoSite, demoTime } from './demo-site.ts';

export const DEMO_USERS: Record<'alice' | 'bob' | 'carol', NewUser> = {
  alice: {
    accountId: '557058:7d3c4a1e-0b6f-4c1a-9e57-2f6a1d0c0002',
    email: 'alice@example.com',
    displayName: 'Alice Nguyen',
    apiToken: 'alice-token',
    timeZone: 'Europe/Paris',
  },
  bob: {
    accountId: '557058:7d3c4a1e-0b6f-4c1a-9e57-2f6a1d0c0003',
    email: 'bob@example.com',
    displayName: 'Bob Martins',
    apiToken: 'bob-token',
    timeZone: 'America/New_York',
  },
  carol: {
    accountId: '557058:7d3c4a1e-0b6f-4c1a-9e57-2f6a1d0c0004',
    email: 'carol@example.com',
    displayName: 'Carol Diaz',
    apiToken: 'carol-token',
    timeZone: 'Asia/Singapore',
  },
};

/** A demo page: title, body, author and children. */
interface PageSpec {
  title: string;
  body: (users: DemoSite['users']) => string;
  author: keyof DemoSite['users'];
  children?: PageSpec[];
}

const g = (
  title: string,
  topic: string,
  author: PageSpec['author'],
  children?: PageSpec[],
): PageSpec => ({
  title,
  author,
  body: () => bodies.generic(title, topic),
  ...(children ? { children } : {}),
});

const TREES: Record<'MKT' | 'ENG' | 'HR', PageSpec[]> = {
  MKT: [
    {
      title: 'Q3 planning',
      author: 'alice',
      body: (u) => bodies.q3Planning({ alice: u.alice.account_id, bob: u.bob.account_id }),
      children: [
        g('Q3 campaign brief', 'the Q3 campaign', 'alice'),
        g('Q3 budget', 'how the Q3 budget is split', 'bob'),
      ],
    },
    g('Brand guidelines', 'our voice, colours and typography', 'carol', [
      g('Logo usage', 'where and how to use the logo', 'carol'),
    ]),
    g('Launch checklist', 'what to check before a launch', 'bob'),
  ],
  ENG: [
    {
      title: 'Architecture overview',
      author: 'bob',
      body: () => bodies.architectureOverview(),
      children: [
        g('Service catalogue', 'every service and its owner', 'bob'),
        g('Database guidelines', 'schema changes and migrations', 'admin'),
      ],
    },
    g('Onboarding', 'the first week of a new engineer', 'alice', [
      g('Local development setup', 'how to run the platform on a laptop', 'alice'),
    ]),
    g('Incident runbook', 'how we respond to incidents', 'bob'),
    g('Release process', 'how code reaches production', 'admin'),
  ],
  HR: [
    g('Employee handbook', 'how we work together', 'carol', [
      g('Leave policy', 'holidays and leave', 'carol'),
      g('Expense policy', 'what can be expensed', 'carol'),
    ]),
    g('Hiring process', 'interview stages and scorecards', 'alice'),
  ],
};

const SPACES = [
  { key: 'MKT', name: 'Marketing', description: 'Campaigns, brand and launch plans.' },
  { key: 'ENG', name: 'Engineering', description: 'Architecture, runbooks and how we build.' },
  { key: 'HR', name: 'HR', description: 'Policies, hiring and the employee handbook.' },
] as const;

const BLOG_POSTS = [
  {
    space: 'MKT',
    title: 'Q3 kickoff recap',
    author: 'alice',
    topic: 'what we agreed at the Q3 kickoff',
  },
  { space: 'ENG', title: 'Migrating to Node 24', author: 'bob', topic: 'our move to Node.js 24' },
  {
    space: 'ENG',
    title: 'Postmortem: search outage',
    author: 'admin',
    topic: 'the search outage of 12 January',
  },
  {
    space: 'HR',
    title: 'Welcome our new hires',
    author: 'carol',
    topic: 'the people who joined this month',
  },
] as const;

export function seedDemoSite(context: EmulatorContext): DemoSite {
  const add = (user: NewUser): UserRow => context.users.add(user);
  const users = {
    admin: add(DEMO_ADMIN),
    alice: add(DEMO_USERS.alice),
    bob: add(DEMO_USERS.bob),
    carol: add(DEMO_USERS.carol),
  };
  const pages = new Map<string, ContentRow>();
  const blogposts = new Map<string, ContentRow>();
  let clock = 0;
  const tick = () => demoTime(0, clock++);
  const spaces = {} as Record<'MKT' | 'ENG' | 'HR', SpaceRow>;
  for (const spec of SPACES) {
    const titles = TREES[spec.key].map((page) => page.title);
    const space = createSpaceWithHomepage(context, {
      ...spec,
      authorId: users.admin.account_id,
      createdAt: tick(),
      homepageBody: bodies.homepage(spec.name, spec.description, titles),
    });
    spaces[spec.key] = space;
    pages.set(`${spec.name} Home`, context.content.get(space.homepage_id!)!);
    const plant = (specs: PageSpec[], parentId: number) =>
      specs.forEach((page, position) => {
        const row = context.content.create({
          type: 'page',
          status: 'current',
          spaceId: space.id,
          parentId,
          title: page.title,
          body: page.body(users),
          authorId: users[page.author].account_id,
          position,
          createdAt: tick(),
        });
        pages.set(page.title, row);
        if (page.children) plant(page.children, row.id);
      });
    plant(TREES[spec.key], space.homepage_id!);
  }
  for (const post of BLOG_POSTS) {
    const row = context.content.create({
      type: 'blogpost',
      status: 'current',
      spaceId: spaces[post.space].id,
      title: post.title,
      body: bodies.generic(post.title, post.topic),
      authorId: users[post.author].account_id,
      createdAt: demoTime(7, clock++),
    });
    blogposts.set(post.title, row);
  }
  return { users, spaces, pages, blogposts, at: demoTime };
}
