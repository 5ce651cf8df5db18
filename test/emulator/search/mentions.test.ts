import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mentionedAccounts } from '../../../src/emulator/cql/mentions.ts';
import { ALICE, BOB, CAROL, type SearchSite, searchSite, titles } from './search-site.ts';

let site: SearchSite;
const mention = (accountId: string, quote = '"') =>
  `<ac:link><ri:user ri:account-id=${quote}${accountId}${quote} /></ac:link>`;

async function page(title: string, body: string): Promise<string> {
  const response = await site.client.post('/wiki/api/v2/pages', {
    spaceId: String(site.emulator.context.spaces.byKey('OPS')!.id),
    title,
    body: { representation: 'storage', value: body },
  });
  expect(response.status).toBe(200);
  return response.body.id as string;
}

beforeAll(async () => {
  site = searchSite();
  await page('Standup notes', `<p>Thanks ${mention(ALICE)} and ${mention(BOB)}.</p>`);
  // Hand-written storage: single quotes, spacing, a self-closing tag written out.
  await page(
    'Hand written',
    `<p><ac:link ><ri:user   ri:account-id='${ALICE}'></ri:user></ac:link></p>`,
  );
  await page(
    'Task for Carol',
    `<ac:task-list><ac:task><ac:task-status>incomplete</ac:task-status><ac:task-body>Ship it ${mention(CAROL)}</ac:task-body></ac:task></ac:task-list>`,
  );
  // The account id as plain text is not a mention.
  await page('Id in text', `<p>Alice's account is ${ALICE}.</p>`);
  // Mentioned in version 1 only: mention searches the current version.
  const edited = await page('Edited out', `<p>Ask ${mention(ALICE)}</p>`);
  const update = await site.client.put(`/wiki/api/v2/pages/${edited}`, {
    id: edited,
    status: 'current',
    title: 'Edited out',
    body: { representation: 'storage', value: '<p>Ask someone</p>' },
    version: { number: 2 },
  });
  expect(update.status).toBe(200);
});
afterAll(() => site.close());

describe('searchByCQL: mention', () => {
  it('mention: content whose current body mentions the account, however the storage is written', async () => {
    const body = await site.search(`mention = "${ALICE}"`, { limit: '50' });
    expect(titles(body).sort()).toEqual(['Hand written', 'Standup notes']);
  });

  it('mention: IN, currentUser() and != combine with other fields', async () => {
    expect(titles(await site.search(`mention IN ("${BOB}", "${CAROL}") ORDER BY title`))).toEqual([
      'Standup notes',
      'Task for Carol',
    ]);
    const mine = await site.search('mention = currentUser()', {}, site.alice);
    expect(titles(mine).sort()).toEqual(['Hand written', 'Standup notes']);
    const others = await site.search(
      `space = OPS AND type = page AND mention != "${ALICE}" AND title ~ "notes OR carol OR text"`,
    );
    expect(titles(others).sort()).toEqual(['Id in text', 'Task for Carol']);
  });

  it('mention: the same on /content/search, and ~ is refused as on Cloud', async () => {
    const body = await site.contentSearch(`mention = "${CAROL}"`);
    expect(titles(body)).toEqual(['Task for Carol']);
    const refused = await site.client.get(
      `/wiki/rest/api/search?cql=${encodeURIComponent(`mention ~ "${ALICE}"`)}`,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('it supports: =, !=, IN, NOT IN');
  });

  it('mentionedAccounts: user links only, not other ri:user references', () => {
    expect([
      ...mentionedAccounts(
        `<p>${mention('a')}</p><ac:structured-macro ac:name="profile"><ac:parameter ac:name="user"><ri:user ri:account-id="b" /></ac:parameter></ac:structured-macro>`,
      ),
    ]).toEqual(['a']);
  });
});
