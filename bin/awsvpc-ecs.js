#!/usr/bin/env node
// The package's command line: `awsvpc-ecs <command> [args...]`. A small CommonJS launcher over the
// built library (dist/): it loads only the module of the command it runs, so it answers fast.
'use strict';

const path = require('node:path');

const USAGE = [
  'usage: awsvpc-ecs <command> [args...]',
  '',
  'commands:',
  '  capacity <instance-type...>   ENI facts and awsvpc task density of EC2 instance types',
  '  synth-app <entry.ts> [args]   run a CDKTF app through the fast path (cdktf.json: "app")',
  '',
  'options:',
  '  -h, --help      print this help',
  '  -v, --version   print the package version',
  '',
  'Run `awsvpc-ecs <command> --help` for the options of a command.',
];

/** Exit codes: 0 success, 1 the command failed, 2 usage error. */
const EXIT_USAGE = 2;

function loadBuilt(relative) {
  const file = path.join(__dirname, '..', 'dist', 'modules', relative);
  try {
    return require(file);
  } catch (e) {
    if (e && e.code === 'MODULE_NOT_FOUND' && String(e.message).includes(file)) {
      console.error(
        `awsvpc-ecs: ${path.relative(process.cwd(), file)} is missing; run \`npm run build\` first (a source checkout is not built).`,
      );
      process.exit(1);
    }
    throw e;
  }
}

function main(argv) {
  const [command, ...args] = argv;
  switch (command) {
    case 'capacity':
      return loadBuilt('capacity/cli.js').runCapacityCommand(args, console.log);
    case 'synth-app':
      return require('../scripts/synth-app-command.cjs').synthAppCommand(args);
    case '-h':
    case '--help':
    case 'help':
      USAGE.forEach((line) => console.log(line));
      return 0;
    case '-v':
    case '--version':
      console.log(require('../package.json').version);
      return 0;
    case undefined:
      USAGE.forEach((line) => console.error(line));
      return EXIT_USAGE;
    default:
      console.error(`awsvpc-ecs: unknown command ${JSON.stringify(command)}`);
      USAGE.forEach((line) => console.error(line));
      return EXIT_USAGE;
  }
}

const code = main(process.argv.slice(2));
// synth-app answers with a promise of its exit code (the app it runs may set one too).
if (typeof code === 'number') process.exitCode = code;
else
  code.then((c) => {
    if (c !== 0) process.exitCode = c;
  });
