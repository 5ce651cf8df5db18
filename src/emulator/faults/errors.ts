/**
 * Thrown when a fault drops the connection. It is a `TypeError` like the one `fetch` rejects with
 * on a network failure, so in-process callers (`app.fetch`, `app.request`) see what a real client
 * would see; over HTTP the socket is destroyed as well.
 */
export class ConnectionDroppedError extends TypeError {
  override name = 'TypeError';
  readonly code = 'EMULATOR_CONNECTION_DROPPED';

  constructor() {
    super('fetch failed', {
      cause: new Error('the emulator dropped the connection (fault injection)'),
    });
  }
}
