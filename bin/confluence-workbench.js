#!/usr/bin/env node
// Entry point of the confluence-workbench command. Plain JavaScript that any Node parses, so an
// old runtime gets one line saying what to install instead of a syntax or loader error:
// isolated-vm 7 needs Node 24, and so does running the TypeScript sources (type stripping).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// A checkout has the sources and runs them directly; the installed package has only the
// JavaScript that `npm run build` put in dist/ (Node does not strip types under node_modules).
const source = new URL('../src/cli/main.ts', import.meta.url);
const checkout = existsSync(fileURLToPath(source));

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `confluence-workbench needs Node.js 24 or later, and this is Node.js ${process.version}: ` +
      (checkout
        ? 'from a checkout, run it through npm scripts or npx, which use the Node.js 24 that `npm ci` put in node_modules/.bin.'
        : 'install Node.js 24 LTS (https://nodejs.org/) and put it first on PATH.'),
  );
  process.exit(2);
}
await import(checkout ? source.href : new URL('../dist/src/cli/main.js', import.meta.url).href);
