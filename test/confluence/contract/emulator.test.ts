/**
 * The SDK contract suite against the embedded emulator, in process: the SDK's `fetch` is the
 * emulator's `app.fetch`, so the whole client (auth, limiter, retries, error mapping) runs, with
 * no socket.
 */
import { createConfluenceClient } from '../../../src/confluence/http/client.ts';
import { createEmulator } from '../../../src/emulator/index.ts';
import { runContractSuite } from './contract.case.ts';

const DEMO_EMAIL = 'demo@example.com';
const DEMO_TOKEN = 'demo-token';

/** Operations the emulator does not serve yet, and what is missing (reported to the lead). */
export const EMULATOR_PENDING: Record<string, string> = {};

const emulator = createEmulator({ seed: 'demo' });

runContractSuite({
  backend: {
    name: 'emulator',
    admin: true,
    pending: EMULATOR_PENDING,
    client: createConfluenceClient({
      baseUrl: 'http://emulator.local',
      auth: { kind: 'basic', email: DEMO_EMAIL, apiToken: DEMO_TOKEN },
      fetch: (input, init) => Promise.resolve(emulator.app.fetch(new Request(input, init))),
      limits: { requestsPerInterval: Infinity },
    }),
  },
  close: () => emulator.close(),
});
