import { describe, expect, it } from 'vitest';
import { codeFrame } from '../../sandbox/compile/code-frame.ts';
import { compileScript } from '../../sandbox/compile/compile.ts';
import { detectForm } from '../../sandbox/compile/script-form.ts';
import { createStackMapper } from '../../sandbox/compile/source-map.ts';

async function compiled(source: string) {
  const outcome = await compileScript(source);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
  return outcome.script;
}

describe('compile', () => {
  it('detectForm: statements unless a line starts with export', () => {
    expect(detectForm('const x = 1;\nreturn x;')).toBe('statements');
    expect(detectForm('// export default is mentioned here\nreturn 1;')).toBe('statements');
    expect(detectForm('export default async function (params) {}')).toBe('module');
    expect(detectForm('const main = async () => 1;\nexport { main as default };')).toBe('module');
  });

  it('compileScript: statements become one async function expression, types erased', async () => {
    const script = await compiled('const x: number = await Promise.resolve(1);\nreturn x + 1;');
    expect(script.form).toBe('statements');
    expect(script.js.startsWith('(async () => {')).toBe(true);
    expect(script.js).not.toContain(': number');
  });

  it('compileScript: enums and other TypeScript-only syntax compile', async () => {
    const script = await compiled('enum Color { Red, Green }\nreturn Color.Green;');
    expect(script.js).toContain('Color');
  });

  it('compileScript: a syntax error reports the user line and a UTF-16 column', async () => {
    const outcome = await compileScript('const s = "héllo";\nconst é = "x"; const y = ;');
    expect(outcome).toMatchObject({
      ok: false,
      error: { phase: 'compile', code: 'SYNTAX_ERROR', line: 2, column: 26 },
    });
  });

  it('compileScript: an unclosed brace points inside the user code, not at the wrapper', async () => {
    const outcome = await compileScript('if (true) {\n  return 1;');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.line).toBeLessThanOrEqual(2);
  });

  it('compileScript: top-level await in a module form gets a hint', async () => {
    const outcome = await compileScript(
      'const x = await 1;\nexport default async function () { return x; }',
    );
    expect(outcome).toMatchObject({
      ok: false,
      error: {
        phase: 'compile',
        hint: expect.stringMatching(/inside the default-exported function/),
      },
    });
  });

  it('createStackMapper: generated frames map to the user lines and runtime frames are dropped', async () => {
    const script = await compiled('const a = 1;\nconst b: string = "x";\nthrow new Error(b + a);');
    const mapper = createStackMapper(script);
    const line = script.js.split('\n').findIndex((text) => text.includes('throw')) + 1;
    const column = script.js.split('\n')[line - 1]!.indexOf('throw') + 1;
    const mapped = mapper.mapStack(
      `Error: x1\n    at file:///sandbox/user.js:${line}:${column}\n    at execute (file:///sandbox/runtime.js:10:5)`,
    );
    expect(mapped).toEqual({ frames: ['    at user.ts:3:1'], top: { line: 3, column: 1 } });
  });

  it('codeFrame: marks the line and the column', () => {
    expect(codeFrame('one\ntwo\nthree\nfour', 3, 2)).toBe(
      ['  1 | one', '  2 | two', '> 3 | three', '    |  ^', '  4 | four'].join('\n'),
    );
    expect(codeFrame('one', 5, 1)).toBe('');
  });
});
