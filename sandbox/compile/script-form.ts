/**
 * Which of the two forms a script is written in; shared by the compiler and the type-checker
 * (kept apart from compile.ts so the checker thread does not load esbuild).
 */
export type ScriptForm = 'statements' | 'module';

const MODULE_PATTERN =
  /^[ \t]*export\s+(default\b|async\b|function\b|const\b|let\b|var\b|class\b|\{|type\b|interface\b)/m;

/**
 * A line starting with `export` makes a module (`export default async function (params)`);
 * anything else is statements with top-level await and a final `return`.
 * @example detectForm('return 1'); // 'statements'
 */
export function detectForm(source: string): ScriptForm {
  return MODULE_PATTERN.test(source) ? 'module' : 'statements';
}
