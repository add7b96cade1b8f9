// The default app's fast path: bundles main.ts (or $AWSVPC_APP_ENTRY) with esbuild into .gen/, with the
// patches of scripts/cdktf-patches.mjs, rebuilds the bundle only when one of its inputs changed, and runs it
// in this process (scripts/fast-synth.cjs, which `awsvpc-ecs synth-app` runs for any app too).
//
// `npm run synth` and cdktf.json's "app" both run this file, so `cdktf synth|diff|deploy` take the same path.
//   --rebuild      build the bundle even if it is fresh
//   --build-only   build (if needed), do not run
// Any other argument is the app's (main.ts reads --synth-only and --strict). The environment variables of
// bundleOptionsFromEnvironment (AWSVPC_TOKEN_STACK_TRACES, AWSVPC_BUNDLE_OMIT, AWSVPC_STOCK_STACK_RENDER)
// choose the bundle.
'use strict';
const path = require('node:path');
const { fastSynth, bundleOptionsFromEnvironment, EntryBuildError } = require('./fast-synth.cjs');

const root = path.resolve(__dirname, '..');

async function main() {
  const options = bundleOptionsFromEnvironment();
  await fastSynth(root, process.env.AWSVPC_APP_ENTRY ?? 'main.ts', path.join(root, '.gen'), {
    ...options,
    rebuild: process.argv.includes('--rebuild'),
    buildOnly: process.argv.includes('--build-only'),
    extraInputs: ['package-lock.json'],
  });
}

main().catch((error) => {
  if (error instanceof EntryBuildError) error.lines.forEach((line) => console.error(line));
  else console.error(error);
  process.exitCode = 1;
});
