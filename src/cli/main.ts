// The `parallax` command: a thin shell over the library. Exit codes: 0 ok,
// 1 partial failure (some inputs rejected), 2 usage error.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { importCommands } from './archive.js';
import { serveCommands } from './serve.js';
import { eventCommands } from './events.js';
import { textCommands } from './text.js';
import { variantCommands } from './variants.js';
import { exportCommands } from './export.js';
import { publishCommands } from './publish.js';
import { watchCommands } from './watch.js';
import { copyCommands } from './copy.js';
import { ConfigError } from '../config.js';
import { CliError } from './common.js';
import { readFileSync } from 'node:fs';
import { projectFile } from '../paths.js';

// a reader that stops reading (| head) is not an error
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const program = new Command();
program
  .name('parallax')
  .description('Archive Chinese-language news from many outlets and compare how each told the same story.')
  .version((JSON.parse(readFileSync(projectFile('package.json'), 'utf8')) as { version: string }).version, '-V, --version', 'print the version')
  .option('--db <file>', 'database file (default: $PARALLAX_DB, else ./parallax.db)')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

importCommands(program);
textCommands(program);
variantCommands(program);
eventCommands(program);
serveCommands(program);
exportCommands(program);
publishCommands(program);
watchCommands(program);
copyCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') process.exit(0);
    process.exit(2);
  }
  if (e instanceof CliError || e instanceof InvalidArgumentError || e instanceof ConfigError) {
    process.stderr.write(`parallax: ${e.message}\n`);
    process.exit(e instanceof CliError ? e.exitCode : 2);
  }
  process.stderr.write(`parallax: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
