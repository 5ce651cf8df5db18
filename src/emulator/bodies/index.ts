/**
 * Body representations. `storage` is what the emulator stores; `view` (and the export/styled
 * variants) is rendered from it; `atlas_doc_format` returns the ADF as written when the version
 * was written in ADF, and is converted from storage otherwise; `editor` returns storage.
 * Writes accept `storage`, `atlas_doc_format` (a JSON string) and `wiki` (a small subset).
 */
import { parseAdf } from './adf.ts';
import { adfToStorage } from './adf-to-storage.ts';
import { storageToAdf } from './storage-to-adf.ts';
import { type ViewOptions, storageToView } from './storage-to-view.ts';
import { wikiToStorage } from './wiki-to-storage.ts';
import { badRequest } from '../http/errors.ts';

/** Every `body-format` a single GET accepts (openapi-v2 `PrimaryBodyRepresentationSingle`). */
export const SINGLE_BODY_FORMATS = [
  'storage',
  'atlas_doc_format',
  'view',
  'export_view',
  'anonymous_export_view',
  'styled_view',
  'editor',
] as const;
/** What list endpoints accept (openapi-v2 `PrimaryBodyRepresentation`). */
export const LIST_BODY_FORMATS = ['storage', 'atlas_doc_format'] as const;
export const WRITE_REPRESENTATIONS = ['storage', 'atlas_doc_format', 'wiki'] as const;

export type BodyFormat = (typeof SINGLE_BODY_FORMATS)[number];
export type WriteRepresentation = (typeof WRITE_REPRESENTATIONS)[number];

/** A stored body: the storage form and, when written in ADF, the ADF as written. */
export interface StoredBody {
  body: string;
  adf: string | null;
}

export type { ViewOptions } from './storage-to-view.ts';

/**
 * `{ [format]: { representation, value } }`, the `body` field of v2 content.
 * @example bodyJson(version, 'view', { prefix: '' }) // { view: { representation: 'view', value: '<p>…' } }
 */
export function bodyJson(stored: StoredBody, format: BodyFormat, options: ViewOptions) {
  return { [format]: { representation: format, value: renderBody(stored, format, options) } };
}

export function renderBody(stored: StoredBody, format: BodyFormat, options: ViewOptions): string {
  switch (format) {
    case 'storage':
    case 'editor':
      return stored.body;
    case 'atlas_doc_format':
      return stored.adf ?? JSON.stringify(storageToAdf(stored.body));
    default:
      return storageToView(stored.body, options);
  }
}

/**
 * Turns a written body into what is stored; an ADF value that is not an ADF document is a 400.
 * @example toStoredBody('atlas_doc_format', '{"type":"doc","version":1,"content":[]}')
 */
export function toStoredBody(representation: WriteRepresentation, value: string): StoredBody {
  if (representation === 'storage') return { body: value, adf: null };
  if (representation === 'wiki') return { body: wikiToStorage(value), adf: null };
  const document = parseAdf(value);
  if (!document)
    throw badRequest(
      'body.value is not an atlas_doc_format document (a JSON string of {"type":"doc",…})',
      'body.value',
    );
  return { body: adfToStorage(document), adf: value };
}
