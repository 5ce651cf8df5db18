/**
 * Media types of uploads: the part's own `Content-Type` when it is specific, else a guess from
 * the file extension; and the short description Confluence shows (`mediaTypeDescription`).
 */

const BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  json: 'application/json',
  xml: 'application/xml',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

const DESCRIPTIONS: Record<string, string> = {
  'text/plain': 'Text File',
  'text/markdown': 'Markdown File',
  'text/csv': 'CSV File',
  'text/html': 'HTML Document',
  'application/json': 'JSON File',
  'application/xml': 'XML File',
  'application/pdf': 'PDF Document',
  'image/png': 'PNG Image',
  'image/jpeg': 'JPEG Image',
  'image/gif': 'GIF Image',
  'image/svg+xml': 'SVG Image',
  'image/webp': 'WebP Image',
  'application/zip': 'Zip Archive',
};

const GENERIC = new Set(['', 'application/octet-stream']);

/** @example mediaTypeOf('logo.png', '') // 'image/png' */
export function mediaTypeOf(filename: string, declared: string): string {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  if (!GENERIC.has(type)) return type;
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  return BY_EXTENSION[extension] ?? 'application/octet-stream';
}

export function mediaTypeDescription(mediaType: string): string {
  return DESCRIPTIONS[mediaType] ?? 'File';
}
