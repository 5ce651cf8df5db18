import { afterEach, describe, expect, it } from 'vitest';
import { basicAuth } from './contract.ts';
import { type DemoSiteFixture, demoSite } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site.close());

describe('authentication', () => {
  it('getPages: 401 with the v2 error body when no credentials are sent', async () => {
    site = demoSite();
    const response = await site.client.get('/wiki/api/v2/pages', { auth: null });
    expect(response.status).toBe(401);
    expect(response.body.errors[0]).toMatchObject({
      status: 401,
      code: 'UNAUTHORIZED',
      detail: null,
    });
    expect(response.headers.get('www-authenticate')).toContain('Basic');
  });

  it('getCurrentUser: 401 with the v1 error body for a wrong API token', async () => {
    site = demoSite();
    const response = await site.client.get('/wiki/rest/api/user/current', {
      auth: basicAuth('demo@example.com', 'wrong'),
    });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({
      statusCode: 401,
      data: { authorized: false, successful: false },
    });
  });

  it('getCurrentUser: the caller is the user of the basic credentials', async () => {
    site = demoSite();
    const response = await site.alice.get('/wiki/rest/api/user/current');
    expect(response.body).toMatchObject({
      email: 'alice@example.com',
      displayName: 'Alice Nguyen',
      type: 'known',
    });
  });

  it('getCurrentUser: the demo token is accepted as a bearer token', async () => {
    site = demoSite();
    const response = await site.client.get('/wiki/rest/api/user/current', {
      auth: 'Bearer demo-token',
    });
    expect(response.status).toBe(200);
    expect(response.body.email).toBe('demo@example.com');
  });

  it('getCurrentUser: unknown schemes and malformed basic credentials are 401', async () => {
    site = demoSite();
    for (const auth of [
      'Digest abc',
      'Basic !!!',
      `Basic ${Buffer.from('no-colon').toString('base64')}`,
      'Bearer nope',
    ]) {
      expect((await site.client.get('/wiki/rest/api/user/current', { auth })).status).toBe(401);
    }
  });

  it('createEmulator: extra users from the options can sign in', async () => {
    site = demoSite({
      seed: 'none',
      users: [
        { accountId: 'acc-1', email: 'eve@example.com', displayName: 'Eve', apiToken: 'eve-token' },
      ],
    });
    const response = await site.client.get('/wiki/rest/api/user/current', {
      auth: basicAuth('eve@example.com', 'eve-token'),
    });
    expect(response.body.accountId).toBe('acc-1');
  });
});

describe('errors', () => {
  it('an unknown /wiki path is a 404 in the v2 shape', async () => {
    site = demoSite();
    const response = await site.emulator.app.request('/wiki/api/v2/nothing-here', {
      headers: { authorization: 'Bearer demo-token' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: [
        {
          status: 404,
          code: 'NOT_FOUND',
          title: 'No such resource: GET /wiki/api/v2/nothing-here',
          detail: null,
        },
      ],
    });
  });

  it('getUser: 400 naming the missing accountId parameter, v1 shape', async () => {
    site = demoSite();
    const response = await site.client.get('/wiki/rest/api/user');
    expect(response.status).toBe(400);
    expect(response.body.message).toContain("'accountId'");
    expect(response.body.data.valid).toBe(false);
  });

  it('createPage: 400 for a malformed JSON body', async () => {
    site = demoSite();
    const response = await site.client.post('/wiki/api/v2/pages', '{"spaceId": ', {
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].title).toMatch(/not valid JSON/);
  });

  it('createPage: 413 for a body over 5 MB', async () => {
    site = demoSite();
    const huge = JSON.stringify({
      spaceId: '1',
      title: 'x',
      body: { representation: 'storage', value: 'a'.repeat(5 * 1024 * 1024) },
    });
    const response = await site.client.post('/wiki/api/v2/pages', huge, {
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(413);
    expect(response.body.errors[0].code).toBe('PAYLOAD_TOO_LARGE');
  });
});
