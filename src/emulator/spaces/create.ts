/**
 * Creating a space creates its homepage too, as Confluence does: a root-level page titled
 * "<name> Home" that new pages go under unless they are created root-level.
 */
import type { EmulatorContext } from '../context.ts';
import { transaction } from '../database/open.ts';
import type { NewSpace, SpaceRow } from './store.ts';

export interface CreateSpaceInput extends NewSpace {
  /** Storage body of the homepage; a one-line welcome when absent. */
  homepageBody?: string;
}

/**
 * @example const space = createSpaceWithHomepage(context, { key: 'DOCS', name: 'Docs', authorId });
 */
export function createSpaceWithHomepage(
  context: EmulatorContext,
  input: CreateSpaceInput,
): SpaceRow {
  return transaction(context.db, () => {
    const space = context.spaces.create(input);
    const homepage = context.content.create({
      type: 'page',
      status: 'current',
      spaceId: space.id,
      parentId: null,
      title: `${space.name} Home`,
      body: input.homepageBody ?? `<p>Welcome to the ${space.name} space.</p>`,
      authorId: input.authorId,
      position: 0,
      ...(input.createdAt === undefined ? {} : { createdAt: input.createdAt }),
    });
    context.spaces.setHomepage(space.id, homepage.id);
    return { ...space, homepage_id: homepage.id };
  });
}
