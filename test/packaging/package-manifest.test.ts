/**
 * The package's manifest agrees with the source tree: every module folder is an entry point of the
 * package (a subpath in the exports map, a line of modules/index.ts, a page of the API docs), and
 * nothing else is. Cheap: reads files, builds nothing (test/packaging/pack.test.ts builds and packs).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const typedoc = JSON.parse(fs.readFileSync(path.join(root, 'typedoc.json'), 'utf8'));
const entrySource = fs.readFileSync(path.join(root, 'modules', 'index.ts'), 'utf8');

/** modules/<name>/ folders with an index.ts: the package's modules. */
const moduleNames = fs
  .readdirSync(path.join(root, 'modules'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, 'modules', d.name, 'index.ts')))
  .map((d) => d.name)
  .sort();

describe('the package manifest', () => {
  test('has the modules the design names', () => {
    expect(moduleNames).toEqual(
      expect.arrayContaining([
        'account',
        'capacity',
        'compute',
        'core',
        'diagram',
        'network',
        'policy',
        'security',
        'service',
      ]),
    );
  });

  test('points main and types at the built entry point', () => {
    expect(pkg.main).toBe('dist/modules/index.js');
    expect(pkg.types).toBe('dist/modules/index.d.ts');
    expect(pkg.exports['.']).toEqual({ types: './dist/modules/index.d.ts', default: './dist/modules/index.js' });
  });

  test('exports one subpath per module, types first, and package.json, and nothing else', () => {
    const subpaths = Object.keys(pkg.exports)
      .filter((k) => k !== '.' && k !== './package.json')
      .sort();
    expect(subpaths).toEqual(moduleNames.map((m) => `./${m}`));
    for (const m of moduleNames) {
      const target = pkg.exports[`./${m}`];
      // "types" must come first: TypeScript takes the first condition that matches.
      expect(Object.keys(target)).toEqual(['types', 'default']);
      expect(target).toEqual({ types: `./dist/modules/${m}/index.d.ts`, default: `./dist/modules/${m}/index.js` });
    }
    expect(pkg.exports['./package.json']).toBe('./package.json');
  });

  test('re-exports every module from modules/index.ts: core flat, the others as namespaces', () => {
    const lines = entrySource.split('\n').filter((l) => l.startsWith('export '));
    const expected = moduleNames.map((m) =>
      m === 'core' ? "export * from './core';" : `export * as ${m} from './${m}';`,
    );
    expect([...lines].sort()).toEqual([...expected].sort());
  });

  test('takes cdktf, constructs and the AWS provider as peers, and pins them exactly for its own tests', () => {
    // cdktf exactly: 0.21.0 is its final release, and AwsStack renders with its private fields (docs/adr/0003).
    const PEERS = { '@cdktf/provider-aws': '20.1.x || 21.x', cdktf: '0.21.0', constructs: '^10.4.2' };
    expect(pkg.peerDependencies).toEqual(PEERS);
    for (const name of Object.keys(PEERS)) {
      expect(pkg.dependencies[name]).toBeUndefined();
      expect(pkg.devDependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  test('installs no package at run time only for its types: the ECS API types are generated', () => {
    // esbuild: the fast path's bundler (awsvpc-ecs synth-app), pinned exactly (docs/packaging.md).
    expect(pkg.dependencies).toEqual({
      '@hpcc-js/wasm-graphviz': expect.stringMatching(/^\d+\.\d+\.\d+$/),
      esbuild: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      'ip-address': expect.stringMatching(/^\d+\.\d+\.\d+$/),
      zod: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
    expect(pkg.devDependencies['@aws-sdk/client-ecs']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.scripts['generate:ecs-types']).toBe('node scripts/run-ts.mjs scripts/generate-ecs-types.ts');
    expect(pkg.scripts.generate).toContain('npm run generate:ecs-types');
    const importsSdk = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
        const file = path.join(dir, d.name);
        if (d.isDirectory()) return importsSdk(file);
        return /from '@aws-sdk\//.test(fs.readFileSync(file, 'utf8')) ? [path.relative(root, file)] : [];
      });
    expect(importsSdk(path.join(root, 'modules'))).toEqual([]);
  });

  test('carries the Apache License 2.0 it declares, as published', () => {
    expect(pkg.license).toBe('Apache-2.0');
    const text = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8');
    // The text of https://www.apache.org/licenses/LICENSE-2.0.txt, byte for byte.
    expect(createHash('sha256').update(text).digest('hex')).toBe(
      'cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30',
    );
  });

  test('documents every module in the API docs', () => {
    expect([...typedoc.entryPoints].sort()).toEqual(moduleNames.map((m) => `modules/${m}/index.ts`));
    expect(typedoc.out).toBe('docs/api');
    expect(typedoc.treatWarningsAsErrors).toBe(true);
  });

  test('declares the awsvpc-ecs command', () => {
    expect(pkg.bin).toEqual({ 'awsvpc-ecs': 'bin/awsvpc-ecs.js' });
    const launcher = fs.readFileSync(path.join(root, 'bin', 'awsvpc-ecs.js'), 'utf8');
    expect(launcher.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  test('ships built files only, and builds before packing', () => {
    expect(pkg.files).toEqual([
      'dist/modules/**/*.js',
      'dist/modules/**/*.d.ts',
      'bin/',
      // The fast path (awsvpc-ecs synth-app) and the patches it bundles apps with.
      'scripts/fast-synth.cjs',
      'scripts/synth-app-command.cjs',
      'scripts/cdktf-patches.mjs',
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
    ]);
    expect(pkg.scripts.build).toBe('node scripts/build-package.mjs');
    expect(pkg.scripts.prepack).toBe('npm run build');
    expect(pkg.scripts['docs:api']).toBe('typedoc');
  });

  test('requires a Node.js that can require() the ESM-only Graphviz package', () => {
    // dist is CommonJS and loads @hpcc-js/wasm-graphviz (ESM only) with require(), unflagged since 20.19.
    expect(pkg.engines.node).toBe('>=20.19.0');
  });

  test('has a CHANGELOG entry for the version in package.json', () => {
    const changelog = fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(/^# Changelog\n/);
    expect(changelog).toContain(`## [${pkg.version}]`);
    expect(changelog).toContain('https://keepachangelog.com/en/1.1.0/');
    expect(changelog).toContain('https://semver.org/spec/v2.0.0.html');
  });
});
