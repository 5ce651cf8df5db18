import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createConfluenceClient,
  type ConfluenceClientOptions,
} from '../../../src/confluence/http/client.ts';
import { downloadAttachment } from '../../../src/confluence/operations/attachments.ts';
import { type RawServer, startRawServer } from '../fixtures/raw-server.ts';
import { SCRIPTED_EMAIL, SCRIPTED_TOKEN } from '../fixtures/scripted-server.ts';

let site: RawServer;
/** Another origin (another port on loopback): it must never see a request carrying credentials. */
let elsewhere: RawServer;
beforeEach(async () => {
  [site, elsewhere] = await Promise.all([startRawServer(), startRawServer()]);
  elsewhere.handle = (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"stolen":true}');
  };
});
afterEach(async () => {
  await Promise.all([site.close(), elsewhere.close()]);
});

function client(extra: Partial<ConfluenceClientOptions> = {}) {
  return createConfluenceClient({
    baseUrl: site.url,
    auth: { kind: 'basic', email: SCRIPTED_EMAIL, apiToken: SCRIPTED_TOKEN },
    retry: { maxRetries: 0 },
    limits: { requestsPerInterval: Infinity },
    ...extra,
  });
}

/** The site answers the REST download URL with a 302 to `location`, and anything else with a file. */
function redirectDownloadTo(location: (server: RawServer) => string) {
  site.handle = (request, response) => {
    if (request.url!.includes('/child/attachment/')) {
      response.writeHead(302, { location: location(site) });
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('file body');
  };
}

function download(wire = client()) {
  return downloadAttachment.execute!(
    { contentId: '1', attachmentId: 'att1' },
    {
      request: (spec) => wire.request(spec, { operation: 'attachments.download' }),
      call: () => Promise.reject(new Error('not used')),
      signal: new AbortController().signal,
    },
  );
}

describe('redirects', () => {
  it('redirect: a 302 on an ordinary read is an error, and its target is never fetched', async () => {
    site.handle = (request, response) => {
      if (request.url!.startsWith('/wiki/api/v2/pages/1')) {
        response.writeHead(302, { location: '/wiki/api/v2/pages/2' });
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id":"2"}');
    };
    await expect(
      client().request({ api: 'v2', method: 'GET', path: '/pages/1' }),
    ).rejects.toMatchObject({
      code: 'REDIRECT_REFUSED',
      status: 302,
      message: expect.stringContaining('redirects are not followed'),
    });
    expect(site.received.map((request) => request.url)).toEqual(['/wiki/api/v2/pages/1']);
  });

  it('redirect: a cross-origin 302 is refused; the other origin gets no request and no credentials', async () => {
    site.handle = (_request, response) => {
      response.writeHead(302, { location: `${elsewhere.url}/wiki/api/v2/pages/1` });
      response.end();
    };
    await expect(
      client().request({ api: 'v2', method: 'GET', path: '/pages/1' }),
    ).rejects.toMatchObject({ code: 'REDIRECT_REFUSED' });
    expect(elsewhere.received).toEqual([]);
  });

  it('attachments.download: the 302 inside /wiki is followed with the credentials', async () => {
    redirectDownloadTo(() => '/wiki/download/attachments/1/a.txt?version=1');
    await expect(download()).resolves.toMatchObject({ data: 'file body' });
    expect(site.received.map((request) => request.url)).toEqual([
      '/wiki/rest/api/content/1/child/attachment/att1/download',
      '/wiki/download/attachments/1/a.txt?version=1',
    ]);
    expect(site.received[1]!.authorization).toMatch(/^Basic /);
  });

  it('attachments.download: a same-origin 302 outside /wiki is refused and not fetched', async () => {
    redirectDownloadTo((server) => `${server.url}/admin/secrets`);
    await expect(download()).rejects.toMatchObject({
      code: 'REDIRECT_REFUSED',
      message: expect.stringContaining("outside the site's root"),
    });
    expect(site.received.map((request) => request.url)).toEqual([
      '/wiki/rest/api/content/1/child/attachment/att1/download',
    ]);
  });

  it('attachments.download: a 302 that climbs out of /wiki with dot segments is refused', async () => {
    redirectDownloadTo(() => '/wiki/../admin/secrets');
    await expect(download()).rejects.toMatchObject({ code: 'REDIRECT_REFUSED' });
    expect(site.received).toHaveLength(1);
  });

  it('attachments.download: a cross-origin 302 is refused; the other origin sees nothing', async () => {
    redirectDownloadTo(() => `${elsewhere.url}/wiki/download/attachments/1/a.txt`);
    await expect(download()).rejects.toMatchObject({
      code: 'REDIRECT_REFUSED',
      message: expect.stringContaining('no credentials were sent there'),
    });
    expect(elsewhere.received).toEqual([]);
  });

  it('attachments.download: a gateway base URL keeps its own root; /wiki of the host is outside it', async () => {
    const gateway = client({ baseUrl: `${site.url}/ex/confluence/cloud-1` });
    redirectDownloadTo(() => '/wiki/download/attachments/1/a.txt');
    await expect(download(gateway)).rejects.toMatchObject({ code: 'REDIRECT_REFUSED' });
    expect(site.received).toHaveLength(1);

    site.received.length = 0;
    redirectDownloadTo(() => '/ex/confluence/cloud-1/wiki/download/attachments/1/a.txt');
    await expect(download(gateway)).resolves.toMatchObject({ data: 'file body' });
    expect(site.received.map((request) => request.url)).toEqual([
      '/ex/confluence/cloud-1/wiki/rest/api/content/1/child/attachment/att1/download',
      '/ex/confluence/cloud-1/wiki/download/attachments/1/a.txt',
    ]);
  });

  it('attachments.download: a redirect loop inside the site stops after a few hops', async () => {
    site.handle = (_request, response) => {
      response.writeHead(302, { location: '/wiki/download/attachments/1/again' });
      response.end();
    };
    await expect(download()).rejects.toMatchObject({ code: 'TOO_MANY_REDIRECTS' });
    expect(site.received).toHaveLength(4);
  });
});
