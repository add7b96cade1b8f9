// The second provider line: compiles, synthesizes and schema-checks the library, the default app and every
// example against @cdktf/provider-aws 21.x (AWS provider 6), and installs the packed package into a fresh
// project on 21.x to prove it brings no second copy of the bindings.
//
//   npm run test:provider-aws-21            (part of `npm run test:all`, which .ci/run calls)
//   KEEP_SCRATCH=1 npm run test:provider-aws-21   keep the scratch folder for a look
//
// Nothing here touches the project's node_modules or lockfile. The 21.x bindings come from the sibling
// lockfile compat/provider-aws-21/package-lock.json, installed into a scratch folder (from the npm cache
// when it has them), next to a copy of the repository's tracked sources whose node_modules links every
// package of the project's install except @cdktf/provider-aws. The AWS provider 6 binary is not available
// offline, so instead of `terraform validate` every synthesized cdk.tf.json is checked against the schema
// the 21.x bindings declare (scripts/provider-schema/schema.ts). See docs/providers.md.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-aws21-'));
const started = Date.now();
const rows = [];
let failed = false;

function step(name, fn) {
  const t = Date.now();
  let detail;
  try {
    detail = fn();
    rows.push([name, 'ok', detail ?? '', `${((Date.now() - t) / 1000).toFixed(1)} s`]);
  } catch (e) {
    failed = true;
    rows.push([name, 'FAILED', String(e.message ?? e).split('\n')[0], `${((Date.now() - t) / 1000).toFixed(1)} s`]);
    console.error(`\n${name} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}${e.message ?? e}\n`);
  }
}

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    ...opts,
  });
}

const npmQuiet = ['--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'];
const deps = path.join(scratch, 'deps');
const project = path.join(scratch, 'project');
const bindings = path.join(deps, 'node_modules', '@cdktf', 'provider-aws');

step('install @cdktf/provider-aws 21.x (compat/provider-aws-21)', () => {
  fs.mkdirSync(deps);
  for (const f of ['package.json', 'package-lock.json'])
    fs.copyFileSync(path.join(root, 'compat', 'provider-aws-21', f), path.join(deps, f));
  // Peers (cdktf, constructs) stay the project's own copies: --legacy-peer-deps installs the bindings alone.
  run('npm', ['ci', '--legacy-peer-deps', ...npmQuiet], { cwd: deps });
  return JSON.parse(fs.readFileSync(path.join(bindings, 'package.json'), 'utf8')).version;
});

step("scratch copy of the sources, linked to the project's packages", () => {
  const files = run(
    'git',
    [
      'ls-files',
      '-z',
      'main.ts',
      'modules',
      'examples',
      'scripts',
      'tsconfig.json',
      'package.json',
      'cdktf.json',
      'awsvpc.config.schema.json',
    ],
    { cwd: root },
  )
    .split('\0')
    .filter(Boolean);
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(project, f)), { recursive: true });
    fs.copyFileSync(path.join(root, f), path.join(project, f));
  }
  const modules = path.join(project, 'node_modules');
  fs.mkdirSync(path.join(modules, '@cdktf'), { recursive: true });
  const own = path.join(root, 'node_modules');
  for (const name of fs.readdirSync(own)) {
    if (name === '@cdktf') continue;
    fs.symlinkSync(path.join(own, name), path.join(modules, name));
  }
  for (const name of fs.readdirSync(path.join(own, '@cdktf'))) {
    if (name !== 'provider-aws') fs.symlinkSync(path.join(own, '@cdktf', name), path.join(modules, '@cdktf', name));
  }
  fs.symlinkSync(bindings, path.join(modules, '@cdktf', 'provider-aws'));
  // The bindings resolve cdktf and constructs from the scratch folder upwards: the project's copies.
  fs.symlinkSync(modules, path.join(scratch, 'node_modules'));
  return `${files.length} files`;
});

step('tsc: modules/, main.ts and examples/ against 21.x', () => {
  fs.writeFileSync(
    path.join(project, 'tsconfig.aws21.json'),
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { types: ['node'], noEmit: true, skipLibCheck: false },
      include: ['main.ts', 'modules/**/*.ts', 'examples/**/*.ts'],
    }),
  );
  run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.aws21.json'], {
    cwd: project,
  });
});

