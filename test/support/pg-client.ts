/** One connection to a PostgreSQL URL for the length of `work` (tests and their helpers). */
import pg from 'pg';

/** Runs `work` on a fresh connection to `url`, closed afterwards. */
export async function withClient<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
