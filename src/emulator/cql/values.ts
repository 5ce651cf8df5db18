/**
 * Turns the values of a clause into what its field compares: strings (with `currentUser()`,
 * `currentSpace()`, `currentContent()` resolved), content ids, content types. A value a field
 * cannot take is a 400 pointing at that value.
 */
import type { CqlClause, CqlValue } from './ast.ts';
import { CqlError } from './errors.ts';

/** What a query is evaluated for: the caller, the clock and the `cqlcontext`. */
export interface CompileEnvironment {
  /** The query text, for error positions. */
  query: string;
  /** accountId of the caller (`currentUser()`). */
  accountId: string;
  /** The caller's time zone, for dates. */
  timeZone: string;
  now: number; // ms since epoch
  /** `cqlcontext`: `currentSpace()` and `currentContent()` resolve to these. */
  spaceKey?: string | undefined;
  contentId?: number | undefined;
  /** Whether the labels module's tables exist (`label = …` needs them). */
  labels: boolean;
}

/**
 * The `type` values Confluence accepts (observed 400 on Cloud, 2026: "Unsupported value for type,
 * got : bogustype, expected one of : [space, user, page, blogpost, comment, attachment, database,
 * whiteboard, slide, embed, folder, …]"; the rest of its list is app-provided).
 */
export const TYPE_VALUES = [
  'space',
  'user',
  'page',
  'blogpost',
  'comment',
  'attachment',
  'database',
  'whiteboard',
  'slide',
  'embed',
  'folder',
] as const;

/**
 * The literal values, with functions resolved.
 * @example stringValues(clause, environment) // ['557058:…'] for `creator = currentUser()`
 */
export function stringValues(clause: CqlClause, environment: CompileEnvironment): string[] {
  return clause.values.map((value) => resolve(value, clause, environment));
}

function resolve(value: CqlValue, clause: CqlClause, environment: CompileEnvironment): string {
  if (value.kind === 'literal') {
    if (value.value.trim() === '') {
      throw invalid(`The field '${clause.field}' needs a non-empty value`, value, environment);
    }
    return value.value;
  }
  switch (value.name.toLowerCase()) {
    case 'currentuser':
      return environment.accountId;
    case 'currentspace':
      if (environment.spaceKey === undefined) {
        throw invalid(
          'currentSpace() needs a space: pass cqlcontext={"spaceKey":"KEY"}',
          value,
          environment,
        );
      }
      return environment.spaceKey;
    case 'currentcontent':
      if (environment.contentId === undefined) {
        throw invalid(
          'currentContent() needs content: pass cqlcontext={"contentId":"123"}',
          value,
          environment,
        );
      }
      return String(environment.contentId);
    default:
      throw new CqlError(
        'CQL_UNSUPPORTED_FUNCTION',
        `${value.name}() cannot be used here`,
        environment.query,
        value.span,
      );
  }
}

/**
 * Content ids: every value must be a positive integer.
 * @example idValues(clause, environment) // [65540, 65541] for `id IN (65540, 65541)`
 */
export function idValues(clause: CqlClause, environment: CompileEnvironment): number[] {
  return clause.values.map((value) => {
    const text = resolve(value, clause, environment).trim();
    const id = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(id)) {
      throw invalid(
        `'${clause.field}' takes content ids; "${text}" is not one`,
        value,
        environment,
      );
    }
    return id;
  });
}

/**
 * Label names; without the labels module, `label` is a 400 rather than a SQL error.
 * @example labelValues(clause, environment) // ['q3', 'team:roadmap']
 */
export function labelValues(clause: CqlClause, environment: CompileEnvironment): string[] {
  if (!environment.labels) {
    throw new CqlError(
      'CQL_UNKNOWN_FIELD',
      'Searching by label needs the labels module, which this emulator was built without',
      environment.query,
      clause.fieldSpan,
    );
  }
  return stringValues(clause, environment);
}

/**
 * `type` values, lower-cased; an unknown one is Confluence's "Unsupported value for type".
 * @example typeValues(clause, environment) // ['page', 'blogpost']
 */
export function typeValues(clause: CqlClause, environment: CompileEnvironment): string[] {
  return clause.values.map((value) => {
    const type = resolve(value, clause, environment).toLowerCase();
    if (!(TYPE_VALUES as readonly string[]).includes(type)) {
      throw invalid(
        `Unsupported value for type, got : ${type}, expected one of : [${TYPE_VALUES.join(', ')}]`,
        value,
        environment,
      );
    }
    return type;
  });
}

/**
 * @example throw invalid('"x" is not a date', value, environment);
 */
export function invalid(
  message: string,
  value: CqlValue,
  environment: CompileEnvironment,
): CqlError {
  return new CqlError('CQL_INVALID_VALUE', message, environment.query, value.span);
}
