import { loadConfig } from './src/config.ts';
import { createWorkbench, IN_MEMORY } from './src/workbench.ts';
const mode = process.argv[2];
const config = loadConfig({ WORKBENCH_DATA_DIR: '/tmp/agentm/data' } as NodeJS.ProcessEnv);
const t0 = performance.now();
const wb = await createWorkbench(config, { runsDatabase: IN_MEMORY, emulatorDatabase: IN_MEMORY });
console.log('create', Math.round(performance.now() - t0));
if (mode === 'ready') { const t = performance.now(); await wb.sandbox.ready(); console.log('ready', Math.round(performance.now() - t)); }
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const env = await wb.runs.execute({ code: `const s = await confluence.spaces.list({ keys: ['MKT'] }); return s.results.length + ${i};` }, { source: 'cli' } as never);
  console.log('run', i, Math.round(performance.now() - t), env.status, JSON.stringify(env.error ?? ''));
}
await wb.close();
