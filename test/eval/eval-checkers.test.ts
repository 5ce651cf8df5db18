/**
 * The evaluation's tasks in CI: each runs both ways (one `run_code` script, and the direct-tool
 * call sequence) on fresh demo sites over a real MCP client, and both must pass the task's
 * checker. The checkers themselves must fail on a site where nothing was done or on a wrong answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureTask } from '../../bench/eval/measure.ts';
import { startEvalService, type EvalService } from '../../bench/eval/site-service.ts';
import { EVAL_TASKS } from '../../bench/eval/tasks.ts';

describe('npm run eval: the tasks pass their checkers on both sides', () => {
  it('has at least 12 tasks, the three specified ones among them', () => {
    expect(EVAL_TASKS.length).toBeGreaterThanOrEqual(12);
    expect(EVAL_TASKS.map((task) => task.id)).toEqual(
      expect.arrayContaining(['doc-page', 'urgent-label', 'meeting-blog']),
    );
  });

  for (const task of EVAL_TASKS) {
    it(`${task.id}: run_code and direct tools both pass`, async () => {
      const figures = await measureTask(task);
      expect(figures.runCode.roundTrips).toBe(1);
      expect(figures.direct.toolCalls).toBeGreaterThanOrEqual(1);
      expect(figures.runCode.confluenceCalls).toBeGreaterThan(0);
    }, 60_000);
  }
});

describe('the checkers can fail', () => {
  let service: EvalService;
  beforeAll(async () => {
    service = await startEvalService();
  }, 60_000);
  afterAll(() => service?.close());

  for (const task of EVAL_TASKS) {
    it(`${task.id}: refuses an untouched site with a wrong answer`, async () => {
      await expect(task.check(service.site, [])).rejects.toThrow();
    });
  }
});
