/**
 * The Atlassian Document Format nodes the emulator reads and writes
 * (developer.atlassian.com/cloud/jira/platform/apis/document/structure/).
 */
export interface AdfMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: AdfMark[];
}

export interface AdfDocument extends AdfNode {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

/** Parses and checks an ADF body value (a JSON string); undefined when it is not an ADF doc. */
export function parseAdf(value: string): AdfDocument | undefined {
  try {
    const parsed = JSON.parse(value) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const document = parsed as Partial<AdfDocument>;
    if (document.type !== 'doc' || !Array.isArray(document.content)) return undefined;
    return { ...document, version: 1 } as AdfDocument;
  } catch {
    return undefined;
  }
}

/** Block node types; anything else found at block level is wrapped in a paragraph. */
export const ADF_BLOCKS = new Set([
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'codeBlock',
  'table',
  'panel',
  'blockquote',
  'rule',
  'taskList',
  'decisionList',
  'extension',
  'bodiedExtension',
  'mediaSingle',
  'expand',
]);
