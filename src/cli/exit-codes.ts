/**
 * The command's exit codes (DESIGN.md, "CLI"), and the error that means "bad usage": the one
 * place a command says the user, not the script, got something wrong.
 */

/** The command did what was asked (the script ran and returned). */
export const EXIT_OK = 0;
/** The script failed (an error envelope, or a replay that diverged). */
export const EXIT_SCRIPT_FAILED = 1;
/** Bad usage or configuration: unknown flag, bad value, missing file, ConfigError, unknown run. */
export const EXIT_USAGE = 2;

/**
 * Bad usage: printed as `confluence-workbench: <message>` and exit code 2.
 *
 * @example
 * throw new UsageError(`cannot read ${file}: no such file`);
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
