// The fast path from TypeScript sources to Terraform JSON.
//
// 1. Bundle main.ts and everything it imports (cdktf, constructs, the provider resource files it
//    uses) into one CommonJS file, .gen/main.js, with esbuild. One file loads much faster than
//    hundreds of modules resolved one by one, and esbuild only transpiles (type checking is `npm test`'s job).
//    The bundle is rebuilt only when one of its inputs changed since the last build.
// 2. Run the bundle in this same process (no second Node start-up).
//
// `npm run synth` and cdktf.json's "app" both run this file, so `cdktf synth|diff|deploy` take the same path.
import Module, { createRequire } from 'node:module';
import * as vm from 'node:vm';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cdktfPatches, patchFlavor } from './cdktf-patches.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.env.AWSVPC_APP_ENTRY ?? 'main.ts';
const outName = path.relative(root, path.resolve(root, entry)).replace(/\.ts$/, '').replace(/[^A-Za-z0-9_-]+/g, '-');
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
  const esbuild = await import('esbuild');
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

if (process.argv.includes('--rebuild') || !isFresh()) {
  await bundle();
}
if (process.argv.includes('--build-only')) process.exit(0);

run(outfile);

/**
 * Runs the bundle as CommonJS, with V8's code cache: the first run after a build stores the compiled
 * code next to the bundle (.gen/*.js.cache), and later runs skip compiling its 2 MB of JavaScript.
 */
function run(file) {
  const source = fs.readFileSync(file, 'utf8');
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
  const requireFromBundle = createRequire(file);
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
