/**
 * Demo comments: a footer thread and inline comments (one open, one resolved) on "Q3 planning",
 * and a footer comment on the "Migrating to Node 24" blog post.
 */
import type { EmulatorContext } from '../context.ts';
import type { ContentRow } from '../content/schema.ts';
import type { DemoSite } from '../seed/demo-site.ts';
import type { CommentExtra } from './extra.ts';
import { markerRef } from './selection.ts';

export function seedComments(context: EmulatorContext, site: DemoSite): void {
  const planning = site.pages.get('Q3 planning');
  const node = site.blogposts.get('Migrating to Node 24');
  const { alice, bob, carol } = site.users;
  const comment = (
    container: ContentRow,
    authorId: string,
    body: string,
    createdAt: number,
    extra: CommentExtra = { location: 'footer' },
    parent?: ContentRow,
  ) => {
    const row = context.content.create({
      type: 'comment',
      status: 'current',
      spaceId: container.space_id,
      parentId: parent?.id ?? null,
      containerId: container.id,
      title: `Re: ${container.title}`,
      body,
      authorId,
      extra,
      createdAt,
    });
    if (extra.inlineOriginalSelection)
      context.content.setExtra(row.id, { ...extra, inlineMarkerRef: markerRef(row.id) });
    return row;
  };
  if (planning) {
    const question = comment(
      planning,
      bob.account_id,
      '<p>Do we have a date for the partner programme launch?</p>',
      site.at(3, 1),
    );
    comment(
      planning,
      alice.account_id,
      '<p>Mid-August; see the milestones table.</p>',
      site.at(3, 2),
      { location: 'footer' },
      question,
    );
    comment(
      planning,
      carol.account_id,
      '<p>Can we quantify this against last quarter?</p>',
      site.at(3, 4),
      {
        location: 'inline',
        resolutionStatus: 'open',
        inlineOriginalSelection: 'Grow qualified leads',
        textSelectionMatchIndex: 0,
      },
    );
    comment(planning, bob.account_id, '<p>Owner confirmed.</p>', site.at(3, 5), {
      location: 'inline',
      resolutionStatus: 'resolved',
      resolutionLastModifierId: alice.account_id,
      resolutionLastModifiedAt: site.at(4),
      inlineOriginalSelection: 'Launch the partner programme',
      textSelectionMatchIndex: 0,
    });
  }
  if (node)
    comment(
      node,
      alice.account_id,
      '<p>Great write-up. Did the test suite get faster?</p>',
      site.at(8, 2),
    );
}
