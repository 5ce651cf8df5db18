import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { taskList } from '../../../src/emulator/seed/demo-bodies.ts';
import { type DemoFixture, demoFixture } from '../restrictions/fixtures.ts';

let site: DemoFixture;
beforeEach(() => {
  site = demoFixture();
});
afterEach(() => site.close());

type Task = {
  id: string;
  localId: string;
  status: string;
  pageId?: string;
  blogPostId?: string;
  createdBy: string;
  assignedTo?: string;
  completedBy?: string;
  completedAt?: string;
  dueAt?: string;
  body?: Record<string, { value: string }>;
};
const storage = (value: string) => ({ representation: 'storage', value });

async function allTasks(client = site.admin, query = ''): Promise<Task[]> {
  const response = await client.get(`/wiki/api/v2/tasks?limit=250${query}`);
  expect(response.status).toBe(200);
  return response.body.results;
}

async function savePage(client: DemoFixture['admin'], id: number, body: string) {
  const current = await client.get(`/wiki/api/v2/pages/${id}`);
  const response = await client.put(`/wiki/api/v2/pages/${id}`, {
    id: String(id),
    status: 'current',
    title: current.body.title,
    body: storage(body),
    version: { number: current.body.version.number + 1 },
  });
  expect(response.status).toBe(200);
  return response;
}

describe('task derivation', () => {
  it('getTasks: tasks come from the task lists of seeded pages and blog posts', async () => {
    const tasks = await allTasks();
    const planning = site.content('Q3 planning');
    const recap = site.content('Q3 kickoff recap');
    expect(
      tasks
        .filter((task) => task.pageId === String(planning.id))
        .map((task) => [task.localId, task.status]),
    ).toEqual([
      ['1', 'incomplete'],
      ['2', 'complete'],
      ['3', 'incomplete'],
    ]);
    expect(tasks.filter((task) => task.blogPostId === String(recap.id))).toHaveLength(1);
    expect(tasks).toHaveLength(8);
  });

  it('getTasks: creating, completing and removing tasks in a body keeps ids and records who completed', async () => {
    const created = await site.alice.post('/wiki/api/v2/pages', {
      spaceId: String(site.spaceId('MKT')),
      status: 'current',
      title: 'Launch tasks',
      body: storage(
        taskList([
          { id: 7, done: false, text: 'Book venue' },
          { id: 8, done: false, text: 'Print flyers' },
        ]),
      ),
    });
    const pageId = Number(created.body.id);
    const before = await allTasks(site.admin, `&page-id=${pageId}`);
    expect(before.map((task) => task.createdBy)).toEqual([
      site.accounts.alice,
      site.accounts.alice,
    ]);
    await savePage(site.bob, pageId, taskList([{ id: 7, done: true, text: 'Book venue' }]));
    const after = await allTasks(site.admin, `&page-id=${pageId}`);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({
      id: before[0]!.id,
      status: 'complete',
      completedBy: site.accounts.bob,
      createdBy: site.accounts.alice,
    });
    expect((await site.admin.get(`/wiki/api/v2/tasks/${before[1]!.id}`)).status).toBe(404);
  });

  it('getTasks: drafts do not count; trashed content hides its tasks', async () => {
    const draft = await site.admin.post('/wiki/api/v2/pages', {
      spaceId: String(site.spaceId('ENG')),
      status: 'draft',
      body: storage(taskList([{ id: 1, done: false, text: 'Draft task' }])),
    });
    expect(await allTasks(site.admin, `&page-id=${draft.body.id}`)).toEqual([]);
    const planning = site.content('Q3 planning');
    await site.admin.delete(`/wiki/api/v2/pages/${planning.id}`);
    expect(await allTasks(site.admin, `&page-id=${planning.id}`)).toEqual([]);
  });
});

