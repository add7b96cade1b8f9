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

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = process.env.AWSVPC_APP_ENTRY ?? 'main.ts';
const outName = path.basename(entry).replace(/\.ts$/, '');
const outfile = path.join(root, '.gen', `${outName}.js`);
const inputsFile = path.join(root, '.gen', `${outName}.inputs.json`);

function isFresh() {
  let built;
  try {
    built = fs.statSync(outfile).mtimeMs;
  } catch {
    return false;
  }
  let inputs;
  try {
    inputs = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
  } catch {
    return false;
  }
  for (const input of inputs) {
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
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('<'));
  inputs.push('package-lock.json');
  fs.writeFileSync(inputsFile, JSON.stringify(inputs.sort()));
}

if (process.argv.includes('--rebuild') || !isFresh()) {
  await bundle();
}
if (process.argv.includes('--build-only')) process.exit(0);

process.setSourceMapsEnabled(true); // stack traces point at the TypeScript sources
const require = createRequire(import.meta.url);
require(outfile);
