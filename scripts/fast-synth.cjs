// The fast path from a CDKTF TypeScript app to Terraform JSON, for the default app (scripts/app.cjs) and
// for any app that uses the package (`awsvpc-ecs synth-app <entry.ts>`, bin/awsvpc-ecs.js).
//
// 1. Bundle the entry and everything it imports (cdktf, constructs, the provider resource files it
//    uses, our constructs) into one CommonJS file with esbuild, with the patches of
//    scripts/cdktf-patches.mjs. One file loads much faster than hundreds of modules resolved one by one;
//    esbuild only transpiles (type checking is tsc's job).
// 2. Keep it: the bundle is rebuilt only when one of its inputs changed since the last build (a file
//    of the import graph: its size or modification time; an installed package of the graph: its
//    version, since npm gives every file of a package the same old modification time), or the patch set.
// 3. Run it in this same process (no second Node start-up), with V8's code cache next to it.
//
// CommonJS, not an ES module: an ES module entry costs Node's ES module loader, a tenth of a small synth.
'use strict';
const Module = require('node:module');
const vm = require('node:vm');
const fs = require('node:fs');
const path = require('node:path');

/** Files of the fast path itself: a change to one rebuilds every bundle. */
const OWN_FILES = [__filename, 'cdktf-patches.mjs'].map((f) => path.resolve(__dirname, f));

/** What decides which bundle is built: the patches left out, and whether the stack shortcut is off. */
function flavorOf({ omit = [], stockStackRender = false, external = [] }) {
  const parts = omit.includes('all') ? ['stock'] : [...new Set(omit)].sort().map((name) => `no-${name}`);
  if (stockStackRender) parts.push('stock-stack-render');
  if (external.length > 0)
    parts.push(
      `ext-${[...new Set(external)]
        .sort()
        .join('+')
        .replace(/[^A-Za-z0-9_+-]+/g, '_')}`,
    );
  return parts.join('.');
}

/** Where the bundle of `entry` (relative to `root`) and its records go, in `cacheDir`. */
function bundleFiles(root, entry, cacheDir, flavor) {
  const name = path
    .relative(root, path.resolve(root, entry))
    .replace(/\.[cm]?[jt]sx?$/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-');
  const outfile = path.join(cacheDir, flavor ? `${name}.${flavor}.js` : `${name}.js`);
  return { outfile, inputsFile: outfile.replace(/\.js$/, '.inputs.json'), cacheFile: `${outfile}.cache` };
}

/** The folder of the installed package a file belongs to (`.../node_modules/[@scope/]name`), if any. */
function packageDirOf(file) {
  const at = file.lastIndexOf(`node_modules${path.sep}`);
  if (at < 0) return undefined;
  const rest = file.slice(at + 'node_modules/'.length).split(path.sep);
  const parts = rest[0].startsWith('@') ? rest.slice(0, 2) : rest.slice(0, 1);
  return path.join(file.slice(0, at), 'node_modules', ...parts);
}

function versionOf(packageDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version ?? null;
  } catch {
    return null;
  }
}

function stamp(file) {
  try {
    const s = fs.statSync(file);
    return [s.mtimeMs, s.size];
  } catch {
    return null;
  }
}

/** What a build read, recorded so that the next run can tell whether anything changed. */
function recordInputs(root, files, flavor) {
  const stamps = {};
  const packages = {};
  for (const file of files) {
    stamps[path.relative(root, file)] = stamp(file);
    const dir = packageDirOf(file);
    if (dir !== undefined) packages[path.relative(root, dir)] ??= versionOf(dir);
  }
  return { flavor, node: process.versions.node, stamps, packages };
}

/** True when the bundle exists and nothing it was built from changed. */
function isFresh(root, files, flavor) {
  if (!fs.existsSync(files.outfile)) return false;
  let recorded;
  try {
    recorded = JSON.parse(fs.readFileSync(files.inputsFile, 'utf8'));
  } catch {
    return false;
  }
  if (recorded.flavor !== flavor) return false;
  for (const [file, was] of Object.entries(recorded.stamps)) {
    const now = stamp(path.resolve(root, file));
    if (now === null || was === null || now[0] !== was[0] || now[1] !== was[1]) return false;
  }
  for (const [dir, version] of Object.entries(recorded.packages)) {
    if (versionOf(path.resolve(root, dir)) !== version) return false;
  }
  return true;
}

/** Thrown when the entry does not build: one line per esbuild error, `file:line:column: error: text`. */
class EntryBuildError extends Error {
  constructor(lines) {
    super(lines.join('\n'));
    this.name = 'EntryBuildError';
    this.lines = lines;
  }
}

