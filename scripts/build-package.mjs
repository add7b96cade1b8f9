// `npm run build`: the package build. Empties dist/ (so a renamed or deleted source never leaves a
// stale file for `npm pack` to publish), compiles modules/** with tsconfig.build.json (CommonJS
// JavaScript + type declarations), then checks that every target of package.json's "main", "types",
// "bin" and "exports" exists. See docs/packaging.md.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });

const tsc = require.resolve('typescript/bin/tsc');
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('build: tsc -p tsconfig.build.json failed');
  process.exit(result.status ?? 1);
}

/** Every file path package.json points a consumer at. */
function targets(pkg) {
  const found = [pkg.main, pkg.types, ...Object.values(pkg.bin ?? {})];
  const walk = (value) => {
    if (typeof value === 'string') found.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(pkg.exports);
  return found.filter(Boolean);
}

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const missing = targets(pkg).filter((t) => !fs.existsSync(path.join(root, t)));
if (missing.length > 0) {
  console.error(`build: package.json points at files the build did not produce: ${missing.join(', ')}`);
  process.exit(1);
}
