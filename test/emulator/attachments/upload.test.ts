import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PNG } from '../../../src/emulator/attachments/seed.ts';
import { DEMO_AUTH } from '../contract.ts';
import { type DemoFixture, demoFixture } from '../restrictions/fixtures.ts';
import { XSRF, upload, uploadForm } from './helpers.ts';

let site: DemoFixture;
beforeEach(() => {
  site = demoFixture();
});
afterEach(() => site.close());

/** Follows a download redirect by hand (the contract client does not follow redirects). */
async function fetchBytes(location: string, auth: string | null = DEMO_AUTH) {
  const response = await site.emulator.app.request(location, {
    headers: auth ? { authorization: auth } : {},
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

describe('createAttachment', () => {
  it('createAttachment: stores the bytes and answers a ContentArray of attachments', async () => {
    const page = site.content('Launch checklist');
    const response = await upload(
      site.admin,
      page.id,
      [{ name: 'notes.txt', content: 'hello world', type: 'text/plain', comment: 'first' }],
      { minorEdit: 'true' },
    );
    expect(response.status).toBe(200);
    expect(response.body.size).toBe(1);
    const [attachment] = response.body.results;
    expect(attachment).toMatchObject({
      id: expect.stringMatching(/^att\d+$/),
      type: 'attachment',
      title: 'notes.txt',
      version: { number: 1, message: 'first' },
      container: { id: String(page.id), type: 'page' },
      extensions: { mediaType: 'text/plain', fileSize: 11, comment: 'first' },
    });
    const v2 = await site.admin.get(`/wiki/api/v2/attachments/${attachment.id}`);
    expect(v2.body).toMatchObject({
      pageId: String(page.id),
      mediaType: 'text/plain',
      fileSize: 11,
      comment: 'first',
    });
    const file = await fetchBytes(`/wiki${v2.body.downloadLink}`);
    expect(new TextDecoder().decode(file.bytes)).toBe('hello world');
  });

  it('createAttachment: several files with their comments; media types guessed from the name', async () => {
    const post = site.content('Q3 kickoff recap');
    const response = await upload(site.alice, post.id, [
      { name: 'slides.pdf', content: '%PDF-1.4', comment: 'deck' },
      {
        name: 'pixel.png',
        content: new Uint8Array(DEMO_PNG),
        type: 'application/octet-stream',
        comment: 'pixel',
      },
    ]);
    expect(response.body.results.map((row: { title: string }) => row.title)).toEqual([
      'slides.pdf',
      'pixel.png',
    ]);
    expect(
      response.body.results.map(
        (row: { extensions: { mediaType: string } }) => row.extensions.mediaType,
      ),
    ).toEqual(['application/pdf', 'image/png']);
    expect(
      response.body.results.map((row: { version: { message: string } }) => row.version.message),
    ).toEqual(['deck', 'pixel']);
  });

  it('createAttachment: without X-Atlassian-Token: nocheck the upload is blocked (403)', async () => {
    const page = site.content('Launch checklist');
    const path = `/wiki/rest/api/content/${page.id}/child/attachment`;
    const form = uploadForm([{ name: 'a.txt', content: 'a' }]);
    const missing = await site.admin.post(path, form);
    expect(missing.status).toBe(403);
    expect(missing.body.message).toContain('XSRF');
    const wrong = await site.admin.post(path, uploadForm([{ name: 'a.txt', content: 'a' }]), {
      headers: { 'X-Atlassian-Token': 'yes' },
    });
    expect(wrong.status).toBe(403);
    const list = await site.admin.get(`/wiki/api/v2/pages/${page.id}/attachments`);
    expect(list.body.results).toEqual([]);
  });

  it.each(['no-check', 'nocheck', 'No-Check'])(
    'createAttachment: X-Atlassian-Token: %s passes the XSRF check (no-check is the standard value)',
    async (value) => {
      const page = site.content('Launch checklist');
      const response = await site.admin.post(
        `/wiki/rest/api/content/${page.id}/child/attachment`,
        uploadForm([{ name: `xsrf-${value}.txt`, content: 'ok' }]),
        { headers: { 'X-Atlassian-Token': value } },
      );
      expect(response.status).toBe(200);
      expect(response.body.results[0].title).toBe(`xsrf-${value}.txt`);
    },
  );

  it('createAttachment: a file name already attached is a 400; nothing of the request is kept', async () => {
    const page = site.content('Q3 planning');
    const response = await upload(site.admin, page.id, [
      { name: 'fresh.txt', content: 'x' },
      { name: 'q3-goals.txt', content: 'again' },
    ]);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('same file name');
    const list = await site.admin.get(
      `/wiki/api/v2/pages/${page.id}/attachments?filename=fresh.txt`,
    );
    expect(list.body.results).toEqual([]);
  });

  it.each([
    [
      'a JSON body',
      { body: JSON.stringify({ file: 'x' }), type: 'application/json' },
      'multipart/form-data',
    ],
    [
      'a broken multipart body',
      { body: '--nope\r\ngarbage', type: 'multipart/form-data; boundary=other' },
      'multipart',
    ],
  ])('createAttachment: %s is a 400', async (_case, request, message) => {
    const page = site.content('Launch checklist');
    const response = await site.admin.post(
      `/wiki/rest/api/content/${page.id}/child/attachment`,
      request.body,
      {
        headers: { ...XSRF, 'content-type': request.type },
      },
    );
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(message);
  });

  it('createAttachment: missing files, unmatched comments and a bad minorEdit are 400', async () => {
    const page = site.content('Launch checklist');
    const path = `/wiki/rest/api/content/${page.id}/child/attachment`;
    const noFile = new FormData();
    noFile.append('comment', 'lonely');
    expect((await site.admin.post(path, noFile, { headers: XSRF })).body.message).toContain(
      "no file part named 'file'",
    );
    const textFile = new FormData();
    textFile.append('file', 'not a file');
    expect((await site.admin.post(path, textFile, { headers: XSRF })).status).toBe(400);
    const comments = uploadForm([
      { name: 'a.txt', content: 'a', comment: 'one' },
      { name: 'b.txt', content: 'b' },
    ]);
    const unmatched = await site.admin.post(path, comments, { headers: XSRF });
    expect(unmatched.status).toBe(400);
    expect(unmatched.body.message).toContain('one comment per file');
    expect(
      (await upload(site.admin, page.id, [{ name: 'a.txt', content: 'a' }], { minorEdit: 'maybe' }))
        .status,
    ).toBe(400);
  });

  it('createAttachment: unknown, invisible and update-restricted containers', async () => {
    expect((await upload(site.admin, 999999, [{ name: 'a.txt', content: 'a' }])).status).toBe(404);
    expect((await upload(site.admin, 'abc', [{ name: 'a.txt', content: 'a' }])).status).toBe(400);
    const restricted = site.content('Salary bands 2026');
    expect((await upload(site.bob, restricted.id, [{ name: 'a.txt', content: 'a' }])).status).toBe(
      404,
    );
    const forbidden = await upload(site.alice, restricted.id, [{ name: 'a.txt', content: 'a' }]);
    expect(forbidden.status).toBe(403);
    expect(
      (await upload(site.carol, restricted.id, [{ name: 'a.txt', content: 'a' }])).status,
    ).toBe(200);
  });

  it('createAttachment: a file over the size limit is refused', async () => {
    const page = site.content('Launch checklist');
    const big = new Uint8Array(25 * 1024 * 1024 + 1);
    const response = await upload(site.admin, page.id, [{ name: 'big.bin', content: big }]);
    expect(response.status).toBe(404);
    expect(response.body.message).toContain('maximum attachment size');
  });
});

describe('createOrUpdateAttachments and updateAttachmentData', () => {
  it('createOrUpdateAttachments: the same file name becomes the next version; old bytes stay downloadable', async () => {
    const page = site.content('Q3 planning');
    const response = await upload(
      site.bob,
      page.id,
      [{ name: 'q3-goals.txt', content: 'v3 text', comment: 'third' }],
      { method: 'PUT' },
    );
    expect(response.status).toBe(200);
    expect(response.body.results[0]).toMatchObject({
      title: 'q3-goals.txt',
      version: { number: 3, message: 'third' },
    });
    const id = response.body.results[0].id;
    const latest = await site.admin.get(`/wiki/api/v2/attachments/${id}`);
    expect(latest.body).toMatchObject({
      fileSize: 7,
      version: { number: 3, authorId: site.accounts.bob },
    });
    const first = await site.admin.get(`/wiki/api/v2/attachments/${id}?version=1`);
    expect(first.body).toMatchObject({
      status: 'historical',
      version: { number: 1 },
      comment: 'First cut',
    });
    expect(
      new TextDecoder().decode((await fetchBytes(`/wiki${first.body.downloadLink}`)).bytes),
    ).toContain('Q3 goals');
    const created = await upload(site.bob, page.id, [{ name: 'new.txt', content: 'n' }], {
      method: 'PUT',
    });
    expect(created.body.results[0].version.number).toBe(1);
  });

  it('updateAttachmentData: a new version of one attachment by id', async () => {
    const page = site.content('Brand guidelines');
    const list = await site.admin.get(`/wiki/api/v2/pages/${page.id}/attachments`);
    const logo = list.body.results[0];
    const path = `/wiki/rest/api/content/${page.id}/child/attachment/${logo.id}/data`;
    const response = await site.carol.post(
      path,
      uploadForm([
        {
          name: 'logo.png',
          content: new Uint8Array(DEMO_PNG),
          type: 'image/png',
          comment: 'same logo',
        },
      ]),
      { headers: XSRF },
    );
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: logo.id, version: { number: 2 } });
    expect(
      (await site.carol.post(path, uploadForm([{ name: 'x.png', content: 'x' }]))).status,
    ).toBe(403);
    const two = uploadForm([
      { name: 'a.png', content: 'a' },
      { name: 'b.png', content: 'b' },
    ]);
    expect((await site.carol.post(path, two, { headers: XSRF })).status).toBe(400);
    const other = site.content('Q3 planning');
    const wrong = await site.carol.post(
      `/wiki/rest/api/content/${other.id}/child/attachment/${logo.id}/data`,
      uploadForm([{ name: 'x.png', content: 'x' }]),
      { headers: XSRF },
    );
    expect(wrong.status).toBe(404);
  });
});

describe('downloadAttatchment', () => {
  it('downloadAttatchment: 302 to a URL that serves the bytes with their media type', async () => {
    const page = site.content('Brand guidelines');
    const logo = (await site.admin.get(`/wiki/api/v2/pages/${page.id}/attachments`)).body
      .results[0];
    const redirect = await site.admin.get(
      `/wiki/rest/api/content/${page.id}/child/attachment/${logo.id}/download`,
    );
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location')!;
    expect(location).toMatch(
      /^http:\/\/localhost\/wiki\/download\/attachments\/\d+\/logo\.png\?version=1/,
    );
    const file = await fetchBytes(location);
    expect(file).toMatchObject({ status: 200, type: 'image/png' });
    expect(Buffer.from(file.bytes).equals(DEMO_PNG)).toBe(true);
    expect((await fetchBytes(location, null)).status).toBe(401);
  });

  it('downloadAttatchment: version picks an older upload; out-of-range versions are 400', async () => {
    const page = site.content('Q3 planning');
    const goals = (await site.admin.get(`/wiki/api/v2/pages/${page.id}/attachments`)).body
      .results[0];
    const base = `/wiki/rest/api/content/${page.id}/child/attachment/${goals.id}/download`;
    const first = await site.admin.get(`${base}?version=1`);
    const text = new TextDecoder().decode((await fetchBytes(first.headers.get('location')!)).bytes);
    expect(text).not.toContain('homepage');
    const latest = new TextDecoder().decode(
      (await fetchBytes((await site.admin.get(base)).headers.get('location')!)).bytes,
    );
    expect(latest).toContain('homepage');
    for (const version of ['3', '0', 'x'])
      expect((await site.admin.get(`${base}?version=${version}`)).status).toBe(400);
  });

  it('downloadAttatchment: wrong containers, unknown ids, trashed and restricted files are 404', async () => {
    const page = site.content('Q3 planning');
    const goals = (await site.admin.get(`/wiki/api/v2/pages/${page.id}/attachments`)).body
      .results[0];
    const other = site.content('Brand guidelines');
    expect(
      (
        await site.admin.get(
          `/wiki/rest/api/content/${other.id}/child/attachment/${goals.id}/download`,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await site.admin.get(
          `/wiki/rest/api/content/${page.id}/child/attachment/att999999/download`,
        )
      ).status,
    ).toBe(404);
    await site.admin.delete(`/wiki/api/v2/attachments/${goals.id}`);
    const base = `/wiki/rest/api/content/${page.id}/child/attachment/${goals.id}/download`;
    expect((await site.admin.get(base)).status).toBe(404);
    expect((await site.admin.get(`${base}?status=trashed`)).status).toBe(302);
    const restricted = site.content('Salary bands 2026');
    const secret = await upload(site.carol, restricted.id, [
      { name: 'bands.csv', content: 'L1,A' },
    ]);
    const hidden = await site.bob.get(
      `/wiki/rest/api/content/${restricted.id}/child/attachment/${secret.body.results[0].id}/download`,
    );
    expect(hidden.status).toBe(404);
    expect(
      (await fetchBytes(`/wiki/download/attachments/${restricted.id}/bands.csv`, null)).status,
    ).toBe(401);
  });

  it('download URL: unknown files and versions are refused; restricted bytes are 404', async () => {
    const page = site.content('Q3 planning');
    const get = (path: string, auth?: string) =>
      site.admin.request('GET', path, { unchecked: true, ...(auth ? { auth } : {}) });
    expect((await get(`/wiki/download/attachments/${page.id}/q3-goals.txt?version=2`)).status).toBe(
      200,
    );
    expect((await get(`/wiki/download/attachments/${page.id}/nothing.txt`)).status).toBe(404);
    expect((await get(`/wiki/download/attachments/${page.id}/q3-goals.txt?version=9`)).status).toBe(
      400,
    );
    const restricted = site.content('Salary bands 2026');
    await upload(site.carol, restricted.id, [{ name: 'bands.csv', content: 'L1,A' }]);
    const bob = `Basic ${Buffer.from('bob@example.com:bob-token').toString('base64')}`;
    expect((await get(`/wiki/download/attachments/${restricted.id}/bands.csv`, bob)).status).toBe(
      404,
    );
  });
});