function describeBuildErrors(errors) {
  return errors.map((e) =>
    e.location
      ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: error: ${e.text}`
      : `error: ${e.text}`,
  );
}

async function build(root, entry, files, options, flavor) {
  // Only a build loads esbuild and the patches.
  const esbuild = require('esbuild');
  const { cdktfPatchesPlugin } = await import('./cdktf-patches.mjs');
  fs.mkdirSync(path.dirname(files.outfile), { recursive: true });
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      outfile: files.outfile,
      metafile: true,
      sourcemap: 'linked',
      logLevel: 'silent',
      legalComments: 'none',
      charset: 'ascii', // (esbuild's default) run() reads the bundle as latin1
      // Whitespace and syntax only: names stay, so stack traces and class names read as in the sources.
      minifyWhitespace: true,
      minifySyntax: true,
      // Graphviz (0.8 MB of JavaScript and WebAssembly) stays in node_modules: it is loaded by the
      // first picture, not parsed by every run.
      external: ['@hpcc-js/wasm-graphviz', ...(options.external ?? [])],
      // The bench's measure of AwsStack's render shortcut (modules/stacks/aws-stack.ts) turns it off here.
      define: options.stockStackRender ? { AWSVPC_STOCK_STACK_RENDER: 'true' } : {},
      plugins: [cdktfPatchesPlugin(options.omit ?? [])],
    });
  } catch (error) {
    if (Array.isArray(error?.errors) && error.errors.length > 0) {
      throw new EntryBuildError(describeBuildErrors(error.errors));
    }
    throw error;
  }
  fs.rmSync(files.cacheFile, { force: true });
  const inputs = Object.keys(result.metafile.inputs)
    .filter((f) => !f.startsWith('<') && !/^[a-z-]+:/.test(f))
    .map((f) => path.resolve(root, f));
  inputs.push(...OWN_FILES, ...(options.extraInputs ?? []).map((f) => path.resolve(root, f)));
  fs.writeFileSync(files.inputsFile, JSON.stringify(recordInputs(root, [...new Set(inputs)].sort(), flavor)));
}

/**
 * Runs a bundle as CommonJS, with V8's code cache: the first run after a build stores the compiled
 * code next to the bundle (`<bundle>.js.cache`), and later runs skip compiling its megabytes of JavaScript.
 */
function run(file, cacheFile) {
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
        // A read-only folder runs without a cache.
      }
    });
  }
  script.runInThisContext()(module.exports, requireFromBundle, module, file, path.dirname(file));
}

/**
 * Bundles `entry` (relative to `root`) into `cacheDir` unless its bundle is fresh, then runs it.
 * Options: `rebuild` (build even if fresh), `buildOnly` (do not run), `omit` (patch names to leave out;
 * `['all']`: every one),
 * `stockStackRender` (AwsStack renders as cdktf does), `extraInputs` (more files whose change rebuilds),
 * `external` (packages left to node_modules). Returns the bundle's path.
 */
async function fastSynth(root, entry, cacheDir, options = {}) {
  const flavor = flavorOf(options);
  const files = bundleFiles(root, entry, cacheDir, flavor);
  if (options.rebuild || !isFresh(root, files, flavor)) await build(root, entry, files, options, flavor);
  if (!options.buildOnly) run(files.outfile, files.cacheFile);
  return files.outfile;
}

/**
 * The bundle the environment asks for. AWSVPC_TOKEN_STACK_TRACES=1 keeps cdktf's token stack traces (for
 * debugging an unresolvable token); AWSVPC_BUNDLE_OMIT=<name,...> leaves those patches out, `all` every
 * one (cdktf as published: to check whether a problem comes from a patch, and what the bench compares);
 * AWSVPC_STOCK_STACK_RENDER=1 turns AwsStack's render shortcut off. Each combination is a bundle of its own.
 */
function bundleOptionsFromEnvironment(env = process.env) {
  const asked = (env.AWSVPC_BUNDLE_OMIT ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const omit = asked.includes('all') ? ['all'] : asked;
  if (env.AWSVPC_TOKEN_STACK_TRACES === '1' && !omit.includes('token-stack-traces')) omit.push('token-stack-traces');
  return { omit, stockStackRender: env.AWSVPC_STOCK_STACK_RENDER === '1' };
}

module.exports = { fastSynth, EntryBuildError, bundleOptionsFromEnvironment, bundleFiles, flavorOf };
