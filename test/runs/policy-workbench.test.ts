/**
 * The policy through the whole workbench: values checked at start (unknown operation names and
 * space keys are configuration errors, exit 2 from the CLI), items withheld said in the run
 * envelope, its MCP schema and both text renderings, and a read-only hint that suggests no dry
 * run (dry-run writes are refused too). Real sandbox workers, the embedded emulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEnvelope as renderForTerminal } from '../../src/cli/render-envelope.ts';
import { ConfigError, loadConfig, type PolicyConfig } from '../../src/config.ts';
import { runEnvelopeSchema } from '../../src/server/mcp/envelope-schema.ts';
import { renderEnvelope as renderForModel } from '../../src/server/mcp/render-envelope.ts';
import { createWorkbench, type Workbench } from '../../src/workbench.ts';
import { createCliEnvironment, runCommand } from '../cli/cli-process.ts';

const OPTIONS = {
  runsDatabase: ':memory:',
  emulatorDatabase: ':memory:',
  sandbox: { workers: 1 },
} as const;

function workbenchWith(policy: Partial<PolicyConfig>, env: Record<string, string> = {}) {
  const config = loadConfig({ WORKBENCH_DATA_DIR: '/nonexistent', ...env });
  return createWorkbench({ ...config, policy: { ...config.policy, ...policy } }, OPTIONS);
}

describe('policy values are checked when the workbench starts', () => {
  it('an unknown operation name is a ConfigError naming the nearest real one', async () => {
    const started = workbenchWith({ allowedOperations: ['pages.gett', 'search.*'] });
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(
      'WORKBENCH_ALLOWED_OPERATIONS: "pages.gett" is not an operation (did you mean "pages.get"?)',
    );
    await expect(workbenchWith({ allowedOperations: ['pagez.*'] })).rejects.toThrow(
      'did you mean "pages.*"?',
    );
  });

  it('an unknown space key is a ConfigError; keys compare without case', async () => {
    await expect(workbenchWith({ allowedSpaces: ['MKT', 'NOPE'] })).rejects.toThrow(
      'WORKBENCH_ALLOWED_SPACES: the site has no space with the key "NOPE"',
    );
    const workbench = await workbenchWith({ allowedSpaces: ['mkt'] });
    await workbench.close();
  });

  it('CLI: a misspelt operation exits 2 with the sentence, before any run', async () => {
    const environment = createCliEnvironment();
    try {
      const outcome = await runCommand(['run', '-'], {
        env: { ...environment.env, WORKBENCH_ALLOWED_OPERATIONS: 'pages.get,serch.cql' },
        input: 'return 1;',
      });
      expect(outcome.code).toBe(2);
      expect(outcome.stderr).toContain(
        '"serch.cql" is not an operation (did you mean "search.cql"?)',
      );
      expect(outcome.stderr).not.toContain('internal error');
    } finally {
      environment.remove();
    }
  });
});

describe('the envelope says what the policy withheld', () => {
  let workbench: Workbench;
  beforeAll(async () => {
    workbench = await workbenchWith({ allowedSpaces: ['eng'] });
  });
  afterAll(() => workbench.close());

  it('attachments.list under ENG only: MKT files are withheld, counted and said in every form', async () => {
    const envelope = await workbench.runs.execute({
      code: 'const files = await confluence.attachments.list(); return files.results.length;',
    });
    expect(envelope).toMatchObject({
      status: 'ok',
      result: 0,
      withheld: { count: 2, reason: 'outside the allowed spaces (eng)' },
    });
    expect(runEnvelopeSchema.parse(envelope).withheld).toEqual(envelope.withheld);
    expect(renderForModel(envelope)).toContain(
      "withheld: 2 items outside the allowed spaces (eng), by the workbench's policy.",
    );
    expect(renderForTerminal(envelope).stderr).toContain(
      '  withheld 2 item(s) outside the allowed spaces (eng)',
    );
  });

  it('a run with nothing withheld has no withheld field', async () => {
    const envelope = await workbench.runs.execute({
      code: 'return (await confluence.search.cql("space = MKT OR space = ENG")).totalSize;',
    });
    expect(envelope.status).toBe('ok');
    expect(envelope).not.toHaveProperty('withheld');
  });
});

describe('read-only', () => {
  it('the refusal hint does not suggest a dry run, which is refused too', async () => {
    const workbench = await workbenchWith({ readOnly: true });
    try {
      const code =
        "await confluence.pages.create({ spaceId: 'MKT', title: 'x', body: { markdown: 'y' } }); return 1;";
      for (const dryRun of [false, true]) {
        const envelope = await workbench.runs.execute({ code, dryRun });
        expect(envelope.error).toMatchObject({ phase: 'policy', code: 'POLICY_READ_ONLY' });
        expect(envelope.error!.hint).toContain('read-only');
        expect(envelope.error!.hint).not.toMatch(/dryRun|dry-run: ?true|Run with dry/i);
      }
    } finally {
      await workbench.close();
    }
  });
});

describe('writes per run', () => {
  it('the cap says to run again for the rest (the writes stand), not "do not retry"', async () => {
    const workbench = await workbenchWith({ maxWritesPerRun: 2 });
    try {
      const code = `const { results } = await confluence.search.cql.all('type = page AND space = MKT AND label = "marketing"');
for (const hit of results) await confluence.labels.add(hit.content!.id, ['cap-test']);
return results.length;`;
      const envelope = await workbench.runs.execute({ code });
      expect(envelope.error).toMatchObject({ phase: 'policy', code: 'POLICY_MAX_WRITES' });
      expect(envelope.error!.hint).toContain('Run again for the items not yet done');
      expect(envelope.error!.hint).not.toContain('do not retry');
      const model = renderForModel(envelope);
      expect(model).toContain('Call run_code again for the items not yet done');
      expect(model).not.toContain('forbids that operation');
      // Run again: the query now matches only what is left, and the rest is done.
      const rerun = await workbench.runs.execute({
        code: code.replace("'type", '\'type = page AND label != "cap-test" AND type'),
      });
      expect(rerun.status).toBe('ok');
      expect(rerun.result).toBe(1);
    } finally {
      await workbench.close();
    }
  });
});
