/**
 * A generator of large sites for benchmarks: `pages` pages spread over `spaces` spaces as trees
 * of a fixed fan-out, each with a realistic storage body, written in ONE transaction through the
 * content store (so the full-text index and the content-write hooks see every page).
 */
import type { EmulatorContext } from '../context.ts';
import { transaction } from '../database/open.ts';
import { createSpaceWithHomepage } from '../spaces/create.ts';
import { DEMO_ADMIN } from '../users/store.ts';
import { codeMacro, table, taskList } from './demo-bodies.ts';
import { demoTime } from './demo-site.ts';

export interface GenerateSiteOptions {
  pages: number;
  /** Spaces to spread the pages over (default 10). Keys are `GEN1`, `GEN2`, ... */
  spaces?: number;
  /** Children per page (default 10). */
  fanOut?: number;
}

export interface GeneratedSite {
  spaceIds: number[];
  pageIds: number[];
}

const WORDS = [
  'roadmap',
  'budget',
  'release',
  'incident',
  'design',
  'review',
  'migration',
  'onboarding',
  'metrics',
  'retro',
  'launch',
  'policy',
  'architecture',
  'hiring',
  'security',
];

/**
 * @example generateSite(emulator.context, { pages: 10_000 }); // ~10 k pages in ~1-2 s
 */
export function generateSite(
  context: EmulatorContext,
  options: GenerateSiteOptions,
): GeneratedSite {
  const spaceCount = Math.max(1, options.spaces ?? 10);
  const fanOut = Math.max(1, options.fanOut ?? 10);
  const authorId = context.users.add(DEMO_ADMIN).account_id;
  return transaction(context.db, () => {
    const offset = countGenerated(context);
    const spaces = Array.from({ length: spaceCount }, (_, index) =>
      createSpaceWithHomepage(context, {
        key: `GEN${offset + index + 1}`,
        name: `Generated ${offset + index + 1}`,
        authorId,
        createdAt: demoTime(0),
      }),
    );
    const pageIds: number[] = [];
    const parents = spaces.map((space) => [space.homepage_id!]);
    for (let index = 0; index < options.pages; index++) {
      const spaceIndex = index % spaceCount;
      const space = spaces[spaceIndex]!;
      const siblings = parents[spaceIndex]!;
      const treeIndex = Math.floor(index / spaceCount);
      const parentId = siblings[Math.floor(treeIndex / fanOut)] ?? space.homepage_id!;
      const row = context.content.create({
        type: 'page',
        status: 'current',
        spaceId: space.id,
        parentId,
        title: `${capitalize(WORDS[index % WORDS.length]!)} ${index + 1}`,
        body: pageBody(index),
        authorId,
        position: treeIndex % fanOut,
        createdAt: demoTime(0, index / 60),
      });
      siblings.push(row.id);
      pageIds.push(row.id);
    }
    return { spaceIds: spaces.map((space) => space.id), pageIds };
  });
}

function countGenerated(context: EmulatorContext): number {
  let count = 0;
  while (context.spaces.byKey(`GEN${count + 1}`)) count++;
  return count;
}

function capitalize(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1);
}

function pageBody(index: number): string {
  const topic = WORDS[index % WORDS.length]!;
  const other = WORDS[(index * 7 + 3) % WORDS.length]!;
  const extras =
    index % 5 === 0
      ? codeMacro('bash', `npm run ${topic} -- --page ${index}`)
      : index % 5 === 1
        ? taskList([{ id: 1, done: index % 2 === 0, text: `Follow up on ${other}` }])
        : index % 5 === 2
          ? table(
              ['Item', 'Owner'],
              [
                [topic, 'Platform'],
                [other, 'Product'],
              ],
            )
          : '';
  return `<h1>${capitalize(topic)} notes ${index + 1}</h1><p>Notes about the ${topic} work and how it affects ${other}.</p><ul><li><p>Decision ${index % 13}</p></li><li><p>Next step: ${other}</p></li></ul>${extras}`;
}
