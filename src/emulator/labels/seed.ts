/**
 * Demo labels. "Q3 planning" deliberately lacks `urgent`: a product scenario adds it.
 */
import { attachmentStoreOf } from '../attachments/module.ts';
import type { EmulatorContext } from '../context.ts';
import type { DemoSite } from '../seed/demo-site.ts';
import type { LabelStore } from './store.ts';

const CONTENT_LABELS: Record<string, string[]> = {
  'Q3 planning': ['planning', 'q3', 'marketing'],
  'Q3 campaign brief': ['q3', 'campaign'],
  'Q3 budget': ['q3', 'finance'],
  'Brand guidelines': ['brand', 'marketing'],
  'Launch checklist': ['checklist', 'marketing'],
  'Architecture overview': ['architecture', 'engineering'],
  'Incident runbook': ['runbook', 'oncall', 'engineering'],
  'Release process': ['process', 'engineering'],
  'Employee handbook': ['policy', 'hr'],
  'Leave policy': ['policy', 'hr'],
  'Expense policy': ['policy', 'finance'],
};

const BLOGPOST_LABELS: Record<string, string[]> = {
  'Q3 kickoff recap': ['q3', 'marketing'],
  'Migrating to Node 24': ['nodejs', 'engineering'],
  'Postmortem: search outage': ['postmortem', 'engineering'],
};

const SPACE_LABELS = { MKT: ['marketing'], ENG: ['engineering'], HR: ['hr'] } as const;

export function seedLabels(context: EmulatorContext, site: DemoSite, store: LabelStore): void {
  const owner = site.users.admin.account_id;
  const attach = (contentId: number, names: string[]) => {
    for (const name of names) store.attach(contentId, store.ensure('global', name, owner).id);
  };
  for (const [title, names] of Object.entries(CONTENT_LABELS)) {
    const page = site.pages.get(title);
    if (page) attach(page.id, names);
  }
  for (const [title, names] of Object.entries(BLOGPOST_LABELS)) {
    const post = site.blogposts.get(title);
    if (post) attach(post.id, names);
  }
  for (const [key, names] of Object.entries(SPACE_LABELS)) {
    const space = site.spaces[key as keyof typeof SPACE_LABELS];
    for (const name of names) store.attachToSpace(space.id, store.ensure('team', name, owner).id);
  }
  const brand = site.pages.get('Brand guidelines');
  const logo = brand && attachmentStoreOf(context).byTitle(brand.id, 'logo.png');
  if (logo) attach(logo.id, ['brand', 'logo']);
  const planning = site.pages.get('Q3 planning');
  if (planning)
    store.attach(planning.id, store.ensure('my', 'follow-up', site.users.alice.account_id).id);
}