// Every app we ship: the default app with its default and example configurations, and every example entry.
const apps = [
  { name: 'default app', env: {} },
  ...fs
    .readdirSync(path.join(root, 'examples', 'config'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ name: `default app, examples/config/${f}`, env: { AWSVPC_CONFIG: `examples/config/${f}` } })),
  ...run('git', ['ls-files', 'examples/**/main.ts'], { cwd: root })
    .split('\n')
    .filter(Boolean)
    .map((entry) => ({ name: entry, env: { AWSVPC_APP_ENTRY: entry } })),
];
const outputs = [];
apps.forEach((app, i) =>
  step(`synth: ${app.name}`, () => {
    const outdir = path.join(scratch, 'out', String(i));
    run(process.execPath, ['scripts/app.cjs', '--synth-only'], {
      cwd: project,
      env: { ...process.env, ...app.env, AWSVPC_OUTDIR: outdir, CI: 'true' },
    });
    const stacks = fs.readdirSync(path.join(outdir, 'stacks'));
    for (const s of stacks) {
      const file = path.join(outdir, 'stacks', s, 'cdk.tf.json');
      const version = JSON.parse(fs.readFileSync(file, 'utf8')).terraform?.required_providers?.aws?.version;
      if (!/^6\./.test(version ?? ''))
        throw new Error(`${s}: required_providers.aws.version is ${version}, expected 6.x`);
      // The one difference between the lines in what we generate (modules/core/aws-context.ts).
      const deprecated = /data\.aws_region\.[\w-]+\.name\b/.exec(fs.readFileSync(file, 'utf8'));
      if (deprecated) throw new Error(`${s}: refers to ${deprecated[0]}, deprecated in AWS provider 6 (use .region)`);
      outputs.push({ app: app.name, stack: s, file });
    }
    return stacks.join(', ');
  }),
);

step('schema check of every synthesized stack against the 21.x bindings', () => {
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'scripts', 'run-ts.mjs'),
      'scripts/provider-schema/cli.ts',
      bindings,
      ...outputs.map((o) => o.file),
    ],
    { cwd: root, encoding: 'utf8' },
  );
  process.stdout.write(result.stdout);
  if (result.status !== 0) throw new Error(result.stderr || `exit ${result.status}`);
  return `${outputs.length} stacks`;
});

step('a fresh project on 21.x installs the packed package with one copy of the bindings', () => {
  run('npm', ['run', 'build', '--silent'], { cwd: root });
  const tarball = run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', scratch], { cwd: root })
    .trim()
    .split('\n')
    .pop();
  const consumer = path.join(scratch, 'consumer');
  fs.mkdirSync(consumer);
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')).packages;
  const pinned = (name) => lock[`node_modules/${name}`].version;
  fs.writeFileSync(
    path.join(consumer, 'package.json'),
    JSON.stringify(
      {
        name: 'consumer-on-provider-aws-21',
        private: true,
        dependencies: {
          cdktf: pinned('cdktf'),
          constructs: pinned('constructs'),
          '@cdktf/provider-aws': JSON.parse(
            fs.readFileSync(path.join(root, 'compat', 'provider-aws-21', 'package.json'), 'utf8'),
          ).dependencies['@cdktf/provider-aws'],
          'awsvpc-ecs': `file:${path.join(scratch, tarball)}`,
        },
      },
      null,
      2,
    ),
  );
  run('npm', ['install', ...npmQuiet], { cwd: consumer });
  const copies = run('npm', ['ls', '@cdktf/provider-aws', '--all', '--parseable'], { cwd: consumer })
    .split('\n')
    .filter(Boolean);
  if (copies.length !== 1)
    throw new Error(`expected one copy of @cdktf/provider-aws, found ${copies.length}: ${copies.join(', ')}`);
  const version = JSON.parse(fs.readFileSync(path.join(copies[0], 'package.json'), 'utf8')).version;
  if (!version.startsWith('21.')) throw new Error(`the one copy is ${version}, not 21.x`);
  return `one copy, ${version}`;
});

const width = rows.reduce((w, r) => Math.max(w, r[0].length), 0);
console.log(`\n@cdktf/provider-aws 21.x (AWS provider 6) check, ${((Date.now() - started) / 1000).toFixed(0)} s:`);
for (const [name, status, detail, time] of rows)
  console.log(`  ${name.padEnd(width)}  ${status.padEnd(6)}  ${time.padStart(7)}  ${detail}`);
if (process.env.KEEP_SCRATCH) console.log(`scratch folder kept: ${scratch}`);
else fs.rmSync(scratch, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
