/**
 * Confluence task lists as GFM task lists: `<ac:task-list>` with `<ac:task>` items is
 * `- [ ] Draft the brief` / `- [x] Book the venue`, and a markdown list whose every item starts
 * with `[ ]` or `[x]` becomes a real task list (what a model writes for "add a checklist").
 *
 * Task ids: Confluence numbers a page's tasks (and Cloud gives each a uuid); a task whose id is
 * its 1-based position among the page's tasks and that has no uuid needs nothing in markdown, any
 * other keeps both in a trailing `<!--task 17 4b3f-…-->`, so reading and writing a page back gives
 * the same ids (the lossless rule of this folder). Task lists are written in Cloud's own layout,
 * one element per line (as Confluence Cloud returns them).
 */
import type { ChildNode, Element } from 'domhandler';

export const TASK_COMMENT = /^<!--task ([\w-]+)(?: ([\w-]+))?-->$/;

export interface StorageTask {
  id: string;
  uuid?: string;
  done: boolean;
  /** The body's children, as storage. */
  body: string;
}

/**
 * The tasks of a canonical `ac:task-list` (nothing but tasks, each with an id, a status and a
 * body, in that order), or `undefined`.
 */
export function readTaskList(
  list: Element,
  sourceOf: (nodes: ChildNode[]) => string,
): StorageTask[] | undefined {
  if (list.name !== 'ac:task-list' || Object.keys(list.attribs).length > 0) return undefined;
  const tasks: StorageTask[] = [];
  for (const task of list.children) {
    if (task.type === 'text' && task.data.trim() === '') continue;
    if (task.type !== 'tag' || task.name !== 'ac:task' || Object.keys(task.attribs).length > 0)
      return undefined;
    const parts = task.children.filter((node) => node.type !== 'text' || node.data.trim() !== '');
    const [id, maybeUuid] = parts;
    const hasUuid = isBare(maybeUuid, 'ac:task-uuid');
    const [status, body, ...rest] = parts.slice(hasUuid ? 2 : 1);
    if (rest.length > 0 || !isBare(id, 'ac:task-id') || !isBare(status, 'ac:task-status'))
      return undefined;
    if (!isBare(body, 'ac:task-body')) return undefined;
    const idText = onlyText(id);
    const uuid = hasUuid ? onlyText(maybeUuid) : undefined;
    const statusText = onlyText(status);
    if (idText === undefined || !/^[\w-]+$/.test(idText)) return undefined;
    if (hasUuid && (uuid === undefined || !/^[\w-]+$/.test(uuid))) return undefined;
    if (statusText !== 'complete' && statusText !== 'incomplete') return undefined;
    tasks.push({
      id: idText,
      ...(uuid === undefined ? {} : { uuid }),
      done: statusText === 'complete',
      body: sourceOf(body.children),
    });
  }
  return tasks.length > 0 ? tasks : undefined;
}

/** The storage before a task's body, in Cloud's layout. */
export function taskStart(task: Omit<StorageTask, 'body'>): string {
  const uuid = task.uuid === undefined ? '' : `<ac:task-uuid>${task.uuid}</ac:task-uuid>\n`;
  return `<ac:task>\n<ac:task-id>${task.id}</ac:task-id>\n${uuid}<ac:task-status>${task.done ? 'complete' : 'incomplete'}</ac:task-status>\n<ac:task-body>`;
}

export const TASK_END = '</ac:task-body>\n</ac:task>\n';
export const TASK_LIST_START = '<ac:task-list>\n';
export const TASK_LIST_END = '</ac:task-list>';

/**
 * `* [x] body`, with the id comment when the id is not the task's position or it has a uuid. */
export function taskLine(task: StorageTask, bodyMarkdown: string, position: number): string {
  const plain = task.id === String(position) && task.uuid === undefined;
  const uuid = task.uuid === undefined ? '' : ` ${task.uuid}`;
  const marker = plain ? '' : ` <!--task ${task.id}${uuid}-->`;
  return `* [${task.done ? 'x' : ' '}] ${bodyMarkdown}${marker}`;
}

function isBare(node: ChildNode | undefined, name: string): node is Element {
  return node?.type === 'tag' && node.name === name && Object.keys(node.attribs).length === 0;
}

function onlyText(element: Element): string | undefined {
  const [text, ...rest] = element.children;
  return rest.length === 0 && text?.type === 'text' ? text.data : undefined;
}
