/**
 * The result types of the registry (src/confluence/operations/models/*.ts) as declarations for
 * the d.ts: each interface and type alias with its JSDoc, `export` dropped, imports left out
 * (inside `declare namespace Confluence` every type sees every other).
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** Model files in the order the d.ts lists them. */
export const MODEL_FILES = [
  'common.ts',
  'content.ts',
  'space.ts',
  'properties.ts',
  'comments.ts',
  'attachments.ts',
  'tasks.ts',
  'people.ts',
  'search.ts',
  'helpers.ts',
] as const;

export interface ModelDeclaration {
  name: string;
  /** `interface Page { ... }` with its JSDoc, no `export`. */
  text: string;
}

const MODELS_DIRECTORY = new URL('../operations/models/', import.meta.url);

function leadingJsDoc(source: string, statement: ts.Statement): string {
  const ranges = ts.getLeadingCommentRanges(source, statement.getFullStart()) ?? [];
  const last = ranges.at(-1);
  if (!last) return '';
  const text = source.slice(last.pos, last.end);
  return text.startsWith('/**') ? `${text}\n` : '';
}

/** The declarations of one model file's source text. */
export function declarationsOf(fileName: string, source: string): ModelDeclaration[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2024, true);
  const declarations: ModelDeclaration[] = [];
  for (const statement of file.statements) {
    if (!ts.isInterfaceDeclaration(statement) && !ts.isTypeAliasDeclaration(statement)) continue;
    const body = source
      .slice(statement.getStart(file), statement.getEnd())
      .replace(/^export\s+/, '');
    declarations.push({ name: statement.name.text, text: leadingJsDoc(source, statement) + body });
  }
  return declarations;
}

let cached: ModelDeclaration[] | undefined;

/** Every model declaration, read once from disk. */
export function modelDeclarations(): ModelDeclaration[] {
  cached ??= MODEL_FILES.flatMap((name) =>
    declarationsOf(name, readFileSync(new URL(name, MODELS_DIRECTORY), 'utf8')),
  );
  return cached;
}
