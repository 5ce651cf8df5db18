import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type SearchSite, searchSite, titles } from './search-site.ts';

let site: SearchSite;
beforeAll(() => {
  site = searchSite(); // now: Wednesday 4 March 2026, 15:30 UTC
});
afterAll(() => site.close());

async function pages(condition: string, as = site.client): Promise<string[]> {
  const body = await site.search(
    `type = page AND space = DOCS AND ${condition}`,
    { limit: '250' },
    as,
  );
  return titles(body).sort();
}

// DOCS pages: Documentation Home (1 Jan), Release notes (10 Jan), Release 1.0 (11 Jan),
// Release 1.0 hotfix (12 Jan), Deploy runbook (13 Jan, modified 25 Jan), Budget (14 Jan); 09:00 UTC.
describe('searchByCQL: created and lastmodified with date literals', () => {
  it('searchByCQL: = covers the whole day; != is its complement', async () => {
    expect(await pages('created = "2026-01-11"')).toEqual(['Release 1.0']);
    expect(await pages('created = 2026/01/11')).toEqual(['Release 1.0']);
    expect(await pages('created != "2026-01-11"')).toHaveLength(5);
  });

  it('searchByCQL: > is after the day, >= from its start, < before it, <= up to its end', async () => {
    expect(await pages('created > "2026-01-13"')).toEqual(['Budget & "plans"']);
    expect(await pages('created >= "2026-01-13"')).toEqual(['Budget & "plans"', 'Deploy runbook']);
    expect(await pages('created < "2026-01-10"')).toEqual(['Documentation Home']);
    expect(await pages('created <= "2026-01-10"')).toEqual(['Documentation Home', 'Release notes']);
  });

  it('searchByCQL: a time narrows the literal to the minute', async () => {
    expect(await pages('created >= "2026-01-13 09:00"')).toEqual([
      'Budget & "plans"',
      'Deploy runbook',
    ]);
    expect(await pages('created > "2026-01-13 09:00"')).toEqual(['Budget & "plans"']);
    expect(await pages('created = "2026/01/13 09:00"')).toEqual(['Deploy runbook']);
  });

  it('searchByCQL: lastmodified follows the latest version, created the first', async () => {
    expect(await pages('lastmodified > "2026-01-20"')).toEqual(['Deploy runbook']);
    expect(await pages('created > "2026-01-20"')).toEqual([]);
  });
});

describe('searchByCQL: date functions', () => {
  it('searchByCQL: now() and relative literals count back from the clock', async () => {
    expect(await pages('lastmodified > now("-40d")')).toEqual(['Deploy runbook']);
    expect(await pages('lastmodified > "-40d"')).toEqual(['Deploy runbook']);
    // 3 January 15:30 to 13 January 15:30.
    expect(await pages('created > now("-60d") AND created < now("-50d")')).toEqual([
      'Deploy runbook',
      'Release 1.0',
      'Release 1.0 hotfix',
      'Release notes',
    ]);
  });

  it('searchByCQL: startOf/endOf functions with increments', async () => {
    expect(await pages('lastmodified >= startOfDay("-38d")')).toEqual(['Deploy runbook']);
    expect(
      await pages('created >= startOfMonth("-2M") AND created <= endOfMonth(-2)'),
    ).toHaveLength(6);
    expect(await pages('created >= startOfYear()')).toHaveLength(6);
    expect(await pages('created < startOfYear()')).toEqual([]);
    // The end of this week (Sunday 8 March) eight weeks back: Sunday 11 January, 23:59:59.999.
    expect(await pages('created > endOfWeek(-8)')).toEqual([
      'Budget & "plans"',
      'Deploy runbook',
      'Release 1.0 hotfix',
    ]);
    expect(await pages('created <= endOfDay()')).toHaveLength(6);
  });

  it("searchByCQL: dates are read in the caller's time zone", async () => {
    // 23:30 UTC on 10 January is 11 January in Paris (Alice's zone), not for the admin (London).
    const late = site.emulator.context.content.create({
      type: 'page',
      status: 'current',
      spaceId: site.emulator.context.spaces.byKey('DOCS')!.id,
      title: 'Late night page',
      body: '<p>late</p>',
      authorId: ADMIN,
      createdAt: Date.UTC(2026, 0, 10, 23, 30),
    });
    try {
      expect(await pages('created = "2026-01-11"', site.alice)).toEqual([
        'Late night page',
        'Release 1.0',
      ]);
      expect(await pages('created = "2026-01-11"')).toEqual(['Release 1.0']);
    } finally {
      site.emulator.context.content.purge(late.id, ADMIN);
    }
  });
});
