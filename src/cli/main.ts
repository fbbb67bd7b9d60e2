// The entente command line: declares the commands and their flags with commander, then hands
// over to one module per command. Returns the exit code rather than exiting (testable).

import { Command, Option } from 'commander';
import { VERSION } from '../version.js';
import { EntenteError } from '../errors.js';
import { printError, processIo, type Io } from './output.js';

// Each command's module is loaded when the command runs: `--help` and `status` need not compile
// the record schema or load the crosswalks and vocabularies.

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a whole number, got "${value}"`);
  return n;
};

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code = 0;
  const program = new Command()
    .name('entente')
    .description('Harvest cultural-heritage metadata (OAI-PMH) into a shared SQLite catalogue.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();

  const dbOption = () => new Option('--db <file>', 'catalogue file (default: $ENTENTE_DB, else the config\'s "catalogue", else data/catalogue.sqlite)');
  const configOption = () => new Option('--config <file>', 'configuration file, read for its catalogue path when it exists').default('entente.config.json');

  program
    .command('harvest')
    .description('Harvest sources from the config (all, or those named) or one --url, into the catalogue.')
    .argument('[source...]', 'source ids from the config (default: every source)')
    .option('--config <file>', 'configuration file', 'entente.config.json')
    .addOption(dbOption())
    .option('--full', 'harvest everything, ignoring the incremental date and any checkpoint')
    .option('--json', 'print a machine-readable summary instead of a table')
    .option('--url <url>', 'harvest this OAI-PMH base URL without a config')
    .option('--id <id>', 'source id for --url (default: derived from the host)')
    .option('--format <prefix>', 'metadataPrefix for --url', 'oai_dc')
    .option('--set <setSpec>', 'set to harvest with --url (repeatable)', collect)
    .addOption(new Option('--workers <n>', 'page-parsing worker threads (0: parse on the main thread)').argParser(positiveInt))
    .option('--quiet', 'no progress output')
    .addHelpText(
      'after',
      `
Examples:
  entente harvest                           every source in entente.config.json
  entente harvest maps --full               one source, everything again
  entente harvest --url https://example.org/oai --set maps --set prints

Exit status: 0 when every source finished, 1 when one failed (reason printed), 2 for a usage or config error.
An interrupted harvest resumes from its last committed page on the next run.`,
    )
    .action(async (sources: string[], opts) => {
      code = await (await import('./harvest.js')).harvestCommand(sources, opts, io);
    });

  program
    .command('export')
    .description('Stream normalised records, one JSON object per line, to stdout.')
    .addOption(dbOption())
    .addOption(configOption())
    .option('--source <id>', 'only this source')
    .addOption(new Option('--format <format>', 'output format').choices(['ndjson']).default('ndjson'))
    .option('--include-deleted', 'also write tombstones of deleted records')
    .option('--issue <code>', 'only records with this issue code (see `entente status --issues`)')
    .action(async (opts) => {
      code = await (await import('./export.js')).exportCommand(opts, io);
    });

  program
    .command('status')
    .description('Show sources, their last runs and record counts.')
    .addOption(dbOption())
    .addOption(configOption())
    .option('--json', 'machine-readable output')
    .option('--issues', 'also count the issue codes of each source\'s records')
    .action(async (opts) => {
      code = (await import('./status.js')).statusCommand(opts, io);
    });

  program
    .command('renormalise')
    .description('Re-run the crosswalks over stored raw records (no network) and report what changed.')
    .argument('[source...]', 'source ids (default: every source in the catalogue)')
    .addOption(dbOption())
    .addOption(configOption())
    .option('--json', 'machine-readable output')
    .action(async (sources: string[], opts) => {
      code = (await import('./renormalise.js')).renormaliseCommand(sources, opts, io);
    });

  program
    .command('validate')
    .description('Normalise local XML files (a metadata record, an OAI <record>, or a whole OAI-PMH response) and show each record with its issues.')
    .argument('<file...>', 'XML files')
    .option('--format <prefix>', 'declared metadata format (default: from the response, else detected)')
    .option('--json', 'one JSON record per line (NDJSON)')
    .addHelpText('after', '\nExit status: 0 every record validates, 1 some record has error-level issues, 2 a file cannot be read or parsed.')
    .action(async (files: string[], opts) => {
      code = (await import('./validate.js')).validateCommand(files, opts, io);
    });

  program
    .command('demo')
    .description('Serve the bundled demo archives on 127.0.0.1 and harvest them (what `npm start` runs).')
    .addOption(dbOption())
    .option('--full', 'harvest everything again instead of incrementally')
    .option('--json', 'machine-readable summary')
    .addOption(new Option('--workers <n>', 'page-parsing worker threads').argParser(positiveInt))
    .action(async (opts) => {
      code = await (await import('./demo.js')).demoCommand(opts, io);
    });

  for (const [name, description] of [
    ['identify', 'Show what a repository says about itself (Identify).'],
    ['formats', 'List the metadata formats a repository offers (ListMetadataFormats).'],
    ['sets', 'List the sets of a repository (ListSets).'],
  ] as const) {
    program
      .command(name)
      .description(description)
      .argument('<url>', 'OAI-PMH base URL')
      .option('--json', 'JSON output')
      .option('--identifier <id>', 'formats of one record only (formats)')
      .action(async (url: string, opts) => {
        code = await (await import('./inspect.js')).inspectCommand(name, url, opts, io);
      });
  }
  program
    .command('record')
    .description('Fetch one record as the repository serves it (GetRecord).')
    .argument('<url>', 'OAI-PMH base URL')
    .argument('<identifier>', 'OAI identifier')
    .option('--format <prefix>', 'metadataPrefix', 'oai_dc')
    .option('--json', 'header, issues and payload as JSON')
    .action(async (url: string, identifier: string, opts) => {
      code = await (await import('./inspect.js')).inspectCommand('record', url, { ...opts, identifier }, io);
    });

  // New commands go above this line, each loading its module in its action.

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof EntenteError) {
      printError(io, err);
      return 2;
    }
    const e = err as { code?: string; exitCode?: number };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
    if (typeof e.exitCode === 'number') return e.exitCode === 0 ? 0 : 2;
    throw err;
  }
  return code;
}
