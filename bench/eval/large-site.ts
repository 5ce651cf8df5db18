/**
 * The evaluation's large site: 5,000 generated pages on top of the demo seed, deterministic for
 * a seed (pure-rand), written in one transaction through the emulator's stores so every hook
 * (full-text index, tasks, labels) sees them. Four spaces of sectioned trees (the Documentation
 * tree is 9 levels deep), a version history per page with dated edits by ten users (about one
 * page in eight edited in the last 30 days), labels, task lists assigned to users, and footer
 * comments with replies (one busy roadmap page carries 40 threads).
 *
 * Dates are relative to `now` (the generation time): "the last 30 days" holds on the site
 * whenever it is generated. {@link LARGE_SITE} names what the tasks ask about.
 */
import path from 'node:path';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { ContentRow } from '../../src/emulator/content/schema.ts';
import { createEmulator, type EmulatorContext } from '../../src/emulator/index.ts';
import { transaction } from '../../src/emulator/database/open.ts';
import { labelStoreOf } from '../../src/emulator/labels/module.ts';
import { codeMacro, table, taskList } from '../../src/emulator/seed/demo-bodies.ts';
import { DEMO_USERS } from '../../src/emulator/seed/demo-core.ts';
import { createSpaceWithHomepage } from '../../src/emulator/spaces/create.ts';
import { DEMO_ADMIN, type NewUser } from '../../src/emulator/users/store.ts';

/** What the large-site tasks ask about: every name here exists on the generated site. */
export const LARGE_SITE = {
  /** Recent-changes space. */
  recentSpace: { key: 'SUP', name: 'Support' },
  /** Missing-label question: under this page, which lack the label. */
  missingLabel: { space: 'PLAT', parent: 'Service runbooks', label: 'reviewed' },
  /** Bulk relabelling: in this space, replace `from` with `to`. */
  relabel: { space: 'SALES', name: 'Sales', from: 'customer', to: 'client' },
  /** Moving a tree of about 300 pages. */
  move: { space: 'PLAT', page: 'Legacy integrations', under: 'Archive' },
  /** The page with 40 comment threads. */
  discussion: { space: 'PLAT', page: 'Platform roadmap 2027' },
  /** Largest-pages space. */
  largest: { key: 'DOCS', name: 'Documentation' },
} as const;

interface SpacePlan {
  key: string;
  name: string;
  description: string;
  pages: number;
  /** Children per page within a section: fewer makes deeper trees. */
  fanOut: number;
  sections: string[];
  topics: string[];
}

const SPACES: SpacePlan[] = [
  {
    key: 'PLAT',
    name: 'Platform',
    description: 'Services, runbooks and the platform roadmap.',
    pages: 1_500,
    fanOut: 4,
    sections: [
      'Service runbooks',
      'Architecture decisions',
      'Platform roadmap 2027',
      'Legacy integrations',
      'Archive',
    ],
    topics: ['Failover', 'Capacity', 'Deploy', 'Queue', 'Cache', 'Gateway', 'Storage', 'Tracing'],
  },
  {
    key: 'SALES',
    name: 'Sales',
    description: 'Accounts, proposals and the sales playbooks.',
    pages: 1_200,
    fanOut: 6,
    sections: ['Accounts', 'Proposals', 'Playbooks', 'Pipeline reviews'],
    topics: ['Renewal', 'Pricing', 'Discovery', 'Contract', 'Forecast', 'Territory', 'Demo'],
  },
  {
    key: 'SUP',
    name: 'Support',
    description: 'Known issues, escalations and how-to articles.',
    pages: 1_300,
    fanOut: 8,
    sections: ['Known issues', 'Escalations', 'How-to articles', 'Release notes'],
    topics: ['Login', 'Billing', 'Export', 'Sync', 'Permissions', 'Mobile', 'Webhook'],
  },
  {
    key: 'DOCS',
    name: 'Documentation',
    description: 'The user guide, the API reference and tutorials.',
    pages: 1_000,
    fanOut: 2,
    sections: ['User guide', 'API reference', 'Tutorials'],
    topics: ['Setup', 'Search', 'Import', 'Reports', 'Admin', 'Editor', 'Integrations'],
  },
];

/** Six more people beside the demo's four, so edits and tasks spread over ten users. */
const EXTRA_USERS: NewUser[] = [
  'Dana Okafor',
  'Eli Brandt',
  'Fay Lindqvist',
  'Gus Moreau',
  'Hana Sato',
  'Ivan Petrov',
].map((displayName, index) => {
  const first = displayName.split(' ')[0]!.toLowerCase();
  return {
    accountId: `557058:7d3c4a1e-0b6f-4c1a-9e57-2f6a1d0c01${String(index).padStart(2, '0')}`,
    email: `${first}@example.com`,
    displayName,
    apiToken: `${first}-token`,
  };
});

