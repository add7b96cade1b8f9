// Runs a TypeScript script of this repo (a generator, the bench) without a TypeScript runtime:
// esbuild bundles it to a temporary CommonJS file, which Node then runs with the remaining arguments.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [script, ...args] = process.argv.slice(2);
if (!script) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args...]');
  process.exit(2);
}
const esbuild = await import('esbuild');
// Inside the repo, so that the bundle's require() calls resolve against node_modules.
fs.mkdirSync(path.join(root, '.gen'), { recursive: true });
const dir = fs.mkdtempSync(path.join(root, '.gen', 'run-'));
const outfile = path.join(dir, 'script.js');
await esbuild.build({
  absWorkingDir: root,
  entryPoints: [script],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile,
  logLevel: 'error',
  packages: 'external',
  sourcemap: 'inline',
});
process.setSourceMapsEnabled(true);
process.argv = [process.argv[0], path.resolve(root, script), ...args];
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
createRequire(outfile)(outfile);
