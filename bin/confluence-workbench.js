#!/usr/bin/env node
// Entry point of the confluence-workbench command. The sources are TypeScript run directly by
// Node 24's type stripping; isolated-vm 7 needs Node 24 too, so refuse older runtimes clearly.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `confluence-workbench needs Node.js 24 or later (this is ${process.version}). ` +
      'From a checkout, run it through npm scripts or npx, which use the Node 24 pinned in node_modules.',
  );
  process.exit(2);
}
await import('../src/cli/main.ts');