const DAY_MS = 86_400_000;
const DISCUSSION_THREADS = 40;

export interface LargeSiteOptions {
  /** The clock the dates are relative to (default now). */
  now?: number;
  /** The PRNG seed (default 2026): the same seed makes the same site. */
  seed?: number;
  /** Pages per space times this (default 1, 5,000 pages); tests use a tenth. */
  scale?: number;
}

export interface LargeSiteSummary {
  pages: number;
  spaces: string[];
  /** Deepest page below its space's homepage (1 = a child of the homepage). */
  maxDepth: number;
  versions: number;
  comments: number;
}

/**
 * Adds the large site to an emulator that holds the demo seed (its users author pages too).
 *
 * @example
 * const emulator = createEmulator({ database: file, seed: 'demo' });
 * generateLargeSite(emulator.context); // ~5,000 pages
 * emulator.close();
 */
export function generateLargeSite(
  context: EmulatorContext,
  options: LargeSiteOptions = {},
): LargeSiteSummary {
  const now = options.now ?? Date.now();
  const rng = xoroshiro128plus(options.seed ?? 2026);
  const chance = (p: number) => uniformFloat64(rng) < p;
  const pick = <T>(items: readonly T[]): T => items[uniformInt(rng, 0, items.length - 1)]!;
  const daysAgo = (from: number, to: number) =>
    now - (from + uniformFloat64(rng) * (to - from)) * DAY_MS;
  const labels = labelStoreOf(context);
  const admin = context.users.add(DEMO_ADMIN).account_id;
  const people = [
    admin,
    ...Object.values(DEMO_USERS).map((user) => context.users.add(user).account_id),
    ...EXTRA_USERS.map((user) => context.users.add(user).account_id),
  ];
  const label = (contentId: number, name: string) =>
    labels.attach(contentId, labels.ensure('global', name, admin).id);
  const summary: LargeSiteSummary = { pages: 0, spaces: [], maxDepth: 0, versions: 0, comments: 0 };

  /** A page with its history: created long ago, edited 0-3 times, one in eight in the last 30 days. */
  function addPage(
    spaceId: number,
    parentId: number,
    title: string,
    body: string,
    position: number,
  ) {
    const createdAt = daysAgo(120, 400);
    const row = context.content.create({
      type: 'page',
      status: 'current',
      spaceId,
      parentId,
      title,
      body,
      authorId: pick(people),
      position,
      createdAt,
    });
    const edits = uniformInt(rng, 0, 3);
    const recent = chance(0.125);
    let at = createdAt;
    for (let edit = 1; edit <= edits + (recent ? 1 : 0); edit++) {
      // Old edits stay before 31 days ago and recent ones after 29 days ago: a checker run a few
      // minutes later sees the same answer.
      at =
        recent && edit === edits + 1
          ? daysAgo(0.05, 29)
          : at + (now - 31 * DAY_MS - at) * uniformFloat64(rng);
      context.content.revise(row.id, {
        title,
        body: `${body}<p>Revision ${edit + 1}: ${pick(['clarified', 'updated', 'reviewed', 'extended'])}.</p>`,
        authorId: pick(people),
        message: `Edit ${edit}`,
        at,
      });
      summary.versions += 1;
    }
    summary.pages += 1;
    summary.versions += 1;
    return row;
  }

  function pageBody(title: string, topic: string): string {
    const paragraphs = Array.from(
      { length: uniformInt(rng, 1, chance(0.02) ? 40 : 8) },
      (_, index) =>
        `<p>${topic} note ${index + 1} for ${title}: ${pick(['what changed', 'who owns it', 'how to verify it', 'what to watch', 'open questions'])}.</p>`,
    ).join('');
    const extras = [
      chance(0.2) ? codeMacro('bash', `${topic.toLowerCase()}ctl status --page "${title}"`) : '',
      chance(0.15)
        ? table(
            ['Item', 'Owner'],
            [
              [topic, 'Platform'],
              [title, 'Product'],
            ],
          )
        : '',
      chance(0.4)
        ? taskList(
            Array.from({ length: uniformInt(rng, 1, 4) }, (_, index) => ({
              id: index + 1,
              done: chance(0.4),
              text: `${pick(['Check', 'Update', 'Review', 'Close'])} ${topic.toLowerCase()} item ${index + 1}`,
              assignee: pick(people),
              ...(chance(0.5)
                ? { due: new Date(daysAgo(-30, 60)).toISOString().slice(0, 10) }
                : {}),
            })),
          )
        : '',
    ];
    return `<h1>${title}</h1>${paragraphs}${extras.join('')}`;
  }

  function addComment(page: ContentRow, parentId: number | null, text: string) {
    summary.comments += 1;
    return context.content.create({
      type: 'comment',
      status: 'current',
      spaceId: page.space_id,
      parentId,
      containerId: page.id,
      title: `Re: ${page.title}`,
      body: `<p>${text}</p>`,
      authorId: pick(people),
      extra: { location: 'footer' },
      createdAt: daysAgo(1, 60),
    });
  }

  function discuss(page: ContentRow, threads: number) {
    for (let thread = 0; thread < threads; thread++) {
      const topic = pick([
        'the rollout order',
        'the budget',
        'the on-call load',
        'the migration date',
        'the SLOs',
      ]);
      const comment = addComment(page, null, `Question ${thread + 1} about ${topic}?`);
      const replies = uniformInt(rng, 0, 3);
      for (let reply = 0; reply < replies; reply++)
        addComment(
          page,
          comment.id,
          `Reply ${reply + 1}: ${pick(['agreed', 'needs a decision', 'done', 'see the plan'])}.`,
        );
    }
  }

  return transaction(context.db, () => {
    for (const plan of SPACES) {
      const space = createSpaceWithHomepage(context, {
        key: plan.key,
        name: plan.name,
        description: plan.description,
        authorId: admin,
        createdAt: now - 400 * DAY_MS,
      });
      summary.spaces.push(plan.key);
      // Each section is a tree filled breadth-first with `fanOut` children per page.
      const sections = plan.sections.map((title, position) => {
        const root = addPage(
          space.id,
          space.homepage_id!,
          title,
          pageBody(title, 'Overview'),
          position,
        );
        if (title === LARGE_SITE.discussion.page) discuss(root, DISCUSSION_THREADS);
        return { title, queue: [{ id: root.id, depth: 1, children: 0 }] };
      });
      const pages = Math.max(plan.sections.length, Math.round(plan.pages * (options.scale ?? 1)));
      for (let index = plan.sections.length; index < pages; index++) {
        const section = sections[index % sections.length]!;
        const parent = section.queue[0]!;
        const topic = pick(plan.topics);
        const title = `${topic} ${section.title.split(' ')[0]!.toLowerCase()} ${index + 1}`;
        const row = addPage(space.id, parent.id, title, pageBody(title, topic), parent.children);
        parent.children += 1;
        if (parent.children === plan.fanOut) section.queue.shift();
        section.queue.push({ id: row.id, depth: parent.depth + 1, children: 0 });
        summary.maxDepth = Math.max(summary.maxDepth, parent.depth + 1);
        labelPage(plan, section.title, row.id);
        if (chance(0.03)) discuss(row, uniformInt(rng, 1, 2));
      }
    }
    return summary;
  });

  /** Space and topic labels; `reviewed` on 70% of runbooks, `customer` on a third of Sales. */
  function labelPage(plan: SpacePlan, section: string, contentId: number) {
    label(contentId, plan.key.toLowerCase());
    if (section === LARGE_SITE.missingLabel.parent) {
      label(contentId, 'runbook');
      if (chance(0.7)) label(contentId, LARGE_SITE.missingLabel.label);
    }
    if (chance(plan.key === LARGE_SITE.relabel.space ? 0.35 : 0.03))
      label(contentId, LARGE_SITE.relabel.from);
    if (chance(0.1)) label(contentId, 'draft');
  }
}

/**
 * The large site in a database file (demo seed + {@link generateLargeSite}), made once; each
 * workbench of the evaluation opens a copy (site-service.ts), which takes milliseconds.
 *
 * @example
 * const { file, summary } = createLargeSiteFile(directory);
 */
export function createLargeSiteFile(
  directory: string,
  options: LargeSiteOptions = {},
): {
  file: string;
  summary: LargeSiteSummary;
} {
  const file = path.join(directory, 'large-site.sqlite');
  // Generated in memory (a file's WAL makes it several times slower), then written out whole.
  const emulator = createEmulator({ seed: 'demo' });
  try {
    const summary = generateLargeSite(emulator.context, options);
    emulator.db.prepare('VACUUM INTO ?').run(file);
    return { file, summary };
  } finally {
    emulator.close();
  }
}
