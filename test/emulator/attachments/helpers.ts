/**
 * Multipart uploads for the attachment suites.
 */
import type { ContractClient } from '../contract.ts';

export const XSRF = { 'X-Atlassian-Token': 'nocheck' };

export interface FilePart {
  name: string;
  content: string | Uint8Array;
  type?: string;
  comment?: string;
}

export function uploadForm(files: FilePart[], minorEdit?: string): FormData {
  const form = new FormData();
  for (const file of files) {
    const bytes =
      typeof file.content === 'string' ? new TextEncoder().encode(file.content) : file.content;
    form.append('file', new Blob([bytes], { type: file.type ?? '' }), file.name);
  }
  for (const file of files) if (file.comment !== undefined) form.append('comment', file.comment);
  if (minorEdit !== undefined) form.append('minorEdit', minorEdit);
  return form;
}

/** POST (or PUT) /content/{id}/child/attachment with the XSRF header. */
export function upload(
  client: ContractClient,
  containerId: number | string,
  files: FilePart[],
  options: { method?: 'POST' | 'PUT'; minorEdit?: string } = {},
) {
  return client.request(
    options.method ?? 'POST',
    `/wiki/rest/api/content/${containerId}/child/attachment`,
    {
      body: uploadForm(files, options.minorEdit),
      headers: XSRF,
    },
  );
}
