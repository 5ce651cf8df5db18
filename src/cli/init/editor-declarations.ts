/**
 * The declarations an editor needs to type-check a script: the SDK (`confluence`, generated into
 * sdk-stubs/confluence.d.ts) and the other globals a script sees (`params`, `console`,
 * `progress`, sdk-stubs/globals.d.ts), in one file. The type-checker of the sandbox reads the
 * same two files, so an editor and a run agree on what a script may use.
 */
import { readFile } from 'node:fs/promises';

const SDK_DECLARATIONS = new URL('../../../sdk-stubs/confluence.d.ts', import.meta.url);
const GLOBAL_DECLARATIONS = new URL('../../../sdk-stubs/globals.d.ts', import.meta.url);

/**
 * @example
 * await writeFile('confluence.d.ts', await editorDeclarations());
 */
export async function editorDeclarations(): Promise<string> {
  const [sdk, globals] = await Promise.all([
    readFile(SDK_DECLARATIONS, 'utf8'),
    readFile(GLOBAL_DECLARATIONS, 'utf8'),
  ]);
  return `${sdk.trimEnd()}\n\n// The other globals of a script (sdk-stubs/globals.d.ts).\n\n${globals.trimEnd()}\n`;
}
