/**
 * The objects a dry run planned, so the run can use them: a planned create answers with the id
 * `planned-N` and `planned: true` (recognizable, never mistaken for a real id), a later write may
 * name that id (a label on the planned page, a child under it), and `<namespace>.get` of it answers
 * the planned object. Operations validate ids as Confluence ids, so each planned id has a numeric
 * alias (the operation's own `plannedId`) used inside the call and swapped back in what the
 * script and the write list see. Lists and searches do not include planned objects.
 */
import type { AnyOperation } from './operations.ts';
import { SessionError } from './errors.ts';

const PLANNED_ID = /^planned-\d+$/;

interface PlannedObject {
  namespace: string;
  alias: string;
  object: Record<string, unknown>;
}

export interface PlannedObjects {
  /** The planned object a read answers with, or undefined when the read is not of one. */
  readBack(operation: AnyOperation, args: unknown): Record<string, unknown> | undefined;
  /** The call's arguments with planned ids swapped for their numeric aliases. */
  toAliases<T>(args: T): T;
  /** A value (answer, write target) with aliases swapped back for planned ids. */
  fromAliases<T>(value: T): T;
  /** Registers a planned write's answer: a new object gets `planned-N`; the answer as the script sees it. */
  record(operation: AnyOperation, input: unknown, answer: unknown): unknown;
}

/**
 * @example
 * const planned = createPlannedObjects();
 * const page = planned.record(pagesCreate, input, plannedAnswer(...)); // { id: 'planned-1', planned: true, … }
 */
export function createPlannedObjects(): PlannedObjects {
  const byId = new Map<string, PlannedObject>();
  const byAlias = new Map<string, string>();
  const swap = <T>(value: T, map: ReadonlyMap<string, string>, within: boolean): T =>
    map.size === 0 ? value : (deepSwap(value, map, within) as T);
  const aliases = () => new Map([...byId].map(([id, planned]) => [id, planned.alias]));

  return {
    readBack(operation, args) {
      if (operation.kind !== 'read') return undefined;
      const ids = plannedIdsIn(args);
      if (ids.length === 0) return undefined;
      const namespace = namespaceOf(operation.name);
      const id = (args as { id?: unknown }).id;
      const planned = typeof id === 'string' ? byId.get(id) : undefined;
      if (operation.name.endsWith('.get') && planned?.namespace === namespace)
        return structuredClone(planned.object);
      throw new SessionError({
        name: 'ValidationError',
        code: 'PLANNED_NOT_SENT',
        phase: 'confluence',
        status: 404,
        message: `${ids.join(', ')} ${ids.length === 1 ? 'was' : 'were'} planned by this dry run, not created: only ${namespace}.get of a planned ${namespace} object reads it back (lists and searches do not include planned objects)`,
      });
    },
    toAliases: (args) => swap(args, aliases(), false),
    fromAliases: (value) => swap(value, byAlias, true),
    record(operation, input, answer) {
      const swapped = swap(answer, byAlias, true);
      if (typeof swapped !== 'object' || swapped === null || Array.isArray(swapped)) return swapped;
      const { id } = swapped as { id?: unknown };
      const inputId = (input as { id?: unknown } | null)?.id;
      // An answer with the input's own id is a planned change to an existing (or planned) object.
      if (typeof id !== 'string' || id === inputId || PLANNED_ID.test(id)) return swapped;
      const plannedId = `planned-${byId.size + 1}`;
      const object = { ...(swapped as Record<string, unknown>), id: plannedId, planned: true };
      byId.set(plannedId, { namespace: namespaceOf(operation.name), alias: id, object });
      byAlias.set(id, plannedId);
      return structuredClone(object);
    },
  };
}

function namespaceOf(name: string): string {
  return name.split('.').slice(0, -1).join('.');
}

function plannedIdsIn(value: unknown): string[] {
  if (typeof value === 'string') return PLANNED_ID.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(plannedIdsIn);
  if (typeof value === 'object' && value !== null)
    return Object.values(value).flatMap(plannedIdsIn);
  return [];
}

/** Swaps whole strings (and, `within`, substrings such as a write target's text) by the map. */
function deepSwap(value: unknown, map: ReadonlyMap<string, string>, within: boolean): unknown {
  if (typeof value === 'string') {
    const whole = map.get(value);
    if (whole !== undefined) return whole;
    if (!within) return value;
    let text = value;
    for (const [from, to] of map) text = text.replaceAll(from, to);
    return text;
  }
  if (Array.isArray(value)) return value.map((item) => deepSwap(item, map, within));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, deepSwap(item, map, within)]),
    );
  return value;
}
