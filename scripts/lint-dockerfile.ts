/**
 * `npm run lint` for the Dockerfile: dockerfile-utils, the validator behind the Docker language
 * server (hadolint is not on npm or Debian here; this runs offline from node_modules). Its own
 * CLI fails only on errors; here a warning (a deprecated instruction, a bad flag value) fails
 * too, so the Dockerfile stays clean.
 */
import { readFileSync } from 'node:fs';
import { validate } from 'dockerfile-utils';

const file = process.argv[2] ?? 'Dockerfile';
const text = readFileSync(file, 'utf8');
const diagnostics = validate(text);
for (const diagnostic of diagnostics) {
  const { line, character } = diagnostic.range.start;
  console.error(`${file}:${line + 1}:${character + 1}: ${diagnostic.message}`);
}
process.exit(diagnostics.length === 0 ? 0 : 1);
