/**
 * The confluence-workbench command. Subcommands are added by the service issue; until then this
 * prints its usage.
 */
console.log('confluence-workbench: the CLI is being built; see README.md');
