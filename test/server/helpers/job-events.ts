/**
 * Reads `GET /v1/jobs/:id/events` as a client does, over real HTTP, with a well-kept SSE parser
 * (eventsource-parser): every event parsed, every comment (heartbeat) counted, until the server
 * ends the stream or `stop` says enough.
 */
import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { JobEvent } from '../../../src/jobs/types.ts';

export interface ReadEvents {
  /** The events in order, with the SSE `event` name and `id` next to the parsed data. */
  events: Array<{ name: string | undefined; id: string | undefined; data: JobEvent }>;
  comments: string[];
  /** True when the server ended the stream (not `stop`). */
  ended: boolean;
}

export interface OpenedEvents {
  response: Response;
  /** What has arrived so far (filled as the stream is read). */
  read: ReadEvents;
  /** Resolves when the stream ends, or `stop` returns true after an event or comment. */
  done: Promise<ReadEvents>;
  /** Closes the connection from the client's side. */
  abort(): void;
}

/**
 * @example
 * const { done } = await openJobEvents(`${url}/v1/jobs/j_1/events`);
 * const { events } = await done;
 */
/** Polls `condition` every 20 ms until it holds or 10 s pass. */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function openJobEvents(
  url: string,
  options: { key?: string; stop?: (read: ReadEvents) => boolean } = {},
): Promise<OpenedEvents> {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: {
      accept: 'text/event-stream',
      ...(options.key ? { authorization: `Bearer ${options.key}` } : {}),
    },
    signal: controller.signal,
  });
  const read: ReadEvents = { events: [], comments: [], ended: false };
  const done = (async () => {
    if (!response.ok || !response.body) return read;
    const stream = response.body.pipeThrough(new TextDecoderStream()).pipeThrough(
      new EventSourceParserStream({
        onComment: (comment) => {
          read.comments.push(comment);
          if (options.stop?.(read)) controller.abort();
        },
      }),
    );
    const reader = stream.getReader();
    try {
      for (;;) {
        const next = await reader.read();
        if (next.done) {
          read.ended = true;
          break;
        }
        read.events.push({
          name: next.value.event,
          id: next.value.id,
          data: JSON.parse(next.value.data) as JobEvent,
        });
        if (options.stop?.(read)) break;
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      controller.abort();
    }
    return read;
  })();
  return { response, read, done, abort: () => controller.abort() };
}
