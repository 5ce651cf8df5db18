/**
 * Writes are checked against the space of every object they touch (a move's target, a new page's
 * parent), and a path parameter is always one segment: `..` and `.` never navigate the URL.
 * The real registry against the real emulator with the demo data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestUrl } from '../../../src/confluence/http/urls.ts';
import { startPolicySite, type PolicySite } from './policy-fixture.ts';
import { callContext, rejection } from './session-helpers.ts';

let site: PolicySite;
beforeAll(async () => {
  site = await startPolicySite();
});
afterAll(() => site.emulator.close());

const MKT_ONLY = { allowedSpaces: ['MKT'] };
const writesSince = (start: number) =>
  site.sent.slice(start).filter((line) => !line.startsWith('GET '));

describe('allowedSpaces: writes touch every object they name', () => {
  it('pages.move: an MKT page moved under an ENG page is refused, naming ENG', async () => {
    const session = site.session(MKT_ONLY);
    const before = site.sent.length;
    const error = await rejection(
      session.host['pages.move']!(
        { id: site.mkt.page, position: 'append', targetId: site.eng.home },
        callContext(),
      ),
    );
    expect(error).toMatchObject({ code: 'POLICY_SPACE_NOT_ALLOWED', phase: 'policy' });
    expect(error.message).toBe(
      'pages.move: refused by policy allowedSpaces: space ENG is not one of MKT',
    );
    expect(writesSince(before)).toEqual([]);
    const page = (await session.host['pages.get']!({ id: site.mkt.page }, callContext(1))) as {
      spaceId: string;
    };
    expect(page.spaceId).toBe(site.mkt.spaceId);
  });

  it('pages.move: within the allowed space it is applied', async () => {
    const session = site.session(MKT_ONLY);
    await session.host['pages.move']!(
      { id: site.mkt.page, position: 'append', targetId: site.mkt.home },
      callContext(),
    );
    expect(session.writes()).toEqual([
      expect.objectContaining({ operation: 'pages.move', status: 'applied' }),
    ]);
  });

  it('pages.create and pages.update: a parent page in another space is refused', async () => {
    const session = site.session(MKT_ONLY);
    const before = site.sent.length;
    const created = await rejection(
      session.host['pages.create']!(
        { spaceId: 'MKT', parentId: site.eng.home, title: 'Smuggled', body: { storage: '<p/>' } },
        callContext(),
      ),
    );
    const updated = await rejection(
      session.host['pages.update']!(
        { id: site.mkt.page, version: 2, parentId: site.eng.home },
        callContext(1),
      ),
    );
    for (const error of [created, updated]) {
      expect(error).toMatchObject({ code: 'POLICY_SPACE_NOT_ALLOWED' });
      expect(error.message).toContain('space ENG is not one of MKT');
    }
    expect(writesSince(before)).toEqual([]);
  });

  it('attachments.download: an ENG attachment asked for through an MKT page is refused', async () => {
    const error = await rejection(
      site.session(MKT_ONLY).host['attachments.download']!(
        { contentId: site.mkt.home, attachmentId: site.eng.attachment },
        callContext(),
      ),
    );
    expect(error).toMatchObject({ code: 'POLICY_SPACE_NOT_ALLOWED', phase: 'policy' });
  });

  it('tasks.update: a task is checked by the space of its page', async () => {
    const error = await rejection(
      site.session(MKT_ONLY).host['tasks.update']!(
        { id: site.eng.task, status: 'complete' },
        callContext(),
      ),
    );
    expect(error).toMatchObject({ code: 'POLICY_SPACE_NOT_ALLOWED' });
    expect(error.message).toContain('space ENG');
  });
});

describe('allowedSpaces: replies and comments', () => {
  it('comments.create: a reply is checked by the space of the comment it answers', async () => {
    const mktComment = (await site.session().host['comments.create']!(
      { pageId: site.mkt.home, body: { markdown: 'MKT comment' } },
      callContext(),
    )) as { id: string };
    const session = site.session(MKT_ONLY);
    const reply = (body: string, parentCommentId: string) =>
      session.host['comments.create']!(
        { parentCommentId, body: { markdown: body } },
        callContext(),
      );
    await expect(reply('fine', mktComment.id)).resolves.toMatchObject({ id: expect.any(String) });
    const error = await rejection(reply('smuggled', site.eng.comment));
    expect(error).toMatchObject({ code: 'POLICY_SPACE_NOT_ALLOWED' });
    expect(error.message).toContain('space ENG is not one of MKT');
  });
});

describe('path parameters stay one segment', () => {
  for (const label of ['..', '.']) {
    it(`labels.remove(id, '${label}'): refused as invalid arguments, nothing sent`, async () => {
      const before = site.sent.length;
      const error = await rejection(
        site.session().host['labels.remove']!({ contentId: site.mkt.home, label }, callContext()),
      );
      expect(error).toMatchObject({ code: 'VALIDATION', phase: 'runtime' });
      expect(writesSince(before)).toEqual([]);
    });
  }

  it("spaces.delete('..'): refused, nothing sent, the spaces are still there", async () => {
    const session = site.session();
    const before = site.sent.length;
    const error = await rejection(session.host['spaces.delete']!({ id: '..' }, callContext()));
    expect(error).toMatchObject({ code: 'VALIDATION' });
    expect(error.message).toContain('".."');
    expect(writesSince(before)).toEqual([]);
  });

  it('the URL builder refuses dot segments however they are spelled', () => {
    for (const path of ['/content/5/label/..', '/space/.', '/content/5/label/%2E%2e', '/x/%2e']) {
      expect(() =>
        requestUrl('https://acme.example', { api: 'v1', method: 'DELETE', path }),
      ).toThrow(/would navigate the path/);
    }
    expect(
      requestUrl('https://acme.example', { api: 'v1', method: 'DELETE', path: '/space/..x' })
        .pathname,
    ).toBe('/wiki/rest/api/space/..x');
  });
});
