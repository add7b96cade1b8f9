// The fast path from TypeScript sources to Terraform JSON.
//
// 1. Bundle main.ts and everything it imports (cdktf, constructs, the provider resource files it
//    uses) into one CommonJS file, .gen/main.js, with esbuild. One file loads much faster than
//    hundreds of modules resolved one by one, and esbuild only transpiles (type checking is `npm test`'s job).
//    The bundle is rebuilt only when one of its inputs changed since the last build.
// 2. Run the bundle in this same process (no second Node start-up).
//
// `npm run synth` and cdktf.json's "app" both run this file, so `cdktf synth|diff|deploy` take the same path.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cdktfPatches, patchFlavor } from './cdktf-patches.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.env.AWSVPC_APP_ENTRY ?? 'main.ts';
const outName = path.relative(root, path.resolve(root, entry)).replace(/\.ts$/, '').replace(/[^A-Za-z0-9_-]+/g, '-');
const outfile = path.join(root, '.gen', `${outName}.js`);
const inputsFile = path.join(root, '.gen', `${outName}.inputs.json`);

/** What, besides the inputs, the bundle depends on. */
function flavor() {
  return patchFlavor();
}

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
  if (recorded.flavor !== flavor()) return false;
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
    plugins: [cdktfPatches],
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('<'));
  inputs.push('package-lock.json', 'scripts/cdktf-patches.mjs');
  fs.writeFileSync(inputsFile, JSON.stringify({ flavor: flavor(), inputs: inputs.sort() }));
}

if (process.argv.includes('--rebuild') || !isFresh()) {
  await bundle();
}
if (process.argv.includes('--build-only')) process.exit(0);

const require = createRequire(import.meta.url);
require(outfile);
