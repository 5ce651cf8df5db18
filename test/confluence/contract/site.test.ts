/**
 * The SDK contract suite against a real Confluence site, when one is configured
 * (CONFLUENCE_BASE_URL and credentials, read by src/config.ts); skipped otherwise. It creates a
 * scratch space and deletes it at the end, so the account needs the permission to create spaces.
 * The audit-log case runs only on the emulator: reading the audit log needs a site admin.
 */
import { describe, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createConfluenceClient } from '../../../src/confluence/http/client.ts';
import { runContractSuite } from './contract.case.ts';

const site = loadConfig().confluence;

if (site) {
  runContractSuite({
    backend: {
      name: 'site',
      admin: false,
      pending: {},
      client: createConfluenceClient({ baseUrl: site.baseUrl, auth: site.auth }),
    },
  });
} else {
  describe('SDK contract on a real site', () => {
    it.skip('set CONFLUENCE_BASE_URL and CONFLUENCE_EMAIL + CONFLUENCE_API_TOKEN (or CONFLUENCE_ACCESS_TOKEN) to run it', () => {});
  });
}
