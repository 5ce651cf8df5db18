/**
 * This package's own package.json, found by walking up from this module: the checkout runs it as
 * src/cli/package-manifest.ts and an installed package as dist/src/cli/package-manifest.js, one
 * level deeper, so a fixed relative path would fit only one of them.
 */
import { existsSync, readFileSync } from 'node:fs';

export interface PackageManifest {
  name: string;
  version: string;
}

const PACKAGE_NAME = 'confluence-workbench';

/**
 * @example packageManifest().version // '0.1.0'
 */
export function packageManifest(from: string = import.meta.url): PackageManifest {
  for (let directory = new URL('./', from); ; directory = new URL('../', directory)) {
    const candidate = new URL('package.json', directory);
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as PackageManifest;
      if (manifest.name === PACKAGE_NAME) return manifest;
    }
    if (directory.pathname === '/') break;
  }
  throw new Error(`the package.json of ${PACKAGE_NAME} was not found above ${from}`);
}
