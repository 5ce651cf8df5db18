import { describe, expect, it } from 'vitest';
import { BusyError, RunLimiter } from '../../src/server/run-limiter.ts';

describe('RunLimiter', () => {
  it('acquire: grants up to maxConcurrent slots at once, then queues in arrival order', async () => {
    const limiter = new RunLimiter({ maxConcurrent: 2, maxQueued: 5, maxQueueWaitMs: 10_000 });
    const first = await limiter.acquire();
    await limiter.acquire();
    const order: string[] = [];
    const third = limiter.acquire().then((release) => (order.push('third'), release));
    const fourth = limiter.acquire().then((release) => (order.push('fourth'), release));
    expect([limiter.running, limiter.queued]).toEqual([2, 2]);
    first();
    (await third)();
    (await fourth)();
    expect(order).toEqual(['third', 'fourth']);
  });

  it('acquire: refuses at once with QUEUE_FULL and a Retry-After when the queue is full', async () => {
    const limiter = new RunLimiter({ maxConcurrent: 1, maxQueued: 1, maxQueueWaitMs: 10_000 });
    await limiter.acquire();
    void limiter.acquire();
    const refused = await limiter.acquire().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BusyError);
    expect(refused).toMatchObject({ code: 'QUEUE_FULL' });
    expect((refused as BusyError).message).toContain('limit 1');
    expect((refused as BusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('acquire: refuses with QUEUE_TIMEOUT after maxQueueWaitMs in the queue', async () => {
    const limiter = new RunLimiter({ maxConcurrent: 1, maxQueued: 1, maxQueueWaitMs: 20 });
    await limiter.acquire();
    await expect(limiter.acquire()).rejects.toMatchObject({ code: 'QUEUE_TIMEOUT' });
    expect(limiter.queued).toBe(0);
  });

  it('acquire: a caller that aborts while queued leaves the queue with the abort reason', async () => {
    const limiter = new RunLimiter({ maxConcurrent: 1, maxQueued: 1, maxQueueWaitMs: 10_000 });
    await limiter.acquire();
    const controller = new AbortController();
    const pending = limiter.acquire(controller.signal);
    controller.abort(new Error('client went away'));
    await expect(pending).rejects.toThrow('client went away');
    expect(limiter.queued).toBe(0);
  });

  it('release: is idempotent, so a double release never frees two slots', async () => {
    const limiter = new RunLimiter({ maxConcurrent: 1, maxQueued: 0, maxQueueWaitMs: 10 });
    const release = await limiter.acquire();
    release();
    release();
    await limiter.acquire();
    await expect(limiter.acquire()).rejects.toBeInstanceOf(BusyError);
  });

  it('retryAfterSeconds: grows with the queue and the observed run time, within 1..60', async () => {
    let clock = 0;
    const limiter = new RunLimiter({
      maxConcurrent: 1,
      maxQueued: 100,
      maxQueueWaitMs: 60_000,
      now: () => clock,
    });
    for (let index = 0; index < 20; index++) {
      const release = await limiter.acquire();
      clock += 10_000;
      release();
    }
    const hold = await limiter.acquire();
    const empty = limiter.retryAfterSeconds();
    for (let index = 0; index < 5; index++) void limiter.acquire().catch(() => {});
    expect(limiter.retryAfterSeconds()).toBeGreaterThan(empty);
    expect(limiter.retryAfterSeconds()).toBeLessThanOrEqual(60);
    limiter.close();
    hold();
  });

  it('close: refuses queued and new runs with SHUTTING_DOWN', async () => {
    const limiter = new RunLimiter({ maxConcurrent: 1, maxQueued: 1, maxQueueWaitMs: 10_000 });
    await limiter.acquire();
    const queued = limiter.acquire();
    limiter.close();
    await expect(queued).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
    await expect(limiter.acquire()).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
  });
});
