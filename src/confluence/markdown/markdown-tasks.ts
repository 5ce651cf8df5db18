/**
 * markdown-it rule: a bullet list whose every item is one line starting with `[ ]` or `[x]`
 * becomes an `ac:task-list` (./task-list.ts). Task ids count the page's tasks in order, unless an
 * item ends with `<!--task N [uuid]-->`.
 */
import type { Env, MarkdownIt as Markdown, Token } from 'markdown-it';
import { TASK_COMMENT, TASK_END, TASK_LIST_END, TASK_LIST_START, taskStart } from './task-list.ts';

/** What one conversion carries from token to token: the tasks numbered so far. */
export type ConversionEnv = Env & { tasks: number };

const CHECKBOX = /^\[( |x|X)\](?: |$)/;

export function addTaskLists(md: Markdown): void {
  md.core.ruler.push('confluence_tasks', (state) => {
    const env = state.env as ConversionEnv;
    const tokens = state.tokens;
    for (let index = 0; index < tokens.length; index++) {
      if (tokens[index]!.type !== 'bullet_list_open') continue;
      const items = itemsOf(tokens, index);
      if (!items) continue;
      tokens[index]!.type = 'task_list_open';
      tokens[items.close]!.type = 'task_list_close';
      for (const item of items.starts) {
        const inline = tokens[item + 2]!;
        const children = inline.children!;
        const first = children[0]!;
        const done = first.content[1] !== ' ';
        first.content = first.content.replace(CHECKBOX, '');
        const kept = takeTaskComment(children);
        env.tasks += 1;
        tokens[item]!.type = 'task_open';
        tokens[item]!.meta = { id: kept?.id ?? String(env.tasks), uuid: kept?.uuid, done };
        tokens[item + 1]!.hidden = true;
        tokens[item + 3]!.hidden = true;
        tokens[item + 4]!.type = 'task_close';
      }
    }
  });
  const rules = md.renderer.rules;
  rules['task_list_open'] = () => TASK_LIST_START;
  rules['task_list_close'] = () => TASK_LIST_END;
  rules['task_open'] = (tokens, index) => {
    const { id, uuid, done } = tokens[index]!.meta as { id: string; uuid?: string; done: boolean };
    return taskStart({ id, done, ...(uuid === undefined ? {} : { uuid }) });
  };
  rules['task_close'] = () => TASK_END;
}

/**
 * The item starts of the list opened at `open` and its close, when every item is exactly
 * `list_item_open, paragraph_open, inline "[ ] …", paragraph_close, list_item_close`.
 */
function itemsOf(tokens: Token[], open: number): { starts: number[]; close: number } | undefined {
  const starts: number[] = [];
  let index = open + 1;
  while (tokens[index]?.type === 'list_item_open') {
    const shape = tokens.slice(index, index + 5).map((token) => token.type);
    if (shape.join() !== 'list_item_open,paragraph_open,inline,paragraph_close,list_item_close')
      return undefined;
    const first = tokens[index + 2]!.children?.[0];
    if (first?.type !== 'text' || !CHECKBOX.test(first.content)) return undefined;
    starts.push(index);
    index += 5;
  }
  return tokens[index]?.type === 'bullet_list_close' && starts.length > 0
    ? { starts, close: index }
    : undefined;
}

/** Removes a trailing `<!--task N [uuid]-->` (and the space before it) and returns what it kept. */
function takeTaskComment(children: Token[]): { id: string; uuid?: string } | undefined {
  const last = children.at(-1);
  const match = last?.type === 'html_inline' ? TASK_COMMENT.exec(last.content) : null;
  if (!match) return undefined;
  children.pop();
  const before = children.at(-1);
  if (before?.type === 'text') before.content = before.content.replace(/ $/, '');
  return { id: match[1]!, ...(match[2] === undefined ? {} : { uuid: match[2] }) };
}
