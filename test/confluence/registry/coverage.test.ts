/**
 * The registry covers every operation of shared/confluence/operations.json: each is found by its
 * operationId, under the Composio tool name derived from its title, with the same endpoint and
 * the right kind; and every name is unique, whichever way it is spelled.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findOperation, OPERATIONS } from '../../../src/confluence/operations/index.ts';

interface MissionOperation {
  name: string;
  method: string;
  path: string;
  operationId: string;
}

const MISSION: MissionOperation[] = JSON.parse(
  readFileSync(new URL('../../../spec/confluence/operations.json', import.meta.url), 'utf8'),
);

/** "Get Blogpost by ID" → CONFLUENCE_GET_BLOGPOST_BY_ID. */
function composioName(title: string): string {
  return `CONFLUENCE_${title
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '')}`;
}

describe('registry coverage', () => {
  it('operations.json: holds the 62 operations of the mission', () => {
    expect(MISSION).toHaveLength(62);
  });

  it.each(MISSION.map((operation) => [operation.name, operation] as const))(
    '%s: is in the registry with its Composio name, operationId and endpoint',
    (_title, operation) => {
      const spec = OPERATIONS.find((candidate) => candidate.operationId === operation.operationId);
      expect(spec, `no registry entry for ${operation.operationId}`).toBeDefined();
      expect(spec!.composioName).toBe(composioName(operation.name));
      expect(spec!.endpoint).toBe(`${operation.method} ${operation.path}`);
      expect(spec!.kind).toBe(operation.method === 'GET' ? 'read' : 'write');
      expect(findOperation(composioName(operation.name))).toBe(spec);
      expect(findOperation(operation.operationId)).toBe(spec);
    },
  );

  it('registry: every mission operation maps to its own entry', () => {
    const entries = new Set(
      MISSION.map((operation) =>
        OPERATIONS.find((spec) => spec.operationId === operation.operationId),
      ),
    );
    expect(entries.size).toBe(62);
  });

  it('registry: names, Composio names and operationIds are unique', () => {
    for (const key of ['name', 'composioName', 'operationId'] as const) {
      const values = OPERATIONS.map((spec) => spec[key]).filter((value) => value !== undefined);
      expect(new Set(values).size, key).toBe(values.length);
    }
  });

  it('registry: no name is the namespace of another (pages.labels vs pages.labels.x)', () => {
    const names = OPERATIONS.map((spec) => spec.name);
    for (const name of names) {
      expect(names.filter((other) => other.startsWith(`${name}.`))).toEqual([]);
    }
  });

  it('registry: beyond the 62, moving, the tree, page attachments, label removal and upload exist', () => {
    for (const name of [
      'pages.move',
      'pages.descendants',
      'pages.attachments',
      'labels.remove',
      'attachments.upload',
    ]) {
      expect(findOperation(name)?.name).toBe(name);
    }
  });

  it('findOperation: accepts any spelling, case-insensitively, and answers undefined otherwise', () => {
    expect(findOperation('PAGES.GET')?.name).toBe('pages.get');
    expect(findOperation('confluence_get_page_by_id')?.name).toBe('pages.get');
    expect(findOperation('pages.nope')).toBeUndefined();
  });
});
