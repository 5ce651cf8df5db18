/**
 * The SDK contract suite: every registry operation exercised through a live run session, against
 * whichever backend a test file hands in (Hono's `common.case.test.ts` pattern: one behavioural
 * suite, several runtimes). test/confluence/contract/emulator.test.ts runs it against the
 * in-process emulator in CI; site.test.ts against a real site when one is configured.
 *
 * The suite works in a scratch space it creates (so it needs the permission to create spaces)
 * and deletes at the end.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../../src/confluence/operations/index.ts';
import { attachmentCases } from './attachments.case.ts';
import { sessionCaller, uniqueSpaceKey, type ContractBackend } from './backend.ts';
import { blogPostCases } from './blogposts.case.ts';
import { CONTRACT_TIMEOUT_MS, createFixture, type ContractFixture } from './fixture.ts';
import { labelCases } from './labels.case.ts';
import { pageCases } from './pages.case.ts';
import { propertyCases } from './properties.case.ts';
import { siteCases } from './site.case.ts';
import { spaceCases } from './spaces.case.ts';

export interface ContractSuiteOptions {
  backend: ContractBackend;
  /** Called after the suite (closes an emulator). */
  close?: () => Promise<void> | void;
}

async function setUp(fixture: ContractFixture): Promise<void> {
  const me = await fixture.call<{ accountId: string; displayName: string }>('users.current');
  fixture.accountId = me.accountId;
  fixture.displayName = me.displayName;
  const key = uniqueSpaceKey();
  const space = await fixture.call<{ id: string; key: string }>('spaces.create', {
    name: `Workbench contract ${key}`,
    key,
    description: 'Created by the confluence-workbench SDK contract suite; deleted when it ends.',
  });
  fixture.spaceKey = space.key;
  fixture.spaceId = space.id;
}

export function runContractSuite(options: ContractSuiteOptions): void {
  const { backend } = options;
  const fixture = createFixture(backend, sessionCaller(backend));

  describe(`SDK contract on the ${backend.name}`, () => {
    beforeAll(() => setUp(fixture), CONTRACT_TIMEOUT_MS);
    afterAll(async () => {
      try {
        if (fixture.spaceKey) await fixture.call('spaces.delete', { id: fixture.spaceKey });
      } finally {
        await options.close?.();
      }
    }, CONTRACT_TIMEOUT_MS);

    pageCases(fixture);
    blogPostCases(fixture);
    spaceCases(fixture);
    labelCases(fixture);
    attachmentCases(fixture);
    propertyCases(fixture);
    siteCases(fixture);

    it('registry: the suite called every operation the backend serves', () => {
      const skipped = new Set([...Object.keys(backend.pending), ...fixture.skipped]);
      if (!backend.admin) skipped.add('audit.list');
      const missed = OPERATIONS.map((spec) => spec.name).filter(
        (name) => !skipped.has(name) && !fixture.call.called.has(name),
      );
      expect(missed).toEqual([]);
    });
  });
}
