import { afterEach, describe, expect, it } from 'vitest';
import type { ContentWriteEvent } from '../../src/emulator/content/events.ts';
import type { EmulatorModule } from '../../src/emulator/module.ts';
import { EMULATOR_MODULES } from '../../src/emulator/modules.ts';
import { type DemoSiteFixture, demoSite, storage } from './fixtures.ts';

let site: DemoSiteFixture;
afterEach(() => site.close());

const ftsIds = (fixture: DemoSiteFixture, query: string) =>
  (
    fixture.emulator.db
      .prepare('SELECT rowid AS id FROM content_fts WHERE content_fts MATCH ? ORDER BY rowid')
      .all(query) as Array<{ id: number }>
  ).map((row) => String(row.id));

describe('content store', () => {
  it('content_fts: kept in step with create, update, rename and purge', async () => {
    site = demoSite();
    const space = await site.spaceByKey('MKT');
    const created = await site.client.post('/wiki/api/v2/pages', {
      spaceId: space.id,
      title: 'Zebra facts',
      body: storage('<p>Stripes everywhere</p>'),
    });
    const id = created.body.id;
    expect(ftsIds(site, 'stripes')).toEqual([id]);
    expect(ftsIds(site, 'title:zebra')).toEqual([id]);
    await site.client.put(`/wiki/api/v2/pages/${id}`, {
      id,
      status: 'current',
      title: 'Zebra facts',
      body: storage('<p>Spots now</p>'),
      version: { number: 2 },
    });
    expect(ftsIds(site, 'stripes')).toEqual([]);
    expect(ftsIds(site, 'spots')).toEqual([id]);
    await site.client.put(`/wiki/api/v2/pages/${id}/title`, {
      status: 'current',
      title: 'Leopard facts',
    });
    expect(ftsIds(site, 'title:zebra')).toEqual([]);
    await site.client.delete(`/wiki/api/v2/pages/${id}`);
    await site.client.delete(`/wiki/api/v2/pages/${id}?purge=true`);
    expect(ftsIds(site, 'spots')).toEqual([]);
  });

  it('content_fts: stems words (porter) so "planning" finds "plans"', () => {
    site = demoSite();
    expect(ftsIds(site, 'planning').length).toBeGreaterThan(0);
    expect(ftsIds(site, 'plans')).toEqual(ftsIds(site, 'planning'));
  });

  it('onContentWrite: every write emits one event inside the transaction; throwing rolls back', async () => {
    const events: ContentWriteEvent[] = [];
    let veto = false;
    const spy: EmulatorModule = {
      name: 'spy',
      onContentWrite(event) {
        if (veto) throw new Error('vetoed');
        events.push(event);
      },
    };
    site = demoSite({ modules: [...EMULATOR_MODULES, spy] });
    events.length = 0;
    const space = await site.spaceByKey('MKT');
    const created = await site.client.post('/wiki/api/v2/pages', {
      spaceId: space.id,
      title: 'Evented',
      body: storage('<p>one</p>'),
    });
    expect(events.map((event) => event.kind)).toEqual(['created']);
    expect(events[0]).toMatchObject({
      body: '<p>one</p>',
      actorId: created.body.authorId,
      at: site.clock.now(),
    });
    veto = true;
    const refused = await site.client.put(`/wiki/api/v2/pages/${created.body.id}`, {
      id: created.body.id,
      status: 'current',
      title: 'Evented',
      body: storage('<p>two</p>'),
      version: { number: 2 },
    });
    expect(refused.status).toBe(500);
    veto = false;
    const stored = await site.client.get(
      `/wiki/api/v2/pages/${created.body.id}?body-format=storage`,
    );
    expect(stored.body).toMatchObject({
      version: { number: 1 },
      body: { storage: { value: '<p>one</p>' } },
    });
    await site.client.delete(`/wiki/api/v2/pages/${created.body.id}`);
    expect(events.map((event) => event.kind)).toEqual(['created', 'status-changed']);
    expect(events[1]!.previous?.status).toBe('current');
  });

  it('create: comments and attachments share the content table and the id sequence', async () => {
    site = demoSite();
    const page = await site.pageByTitle('Q3 planning');
    const comment = site.emulator.context.content.create({
      type: 'comment',
      status: 'current',
      spaceId: Number(page.spaceId),
      containerId: Number(page.id),
      title: 'Re: Q3 planning',
      body: '<p>Nice</p>',
      authorId: page.authorId,
    });
    const attachment = site.emulator.context.content.create({
      type: 'attachment',
      status: 'current',
      spaceId: Number(page.spaceId),
      containerId: Number(page.id),
      title: 'plan.pdf',
      body: '',
      authorId: page.authorId,
      extra: { mediaType: 'application/pdf' },
    });
    expect(attachment.id).toBe(comment.id + 1);
    expect(JSON.parse(attachment.extra!)).toEqual({ mediaType: 'application/pdf' });
    expect((await site.client.get(`/wiki/api/v2/pages/${comment.id}`)).status).toBe(404);
    const children = (
      await site.client.get(`/wiki/api/v2/pages/${page.id}/children`)
    ).body.results.map((child: { id: string }) => Number(child.id));
    expect(children).not.toContain(comment.id);
  });
});
