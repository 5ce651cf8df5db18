/**
 * The URL of another module of this package, for code that starts one by path (a worker process,
 * a worker thread, the in-isolate runtime esbuild bundles) rather than importing it. A checkout
 * runs the TypeScript sources; an installed package runs the JavaScript that `npm run build`
 * emitted beside nothing else (Node refuses to strip types under node_modules), so the extension
 * follows the module asking: a `.js` caller gets the `.js` sibling.
 *
 * @example
 * const entry = siblingModule('../worker/worker-main.ts', import.meta.url);
 * fork(fileURLToPath(entry));
 */
export function siblingModule(specifier: string, from: string): URL {
  if (!specifier.endsWith('.ts')) throw new Error(`not a TypeScript module: ${specifier}`);
  const built = from.endsWith('.js');
  return new URL(built ? `${specifier.slice(0, -'.ts'.length)}.js` : specifier, from);
}
