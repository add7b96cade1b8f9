// `awsvpc-ecs synth-app [--rebuild] [--build-only] <entry.ts> [app arguments...]`: runs a CDKTF
// TypeScript app through the fast path (scripts/fast-synth.cjs), for cdktf.json's "app" line:
//
//   "app": "npx awsvpc-ecs synth-app main.ts"
//
// The bundle and its records go to node_modules/.cache/awsvpc-ecs/ of the current folder (the project:
// where cdktf.json is). The app sees the entry as process.argv[1] and its own arguments after it, as
// under `ts-node main.ts` or `node main.js`. Exit codes: the app's; 1 when the entry does not build
// (one line per error: file:line:column: error: text); 2 a usage error.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { fastSynth, bundleOptionsFromEnvironment, EntryBuildError } = require('./fast-synth.cjs');

const USAGE = [
  'usage: awsvpc-ecs synth-app [--rebuild] [--build-only] [--external <package>]... <entry.ts> [app arguments...]',
  '',
  'Bundles the app (entry and imports) with esbuild, with the patches that make cdktf synthesize faster,',
  'caches the bundle in node_modules/.cache/awsvpc-ecs/ (rebuilt only when an input changed) and runs it.',
  'Put it in cdktf.json: "app": "npx awsvpc-ecs synth-app main.ts". Type-check with tsc --noEmit.',
  '',
  '  --rebuild      build the bundle even if nothing changed',
  '  --build-only   build the bundle (if needed), do not run the app',
  '  --external <package>   leave a package out of the bundle (loaded from node_modules at run time)',
];
const EXIT_USAGE = 2;
const PREFIX = 'awsvpc-ecs synth-app:';

/** Parses the command line; returns the exit code (a promise: the app runs after the bundle is built). */
async function synthAppCommand(args) {
  const options = { rebuild: false, buildOnly: false, external: [] };
  let i = 0;
  for (; i < args.length && args[i].startsWith('-'); i++) {
    if (args[i] === '--rebuild') options.rebuild = true;
    else if (args[i] === '--build-only') options.buildOnly = true;
    else if (args[i] === '--external' && args[i + 1] !== undefined && !args[i + 1].startsWith('-')) {
      options.external.push(args[++i]);
    } else if (args[i] === '-h' || args[i] === '--help') {
      USAGE.forEach((line) => console.log(line));
      return 0;
    } else {
      console.error(`${PREFIX} unknown option ${JSON.stringify(args[i])} (options go before the entry file)`);
      USAGE.forEach((line) => console.error(line));
      return EXIT_USAGE;
    }
  }
  const entry = args[i];
  if (entry === undefined) {
    console.error(`${PREFIX} no entry file (the app's main.ts)`);
    USAGE.forEach((line) => console.error(line));
    return EXIT_USAGE;
  }
  const root = process.cwd();
  const file = path.resolve(root, entry);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    console.error(`${PREFIX} ${entry}: no such file (the entry is read relative to ${root})`);
    return 1;
  }
  // The app sees what `node main.js [args]` would show it.
  process.argv = [process.argv[0], file, ...args.slice(i + 1)];
  try {
    await fastSynth(root, path.relative(root, file), path.join(root, 'node_modules', '.cache', 'awsvpc-ecs'), {
      ...bundleOptionsFromEnvironment(),
      ...options,
    });
  } catch (error) {
    if (error instanceof EntryBuildError) {
      error.lines.forEach((line) => console.error(`${PREFIX} ${line}`));
      return 1;
    }
    // The app's own error, as Node prints an uncaught one (a ValidationError's stack is its message).
    process.setSourceMapsEnabled(true);
    console.error(error instanceof Error && error.stack ? error.stack : error);
    return 1;
  }
  return 0;
}

module.exports = { synthAppCommand };
