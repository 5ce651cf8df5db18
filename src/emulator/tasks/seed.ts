/**
 * Demo tasks. "Q3 planning" already carries a task list (seed/demo-bodies.ts); this adds an
 * "Onboarding checklist" page in ENG with assigned, dated, completed and blank tasks, and a task
 * list in a blog post, so every GET /tasks filter has something to find.
 */
import type { EmulatorContext } from '../context.ts';
import { taskList } from '../seed/demo-bodies.ts';
import type { DemoSite } from '../seed/demo-site.ts';

export const TASK_DEMO_PAGE = 'Onboarding checklist';

export function seedTasks(context: EmulatorContext, site: DemoSite): void {
  const onboarding = site.pages.get('Onboarding');
  const { admin, alice, bob, carol } = site.users;
  if (onboarding) {
    const body = `<h1>${TASK_DEMO_PAGE}</h1><p>What every new engineer does in week one.</p>${taskList(
      [
        { id: 1, done: true, text: 'Get a laptop', assignee: bob.account_id, due: '2026-01-12' },
        { id: 2, done: true, text: 'Set up the local environment', assignee: alice.account_id },
        {
          id: 3,
          done: false,
          text: 'Ship a first change',
          assignee: carol.account_id,
          due: '2026-01-16',
        },
        { id: 4, done: false, text: '' },
      ],
    )}`;
    const page = context.content.create({
      type: 'page',
      status: 'current',
      spaceId: site.spaces.ENG.id,
      parentId: onboarding.id,
      title: TASK_DEMO_PAGE,
      body,
      authorId: admin.account_id,
      position: context.content.nextPosition(site.spaces.ENG.id, onboarding.id),
      createdAt: site.at(4, 1),
    });
    site.pages.set(TASK_DEMO_PAGE, page);
  }
  const recap = site.blogposts.get('Q3 kickoff recap');
  if (recap) {
    const current = context.content.current(recap)!;
    context.content.revise(recap.id, {
      title: current.title,
      body: `${current.body}<h2>Follow-ups</h2>${taskList([{ id: 1, done: false, text: 'Share the kickoff slides', assignee: alice.account_id, due: '2026-01-20' }])}`,
      authorId: alice.account_id,
      message: 'Follow-ups',
      at: site.at(7, 3),
    });
  }
}
