/**
 * Reading task lists out of storage format and writing a task's status back into it. Element
 * positions come from the parser (`withStartIndices`/`withEndIndices`), so the task body is the
 * exact source between `<ac:task-body>` and `</ac:task-body>` and a status rewrite touches
 * nothing else in the page.
 */
import { parseDocument } from 'htmlparser2';
import { storageToText } from '../bodies/text.ts';
import { type ChildNode, type Element, isElement, textOf } from '../bodies/dom.ts';
import type { TaskStatus } from './schema.ts';

export interface ParsedTask {
  localId: string;
  status: TaskStatus;
  /** The storage inside `<ac:task-body>`. */
  body: string;
  blank: boolean;
  assignedTo: string | null;
  dueAt: number | null; // ms since epoch
  /**
   * Where the status lives in the source: the whole `<ac:task-status>` element [start, end), or,
   * when the task has none, an empty range where one belongs (right after `<ac:task>`).
   */
  statusRange: [number, number];
}

/** Every task of a storage body, in document order (nested lists included). */
export function parseTasks(storage: string): ParsedTask[] {
  if (!storage.includes('ac:task')) return [];
  const document = parseDocument(storage, {
    xmlMode: true,
    decodeEntities: true,
    withStartIndices: true,
    withEndIndices: true,
  });
  const elements: Element[] = [];
  collect(document.children, elements);
  const seen = new Set<string>();
  return elements.map((element, ordinal) => {
    const task = readTask(storage, element, ordinal);
    // Local ids are unique per content; a repeated id keeps its first holder.
    if (seen.has(task.localId)) task.localId = `${task.localId}-${ordinal}`;
    seen.add(task.localId);
    return task;
  });
}

function collect(nodes: ChildNode[], into: Element[]): void {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (node.name === 'ac:task') into.push(node);
    collect(node.children, into);
  }
}

function childElement(element: Element, name: string): Element | undefined {
  return element.children.find((node): node is Element => isElement(node) && node.name === name);
}

function readTask(storage: string, task: Element, ordinal: number): ParsedTask {
  const id = childElement(task, 'ac:task-id');
  const status = childElement(task, 'ac:task-status');
  const body = childElement(task, 'ac:task-body');
  const inner = body ? innerSource(storage, body) : '';
  return {
    localId: (id ? textOf(id.children).trim() : '') || `auto-${ordinal + 1}`,
    status: status && textOf(status.children).trim() === 'complete' ? 'complete' : 'incomplete',
    body: inner,
    blank: storageToText(inner) === '',
    assignedTo: body ? firstAttribute(body, 'ri:user', 'ri:account-id') : null,
    dueAt: body ? dueDate(firstAttribute(body, 'time', 'datetime')) : null,
    statusRange: status ? elementRange(status) : insertionPoint(storage, task),
  };
}

/** The source between the start and end tags of `element` ('' when it is empty). */
function innerSource(storage: string, element: Element): string {
  const range = innerRange(element);
  return range ? storage.slice(range[0], range[1]) : '';
}

function innerRange(element: Element): [number, number] | undefined {
  const first = element.children[0];
  const last = element.children[element.children.length - 1];
  if (!first || !last || first.startIndex === null || last.endIndex === null) return undefined;
  return [first.startIndex, last.endIndex + 1];
}

function elementRange(element: Element): [number, number] {
  return [element.startIndex!, element.endIndex! + 1];
}

/** Right after the start tag of `task`. */
function insertionPoint(storage: string, task: Element): [number, number] {
  const at = storage.indexOf('>', task.startIndex!) + 1;
  return [at, at];
}

function firstAttribute(root: Element, name: string, attribute: string): string | null {
  for (const node of root.children) {
    if (!isElement(node)) continue;
    if (node.name === name && node.attribs[attribute]) return node.attribs[attribute]!;
    const found = firstAttribute(node, name, attribute);
    if (found) return found;
  }
  return null;
}

/** `<time datetime="2026-07-10" />` → that day at 00:00 UTC; anything unreadable → null. */
function dueDate(datetime: string | null): number | null {
  if (!datetime) return null;
  const value = Date.parse(
    /^\d{4}-\d{2}-\d{2}$/.test(datetime) ? `${datetime}T00:00:00Z` : datetime,
  );
  return Number.isNaN(value) ? null : value;
}

/**
 * The storage body with one task's status set; undefined when the task is not in the body.
 * @example setTaskStatus(body, '2', 'complete')
 */
export function setTaskStatus(
  storage: string,
  localId: string,
  status: TaskStatus,
): string | undefined {
  const task = parseTasks(storage).find((candidate) => candidate.localId === localId);
  if (!task) return undefined;
  const [start, end] = task.statusRange;
  return `${storage.slice(0, start)}<ac:task-status>${status}</ac:task-status>${storage.slice(end)}`;
}
