/** `confluence-workbench doctor [--json]`: checks the site, the credential, the policy and storage. */
import type { Command } from 'commander';
import { type CommandContext, resolveConfig } from '../context.ts';
import { EXIT_OK, EXIT_SCRIPT_FAILED } from '../exit-codes.ts';
import { writeLine } from '../io.ts';
import type { DoctorReport } from '../doctor/checks.ts';

const GREEN = '\u001b[32m';
const RED = '\u001b[31m';
const RESET = '\u001b[0m';

export function registerDoctorCommand(program: Command, context: CommandContext): void {
  program
    .command('doctor')
    .summary('check the configured site, credentials, policy and storage')
    .description(
      'Check what runs will meet: that the configured Confluence site answers, who the credential signs in as, which spaces it sees, the rate-limit headers Confluence sends, the policy in force, and the data dir or database. With no site configured, the embedded emulator is checked. Credentials are never printed.',
    )
    .option('--json', 'print the report as one JSON document')
    .addHelpText(
      'after',
      `
Exit code 0 when every check passed, 1 when one failed (its line says why and what to set),
2 for a configuration that cannot be read.

Examples:
  $ confluence-workbench doctor
  $ confluence-workbench doctor --json | jq '.checks[] | select(.ok | not)'`,
    )
    .action(async (flags: { json?: boolean }) => {
      const config = resolveConfig(context);
      const { runDoctor } = await import('../doctor/checks.ts');
      const report = await runDoctor(config);
      if (flags.json) writeLine(context.io.stdout, JSON.stringify(report));
      else {
        const color = (context.io.stdout as { isTTY?: boolean }).isTTY === true;
        for (const line of renderReport(report, color)) writeLine(context.io.stdout, line);
      }
      context.exitCode = report.ok ? EXIT_OK : EXIT_SCRIPT_FAILED;
    });
}

/** One line per check, ✓ or ✗ (colored on a terminal), the fix under a failed one. */
function renderReport(report: DoctorReport, color: boolean): string[] {
  const paint = (code: string, text: string) => (color ? `${code}${text}${RESET}` : text);
  const target =
    report.target.kind === 'site'
      ? `Confluence site ${report.target.url}`
      : 'no site configured: checking the embedded emulator (demo data)';
  const lines = [target];
  for (const check of report.checks) {
    lines.push(`${check.ok ? paint(GREEN, '✓') : paint(RED, '✗')} ${check.message}`);
    if (check.fix) lines.push(`  fix: ${check.fix}`);
  }
  return lines;
}
