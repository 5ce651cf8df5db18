/**
 * Maps positions and stack traces from the compiled script (`file:///sandbox/user.js:L:C`, as V8
 * prints them) back to the user's TypeScript (`user.ts:L:C`), and drops every frame that is not
 * the user's (runtime, SDK prelude, host). shared/notes/isolated-vm.md §6, steps 3-4.
 */
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import type { CompiledScript } from './compile.ts';
import { USER_SCRIPT_FILENAME } from '../protocol.ts';

export const USER_SOURCE_NAME = 'user.ts';

export interface SourcePosition {
  line: number;
  column: number;
}

export interface MappedStack {
  /** `    at fn (user.ts:L:C)` lines, user frames only. */
  frames: string[];
  /** The innermost user frame's position. */
  top?: SourcePosition;
}

const GENERATED_POSITION = /file:\/\/\/sandbox\/user\.js:(\d+):(\d+)/g;
const FRAME_LINE = /^\s+at /;

/** Builds a mapper for one compiled script; the source map is parsed on first use. */
export function createStackMapper(script: CompiledScript) {
  let traceMap: TraceMap | undefined;
  const userLines = script.source.split('\n').length;

  const mapPosition = (line: number, column: number): SourcePosition | undefined => {
    traceMap ??= new TraceMap(script.map);
    const original = originalPositionFor(traceMap, {
      line: line - script.outputHeaderLines,
      column: Math.max(0, column - 1),
    });
    if (original.line === null || original.column === null) return undefined;
    const userLine = original.line - script.inputHeaderLines;
    if (userLine < 1 || userLine > userLines) return undefined;
    return { line: userLine, column: original.column + 1 };
  };

  /** Rewrites a V8 stack; frames that do not map to the user's code are dropped. */
  const mapStack = (stack: string | undefined): MappedStack => {
    const frames: string[] = [];
    let top: SourcePosition | undefined;
    for (const line of (stack ?? '').split('\n')) {
      if (!FRAME_LINE.test(line) || !line.includes(USER_SCRIPT_FILENAME)) continue;
      let mappedAll = true;
      const rewritten = line.replace(GENERATED_POSITION, (_match, l: string, c: string) => {
        const position = mapPosition(Number(l), Number(c));
        if (!position) {
          mappedAll = false;
          return USER_SOURCE_NAME;
        }
        top ??= position;
        return `${USER_SOURCE_NAME}:${position.line}:${position.column}`;
      });
      if (mappedAll) frames.push(`    ${rewritten.trim().replace(/\buser_default\b/, 'default')}`);
    }
    const collapsed = collapseRepeats(frames);
    return top ? { frames: collapsed, top } : { frames: collapsed };
  };

  return { mapPosition, mapStack };
}

export type StackMapper = ReturnType<typeof createStackMapper>;

/** Deep recursion prints the same frame hundreds of times: say it once, with a count. */
function collapseRepeats(frames: string[]): string[] {
  const result: string[] = [];
  for (let index = 0; index < frames.length;) {
    let end = index + 1;
    while (end < frames.length && frames[end] === frames[index]) end++;
    const count = end - index;
    result.push(count > 2 ? `${frames[index]} [× ${count}]` : frames[index]!);
    if (count === 2) result.push(frames[index]!);
    index = end;
  }
  return result;
}
