/**
 * Runs the demo seed: the core site (users, spaces, page trees, blog posts), then every module's
 * `seedDemo` hook, all in one transaction. Deterministic: fixed dates, fixed order.
 */
import type { EmulatorContext } from '../context.ts';
import { transaction } from '../database/open.ts';
import type { EmulatorModule } from '../module.ts';
import type { DemoSite } from './demo-site.ts';
import { seedDemoSite } from './demo-core.ts';

/** Seeds `context` unless it already holds spaces (a file database opened a second time). */
export function seedDemo(
  context: EmulatorContext,
  modules: readonly EmulatorModule[],
): DemoSite | undefined {
  if (context.spaces.byKey('MKT')) return undefined;
  return transaction(context.db, () => {
    const site = seedDemoSite(context);
    for (const module of modules) module.seedDemo?.(context, site);
    return site;
  });
}
