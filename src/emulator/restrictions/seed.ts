/**
 * Demo restrictions: a page in HR that only Carol and Alice may read and only Carol may edit, so
 * the demo admin (the embedded default account) does not see it in any listing or search.
 */
import type { EmulatorContext } from '../context.ts';
import type { DemoSite } from '../seed/demo-site.ts';
import type { RestrictionStore } from './store.ts';

export const RESTRICTED_DEMO_PAGE = 'Salary bands 2026';

export function seedRestrictions(
  context: EmulatorContext,
  site: DemoSite,
  store: RestrictionStore,
): void {
  const handbook = site.pages.get('Employee handbook');
  if (!handbook) return;
  const { alice, carol } = site.users;
  const page = context.content.create({
    type: 'page',
    status: 'current',
    spaceId: site.spaces.HR.id,
    parentId: handbook.id,
    title: RESTRICTED_DEMO_PAGE,
    body: '<h1>Salary bands 2026</h1><p>Confidential: salary bands per level, reviewed every January.</p><table><tbody><tr><th><p>Level</p></th><th><p>Band</p></th></tr><tr><td><p>L1</p></td><td><p>A</p></td></tr></tbody></table>',
    authorId: carol.account_id,
    position: context.content.nextPosition(site.spaces.HR.id, handbook.id),
    createdAt: site.at(2, 3),
  });
  site.pages.set(RESTRICTED_DEMO_PAGE, page);
  store.replace(page.id, 'read', [
    { type: 'user', id: carol.account_id },
    { type: 'user', id: alice.account_id },
  ]);
  store.replace(page.id, 'update', [{ type: 'user', id: carol.account_id }]);
}
