/** A configuration that cannot work; the CLI reports it and exits with code 2. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
