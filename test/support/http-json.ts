/**
 * JSON over real HTTP for the end-to-end tests and benches: a non-2xx answer is an error that
 * names the URL, the status and the body, so a failing step says what the service answered.
 *
 * @example
 * const status = await postJson<JobStatus>(`${url}/v1/jobs`, { code, items });
 */
export async function fetchJson<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export function postJson<T>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  return fetchJson<T>(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}
