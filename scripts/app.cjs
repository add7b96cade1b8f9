// The fast path from TypeScript sources to Terraform JSON.
//
// 1. Bundle main.ts and everything it imports (cdktf, constructs, the provider resource files it
//    uses) into one CommonJS file, .gen/main.js, with esbuild. One file loads much faster than
//    hundreds of modules resolved one by one, and esbuild only transpiles (type checking is `npm test`'s job).
//    The bundle is rebuilt only when one of its inputs changed since the last build.
// 2. Run the bundle in this same process (no second Node start-up).
//
// `npm run synth` and cdktf.json's "app" both run this file, so `cdktf synth|diff|deploy` take the same path.
//
// CommonJS, not an ES module: an ES module entry costs Node's ES module loader, a tenth of a small synth.
'use strict';
const Module = require('node:module');
const vm = require('node:vm');
const fs = require('node:fs');
const path = require('node:path');

/** What, besides its inputs, the bundle depends on (a change rebuilds it): whether tokens keep stack traces. */
function patchFlavor() {
  return process.env.AWSVPC_TOKEN_STACK_TRACES === '1' ? 'token-stack-traces' : 'default';
}

const root = path.resolve(__dirname, '..');
const entry = process.env.AWSVPC_APP_ENTRY ?? 'main.ts';
const outName = path
  .relative(root, path.resolve(root, entry))
  .replace(/\.ts$/, '')
  .replace(/[^A-Za-z0-9_-]+/g, '-');
const outfile = path.join(root, '.gen', `${outName}.js`);
const inputsFile = path.join(root, '.gen', `${outName}.inputs.json`);
const cacheFile = `${outfile}.cache`;

function isFresh() {
  let built;
  try {
    built = fs.statSync(outfile).mtimeMs;
  } catch {
    return false;
  }
  let recorded;
  try {
    recorded = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
  } catch {
    return false;
  }
  if (recorded.flavor !== patchFlavor()) return false;
  for (const input of recorded.inputs) {
    try {
      if (fs.statSync(path.join(root, input)).mtimeMs > built) return false;
    } catch {
      return false; // an input was deleted or moved
    }
  }
  return true;
}

async function bundle() {
  // Only a build loads esbuild and the patches.
  const esbuild = await import('esbuild');
  const { cdktfPatches } = await import('./cdktf-patches.mjs');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    metafile: true,
    sourcemap: 'linked',
    logLevel: 'error',
    legalComments: 'none',
    charset: 'ascii', // (esbuild's default) run() reads the bundle as latin1
    // Whitespace and syntax only: names stay, so stack traces and class names read as in the sources.
    minifyWhitespace: true,
    minifySyntax: true,
    // Graphviz (0.8 MB of JavaScript and WebAssembly) stays in node_modules: it is loaded by the
    // first picture, not parsed by every run (`--synth-only` and cdktf synth draw none).
    external: ['@hpcc-js/wasm-graphviz'],
    plugins: [cdktfPatches],
  });
  fs.rmSync(cacheFile, { force: true });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('<') && !f.includes(':'));
  inputs.push('package-lock.json', 'scripts/cdktf-patches.mjs', 'scripts/patches/stable-stringify.cjs');
  fs.writeFileSync(inputsFile, JSON.stringify({ flavor: patchFlavor(), inputs: inputs.sort() }));
}

async function main() {
  if (process.argv.includes('--rebuild') || !isFresh()) {
    await bundle();
  }
  if (process.argv.includes('--build-only')) return;
  run(outfile);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * Runs the bundle as CommonJS, with V8's code cache: the first run after a build stores the compiled
 * code next to the bundle (.gen/*.js.cache), and later runs skip compiling its 2 MB of JavaScript.
 */
function run(file) {
  // esbuild writes ASCII only (non-ASCII characters escaped), so latin1 reads it exactly, and faster.
  const source = fs.readFileSync(file, 'latin1');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = new Module(file, undefined);
  module.filename = file;
  module.paths = Module._nodeModulePaths(path.dirname(file));
  const requireFromBundle = Module.createRequire(file);
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the run, so that the functions the synth compiled are in the cache too.
    process.once('exit', () => {
      try {
        fs.writeFileSync(cacheFile, script.createCachedData());
      } catch {
        // A read-only checkout runs without a cache.
      }
    });
  }
  script.runInThisContext()(module.exports, requireFromBundle, module, file, path.dirname(file));
}
