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
    .description('Harvest cultural-heritage metadata (OAI-PMH, IIIF, JSON APIs) into a shared, deduplicated SQLite catalogue; search it, serve it, check archives.')
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
    .option('--url <url>', 'harvest this URL without a config (an OAI-PMH base URL unless --protocol says otherwise)')
    .option('--id <id>', 'source id for --url (default: derived from the host)')
    .addOption(new Option('--protocol <protocol>', 'protocol of --url').choices(['oai-pmh', 'iiif-discovery', 'iiif-collection', 'json-pages']).default('oai-pmh'))
    .option('--format <prefix>', 'metadataPrefix for an OAI-PMH --url', 'oai_dc')
    .option('--set <setSpec>', 'set to harvest with an OAI-PMH --url (repeatable)', collect)
    .addOption(new Option('--records-via <verb>', 'OAI-PMH --url: GetRecord lists identifiers, then fetches each record alone (for repositories whose ListRecords breaks)').choices(['ListRecords', 'GetRecord']))
    .option('--pages <json>', 'json-pages --url: the paging settings as JSON (the config\'s "pages" object, see docs/json-harvesting.md)')
    .addOption(new Option('--workers <n>', 'page-parsing worker threads (0: parse on the main thread)').argParser(positiveInt))
    .option('--quiet', 'no progress output')
    .option('--no-dedupe', 'do not match the harvested records against the catalogue afterwards (run `entente dedupe` later)')
    .option('--record <identifier>', 'fetch only this OAI-PMH record (repeatable), with GetRecord, from one source; leaves its checkpoint and next incremental date alone', collect)
    .addHelpText(
      'after',
      `
Examples:
  entente harvest                           every source in entente.config.json
  entente harvest maps --full               one source, everything again
  entente harvest maps --record oai:maps:17 fetch one record again now (mended at the archive, say)
  entente harvest --url https://example.org/oai --set maps --set prints
  entente harvest --url https://example.org/oai --records-via GetRecord
  entente harvest --protocol iiif-discovery --url https://example.org/iiif/activity/all-changes
  entente harvest --protocol iiif-collection --url https://example.org/iiif/collection/top
  entente harvest --protocol json-pages --url 'https://example.org/api/items?per_page=100' \\
    --pages '{"items":"","id":"/o:id","next":{"type":"link-header"}}'

Exit status: 0 when every source finished, 1 when one failed (reason printed), 2 for a usage or config error.
An interrupted harvest resumes from its last committed page on the next run.`,
    )
    .action(async (sources: string[], opts) => {
      code = await (await import('./harvest.js')).harvestCommand(sources, opts, io);
    });

  program
    .command('export')
    .description('Stream records to stdout as NDJSON (the record model), CSV, JSON-LD (schema.org) or oai_dc XML, in constant memory.')
    .addOption(dbOption())
    .addOption(configOption())
    .option('--source <ids>', 'only these sources (comma-separated)')
    .addOption(new Option('--format <format>', 'output format').choices(['ndjson', 'csv', 'jsonld', 'oai_dc']).default('ndjson'))
    .option('--bom', 'start with a UTF-8 byte-order mark (spreadsheets opening CSV)')
    .option('--query <query>', 'only records matching this search query (as `entente search`)')
    .option('--type <types>', 'only these DCMI types, e.g. Text,StillImage')
    .option('--language <codes>', 'only these languages (ISO 639-3)')
    .option('--from <year>', 'year range overlapping from..to')
    .option('--to <year>', 'see --from')
    .option('--rights <classes>', 'open, restricted or unknown')
    .option('--include-deleted', 'also write tombstones of deleted records')
    .option('--issue <code>', 'only records with this issue code (see `entente status --issues`)')
    .addHelpText('after', `
Examples:
  entente export --source maps > maps.ndjson
  entente export --format csv --bom --type StillImage > images.csv
  entente export --format jsonld --query darwin --from 1850 --to 1899 > darwin.jsonld`)
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
    .description('Normalise local XML or JSON files (a metadata record, an OAI <record>, a whole OAI-PMH response, a IIIF manifest, a Linked Art object) and show each record with its issues.')
    .argument('<file...>', 'XML or JSON files')
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

  program
    .command('worker')
    .description('Run as a long-lived worker: harvest each source on its cron "schedule" (and "fullSchedule"), until SIGTERM/SIGINT.')
    .option('--config <file>', 'configuration file: the sources, their schedules and the "worker" settings', 'entente.config.json')
    .addOption(dbOption())
    .addOption(new Option('--metrics-port <n>', 'serve /metrics (Prometheus) and /healthz on this port (0: any free port)').argParser(positiveInt))
    .option('--metrics-host <host>', 'address for the metrics server', '127.0.0.1')
    .addOption(new Option('--concurrency <n>', 'harvests at once across sources (default: config worker.concurrency, else 4)').argParser(positiveInt))
    .addOption(new Option('--stop-timeout <seconds>', 'grace period on SIGTERM/SIGINT (default: config worker.stopTimeoutSeconds, else 30)').argParser(positiveInt))
    .addOption(new Option('--workers <n>', 'page-parsing worker threads shared by all harvests (0: parse on the main thread)').argParser(positiveInt))
    .addOption(new Option('--log-level <level>', 'least severe log level written').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'))
    .addOption(new Option('--log-format <format>', 'log lines as JSON or for people (default: pretty on a terminal, else JSON)').choices(['json', 'pretty']))
    .addHelpText(
      'after',
      `
Each source with a "schedule" (cron: five fields, or six with leading seconds; "timezone" optional)
is harvested incrementally when due; "fullSchedule" runs full harvests. At start, a source that
missed a slot runs once (catch-up) and an interrupted harvest resumes from its checkpoint.

Examples:
  entente worker                                  schedules from entente.config.json
  entente worker --metrics-port 9464              also serve /metrics and /healthz
  kill -HUP <pid>                                 reload the config (an invalid one is refused)
  kill -TERM <pid>                                stop after the current pages (twice: at once)

Exit status: 0 after a stop (harvests still running at --stop-timeout keep their committed pages),
2 for a configuration problem or another worker already running on the catalogue.
Logs are JSON lines on stderr (source and run on each), pretty on a terminal. See docs/worker.md.`,
    )
    .action(async (opts) => {
      code = await (await import('./worker.js')).workerCommand(opts, io);
    });

  program
    .command('runs')
    .description('Run history: per run the source, mode, trigger, start, end, counts, outcome and error; newest first.')
    .argument('[source]', 'only this source')
    .addOption(dbOption())
    .addOption(configOption())
    .addOption(new Option('--limit <n>', 'runs to show').argParser(positiveInt).default(20))
    .option('--skipped', 'list the scheduled runs that were skipped (their previous run was still going, or a manual harvest held the source) instead')
    .option('--json', 'machine-readable output')
    .action(async (source: string | undefined, opts) => {
      code = (await import('./status.js')).runsCommand(source, opts, io);
    });

  const filterOptions = (command: Command): Command =>
    command
      .option('--source <ids>', 'only these sources (comma-separated)')
      .option('--type <types>', 'only these DCMI types, e.g. Text,StillImage')
      .option('--language <codes>', 'only these languages (ISO 639-3), e.g. eng,fra')
      .option('--from <year>', 'year range overlapping from..to')
      .option('--to <year>', 'see --from')
      .option('--rights <classes>', 'open, restricted or unknown (comma-separated)');

  filterOptions(
    program
      .command('search')
      .description('Full-text search of the catalogue: words, "phrases", -exclude, field:value (title:, creator: or author:, subject:, alternative:, description:, publisher:, spatial: or place:), prefix*.')
      .argument('[query...]', 'what to look for (empty: every record passing the filters)'),
  )
    .addOption(dbOption())
    .addOption(configOption())
    .option('--with-media', 'only records with a media link (isShownBy)')
    .option('--without-media', 'only records without one')
    .option('--issues', 'only records with stored issues')
    .option('--records', 'one hit per record instead of one per cluster')
    .option('--facets', 'also count sources, types, languages, rights and decades, in the unit of the hits: clusters (each once per value any matching member has), or records with --records; makes the total exact')
    .option('--limit <n>', 'results per page (1-100)', '20')
    .option('--cursor <cursor>', 'the next page (printed under the results)')
    .option('--json', 'the whole result as JSON')
    .addHelpText(
      'after',
      `
Examples:
  entente search darwin letter
  entente search '"salted paper" -glasgow' --type StillImage --from 1850 --to 1899
  entente search creator:huxley --language eng --facets
  entente search photo* --rights open --json --limit 5

Past 10,000 hits the total is a lower bound, printed as "10000+ results" (exact with --facets).`,
    )
    .action(async (words: string[], opts) => {
      code = (await import('./search.js')).searchCommand(words, opts, io);
    });

  program
    .command('show')
    .description('Show one record (all fields, provenance, issues) or one cluster (merged view, members and why).')
    .argument('<id>', 'a record id (source:0123456789abcdef) or a cluster id')
    .addOption(dbOption())
    .addOption(configOption())
    .option('--cluster', 'show the cluster with this id rather than the record')
    .option('--json', 'JSON output')
    .addHelpText('after', '\nExit status: 0 shown, 1 no such record or cluster, 2 other errors.')
    .action(async (id: string, opts) => {
      code = (await import('./show.js')).showCommand(id, opts, io);
    });

  program
    .command('serve')
    .description('Serve the HTTP API (/api/...) and the web page (/) over the catalogue, read-only.')
    .addOption(dbOption())
    .addOption(configOption())
    .addOption(new Option('--port <n>', 'port').argParser(positiveInt).default(8080))
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--log', 'log every request (pino, JSON lines on stdout)')
    .addHelpText('after', '\nExamples:\n  entente serve                      http://127.0.0.1:8080/\n  entente serve --db big.sqlite --port 9000 --host 0.0.0.0')
    .action(async (opts) => {
      code = await (await import('./serve.js')).serveCommand(opts, io);
    });

  // Whether --schema and --no-schema were given (commander gives them one key: the last wins).
  let checkSchemaGiven = false;
  let checkNoSchemaGiven = false;
  program
    .command('check')
    .description('Check an endpoint: protocol conformance (OAI-PMH 2.0; JSON endpoints) and record quality, with what to fix.')
    .argument('[url]', 'OAI-PMH base URL, or a IIIF URL with --protocol (no config or catalogue needed)')
    .option('--source <id>', 'check a configured source instead (any protocol), and store the report in the catalogue')
    .addOption(new Option('--protocol <name>', 'protocol of the URL').choices(['oai-pmh', 'iiif-discovery', 'iiif-collection']).default('oai-pmh'))
    .addOption(configOption())
    .addOption(dbOption())
    .option('--format <prefix>', 'metadataPrefix whose records are sampled (repeatable; default: oai_dc, or the source\'s)', collect)
    .addOption(new Option('--sample <n>', 'records sampled per format').argParser(positiveInt).default(500))
    .option('--all', 'read every record instead of a sample')
    .option('--json', 'print the report as JSON (schemas/report.schema.json)')
    .option('--html <file>', 'also write a self-contained HTML report with charts')
    .addOption(new Option('--fail-on <level>', 'exit 1 on findings of this level or worse').choices(['error', 'warning']).default('error'))
    .option(
      '--schema <namespace=file>',
      'validate records of NAMESPACE against the local XML Schema FILE, offline (repeatable; overrides a bundled schema, and with --source the source\'s configured "schemas" for that namespace)',
      // Its own collector: --no-schema shares the `schema` key and may have set it to false.
      (value: string, previous: unknown) => {
        checkSchemaGiven = true;
        return [...(Array.isArray(previous) ? (previous as string[]) : []), value];
      },
    )
    .option('--no-schema', 'skip XML Schema validation of the records')
    .on('option:no-schema', () => {
      checkNoSchemaGiven = true;
    })
    .option('--quiet', 'no progress display')
    .addHelpText(
      'after',
      `
Examples:
  entente check https://example.org/oai
  entente check https://example.org/oai --format mods --sample 200 --html report.html
  entente check --source maps --json > maps-report.json
  entente check https://museum.example.org/iiif/activity/all-changes --protocol iiif-discovery
  entente check https://example.org/oai --fail-on warning     (in an archive's CI)
  entente check https://example.org/oai --format lido --schema http://www.lido-schema.org=schemas/lido-v1.1.xsd

XML Schemas: oai_dc, MARCXML and MODS 3.6 are bundled. --schema NAMESPACE=FILE supplies one for
any other format (or a newer MODS): FILE's includes are read from its folder (or below), remote
imports only from the bundle, another --schema, or a file of the same name beside FILE. Nothing is
ever fetched. A bad FILE is a usage error (exit 2) before any request.

Exit status: 0 no errors, 1 errors found (or warnings with --fail-on warning),
2 the endpoint could not be checked (unreachable, not OAI-PMH) or a usage error.
Checks, their ids and severities: docs/conformance.md.`,
    )
    .action(async (url: string | undefined, opts) => {
      if (checkSchemaGiven && checkNoSchemaGiven) {
        io.err('error: --schema and --no-schema contradict each other: give one of them\n');
        code = 2;
        return;
      }
      code = await (await import('./check.js')).checkCommand(url, opts, io);
    });

  program
    .command('dedupe')
    .description('Cluster records that describe the same thing: match what changed since the last run, or everything with --rebuild.')
    .addOption(dbOption())
    .addOption(configOption())
    .option('--rebuild', 'rebuild every cluster from scratch (hand splits are kept)')
    .option('--json', 'print the run\'s counts as JSON')
    .option('--quiet', 'no progress output')
    .addHelpText(
      'after',
      `
Examples:
  entente dedupe                 match the records harvested, changed or deleted since the last run
  entente dedupe --rebuild       start over (after an upgrade that changes matching, say)
  entente cluster ID             show a cluster and why each record is in it

New and changed records are queued by the catalogue itself; a run re-clusters only what they touch.
Thresholds and how matching works: docs/dedupe.md.`,
    )
    .action(async (opts) => {
      code = (await import('./dedupe.js')).dedupeCommand(opts, io);
    });

  program
    .command('cluster')
    .description('Show a cluster (merged view, members, the rule and score of each link), or split records out of one by hand.')
    .argument('<id>', 'a cluster id or a record id; or "split" followed by record ids')
    .argument('[records...]', 'with split: the records to keep apart from the rest of their cluster')
    .addOption(dbOption())
    .addOption(configOption())
    .option('--json', 'JSON output')
    .option('--note <text>', 'with split: why (stored with the decision)')
    .option('--undo', 'with split: remove earlier splits naming these records')
    .addHelpText(
      'after',
      `
Examples:
  entente cluster maps:0123456789abcdef            the cluster of this record (or with this id)
  entente cluster maps:0123456789abcdef --json     merged view with per-field provenance, members, links
  entente cluster split maps:0123456789abcdef --note "different edition"
  entente cluster split --undo maps:0123456789abcdef

A split is a stored decision: later incremental runs and --rebuild keep those records apart.`,
    )
    .action(async (id: string, records: string[], opts) => {
      const mod = await import('./cluster.js');
      code = id === 'split' ? mod.splitCluster(records, opts, io) : records.length ? 2 : mod.showCluster(id, opts, io);
      if (id !== 'split' && records.length) io.err('error: entente cluster takes one id (did you mean `entente cluster split ...`?)\n');
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