describe('getTasks filters', () => {
  it('getTasks: status, assigned-to, created-by, completed-by and space-id', async () => {
    const { alice, bob, carol, admin } = site.accounts;
    expect(
      (await allTasks(site.admin, '&status=complete')).map((task) => task.localId).sort(),
    ).toEqual(['1', '2', '2']);
    expect(
      (await allTasks(site.admin, `&assigned-to=${bob}`)).map((task) => task.localId).sort(),
    ).toEqual(['1', '2', '3']);
    expect(await allTasks(site.admin, `&assigned-to=${carol},${alice}`)).toHaveLength(4);
    expect(await allTasks(site.admin, `&created-by=${admin}`)).toHaveLength(4);
    expect(await allTasks(site.admin, `&completed-by=${admin}&status=complete`)).toHaveLength(2);
    expect(await allTasks(site.admin, `&space-id=${site.spaceId('ENG')}`)).toHaveLength(4);
    expect(await allTasks(site.admin, `&space-id=${site.spaceId('HR')}`)).toEqual([]);
  });

  it('getTasks: task-id, and page-id with blogpost-id in conjunction', async () => {
    const planning = site.content('Q3 planning');
    const recap = site.content('Q3 kickoff recap');
    const both = await allTasks(site.admin, `&page-id=${planning.id}&blogpost-id=${recap.id}`);
    expect(both).toHaveLength(4);
    expect(await allTasks(site.admin, `&blogpost-id=${planning.id}`)).toEqual([]);
    const ids = both.slice(0, 2).map((task) => task.id);
    expect(
      (await allTasks(site.admin, `&task-id=${ids.join(',')}`)).map((task) => task.id),
    ).toEqual(ids);
  });

  it('getTasks: inclusive epoch-ms ranges on due, created and completed dates', async () => {
    const due = Date.UTC(2026, 6, 3);
    expect(
      (await allTasks(site.admin, `&due-at-from=${due}&due-at-to=${due}`)).map(
        (task) => task.dueAt,
      ),
    ).toEqual(['2026-07-03T00:00:00.000Z']);
    expect(await allTasks(site.admin, `&due-at-to=${Date.UTC(2026, 0, 12)}`)).toHaveLength(1);
    const onboarding = site.content('Onboarding checklist');
    expect(
      await allTasks(
        site.admin,
        `&created-at-from=${onboarding.created_at}&created-at-to=${onboarding.created_at}`,
      ),
    ).toHaveLength(4);
    expect(await allTasks(site.admin, `&completed-at-from=${onboarding.created_at}`)).toHaveLength(
      2,
    );
  });

  it('getTasks: include-blank-tasks=false leaves out tasks without text; body-format shows the task body', async () => {
    expect(await allTasks(site.admin)).toHaveLength(8);
    expect(await allTasks(site.admin, '&include-blank-tasks=false')).toHaveLength(7);
    const [first] = await allTasks(site.admin, '&body-format=storage&limit=1');
    expect(first!.body!['storage']!.value).toContain('Draft the campaign brief');
    const [adf] = await allTasks(site.admin, '&body-format=atlas_doc_format');
    expect(JSON.parse(adf!.body!['atlas_doc_format']!.value)).toMatchObject({ type: 'doc' });
  });

  it('getTasks: follows cursors in id order', async () => {
    const all = (await allTasks()).map((task) => task.id);
    const seen: string[] = [];
    let next: string | undefined = '/wiki/api/v2/tasks?limit=3&status=incomplete';
    while (next) {
      const response = await site.admin.get(next);
      seen.push(...response.body.results.map((task: Task) => task.id));
      next = response.body._links.next;
    }
    const incomplete = (await allTasks(site.admin, '&status=incomplete')).map((task) => task.id);
    expect(seen).toEqual(incomplete);
    expect(incomplete.every((id) => all.includes(id))).toBe(true);
  });

  it.each([
    ['status=done', 'status'],
    ['task-id=abc', 'task-id'],
    ['created-at-from=yesterday', 'created-at-from'],
    ['due-at-to=1.5', 'due-at-to'],
    ['include-blank-tasks=maybe', 'include-blank-tasks'],
    ['body-format=view', 'body-format'],
    ['cursor=bad', 'cursor'],
    ['limit=0', 'limit'],
    [`task-id=${Array.from({ length: 251 }, (_, index) => index + 1).join(',')}`, 'task-id'],
    [
      `created-by=${Array.from({ length: 251 }, (_, index) => `a${index}`).join(',')}`,
      'created-by',
    ],
  ])('getTasks: %s is a 400', async (query, parameter) => {
    const response = await site.admin.get(`/wiki/api/v2/tasks?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.errors[0].title).toContain(parameter);
  });
});

describe('getTaskById and updateTask', () => {
  it('updateTask: completes the task in the page body as a new minor version', async () => {
    const planning = site.content('Q3 planning');
    const [task] = await allTasks(site.admin, `&page-id=${planning.id}&status=incomplete`);
    const response = await site.bob.put(`/wiki/api/v2/tasks/${task!.id}?body-format=storage`, {
      ...task,
      status: 'complete',
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: task!.id,
      status: 'complete',
      completedBy: site.accounts.bob,
      body: { storage: { value: expect.stringContaining('campaign brief') } },
    });
    const page = await site.admin.get(`/wiki/api/v2/pages/${planning.id}?body-format=storage`);
    expect(page.body.version).toMatchObject({
      number: 2,
      minorEdit: true,
      authorId: site.accounts.bob,
    });
    expect(page.body.body.storage.value).toContain(
      '<ac:task-id>1</ac:task-id>\n<ac:task-status>complete</ac:task-status>',
    );
    const stale = await site.admin.put(`/wiki/api/v2/pages/${planning.id}`, {
      id: String(planning.id),
      status: 'current',
      title: 'Q3 planning',
      body: storage('<p>x</p>'),
      version: { number: 2 },
    });
    expect(stale.status).toBe(409);
  });

  it('updateTask: the same status writes nothing; incomplete clears the completion', async () => {
    const planning = site.content('Q3 planning');
    const done = (await allTasks(site.admin, `&page-id=${planning.id}&status=complete`))[0]!;
    expect(
      (await site.admin.put(`/wiki/api/v2/tasks/${done.id}`, { status: 'complete' })).body.status,
    ).toBe('complete');
    expect((await site.admin.get(`/wiki/api/v2/pages/${planning.id}`)).body.version.number).toBe(1);
    const reopened = await site.admin.put(`/wiki/api/v2/tasks/${done.id}`, {
      status: 'incomplete',
    });
    expect(reopened.body.status).toBe('incomplete');
    expect(reopened.body.completedBy).toBeUndefined();
    expect(reopened.body.completedAt).toBeUndefined();
  });

  it('updateTask: bad bodies and unknown ids are refused', async () => {
    const [task] = await allTasks();
    const path = `/wiki/api/v2/tasks/${task!.id}`;
    expect((await site.admin.put(path, { status: 'done' })).status).toBe(400);
    expect((await site.admin.put(path, {})).status).toBe(400);
    expect(
      (
        await site.admin.put(path, '{"status":', {
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
    expect((await site.admin.put(`${path}?body-format=wiki`, { status: 'complete' })).status).toBe(
      400,
    );
    expect((await site.admin.put('/wiki/api/v2/tasks/1', { status: 'complete' })).status).toBe(404);
    expect((await site.admin.put('/wiki/api/v2/tasks/abc', { status: 'complete' })).status).toBe(
      400,
    );
    expect((await site.admin.get('/wiki/api/v2/tasks/1')).status).toBe(404);
  });

  it('getTaskById / updateTask: restrictions hide tasks and refuse updates without edit rights', async () => {
    const restricted = site.content('Salary bands 2026');
    await savePage(
      site.carol,
      restricted.id,
      taskList([{ id: 1, done: false, text: 'Review L3 band', assignee: site.accounts.carol }]),
    );
    const [task] = await allTasks(site.carol, `&page-id=${restricted.id}`);
    expect(task).toBeDefined();
    expect((await allTasks(site.admin)).map((row) => row.id)).not.toContain(task!.id);
    expect((await site.admin.get(`/wiki/api/v2/tasks/${task!.id}`)).status).toBe(404);
    expect((await site.alice.get(`/wiki/api/v2/tasks/${task!.id}`)).status).toBe(200);
    const refused = await site.alice.put(`/wiki/api/v2/tasks/${task!.id}`, { status: 'complete' });
    expect(refused.status).toBe(404);
    expect(refused.body.errors[0].title).toContain('may not edit');
    expect(
      (await site.carol.put(`/wiki/api/v2/tasks/${task!.id}`, { status: 'complete' })).body.status,
    ).toBe('complete');
  });
});
