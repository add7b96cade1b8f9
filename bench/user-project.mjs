// The bench's user project: what a team has after `cdktf init --template=typescript`, the getting-started
// guide's installs (the packed package, exact peers) and bench/user-app/main.ts written against the package.
// Built once per bench run in the bench's scratch folder; the cases then synthesize it three ways.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

function run(cmd, args, cwd, what) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`bench: ${what} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The exact version package.json pins for `name` (a dev or run-time dependency). */
function pinned(pkg, name) {
  const version = pkg.devDependencies?.[name] ?? pkg.dependencies?.[name];
  if (!/^\d+\.\d+\.\d+$/.test(version ?? '')) throw new Error(`bench: package.json pins no exact ${name}`);
  return `${name}@${version}`;
}

/** The repository's user app with its imports turned into the package's entry points. */
function userAppSource(root) {
  const code = fs.readFileSync(path.join(root, 'bench', 'user-app', 'main.ts'), 'utf8');
  return code.replace(/'(?:\.\.\/)+modules\/([a-z]+)'/g, "'awsvpc-ecs/$1'");
}

/**
 * Builds and packs the package, makes a `cdktf init` project in `scratch/user-project` (the pinned
 * cdktf-cli's TypeScript template: "app": "npx ts-node main.ts"), installs the tarball with the exact
 * peers, TypeScript and ts-node (npm's cache first), writes the app and compiles it with tsc.
 * Returns the project folder.
 */
export function prepareUserProject(root, scratch) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  run('npm', ['run', 'build'], root, 'npm run build');
  const packed = JSON.parse(
    run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], root, 'npm pack'),
  );
  const tarball = path.join(scratch, packed[0].filename);

  const dir = path.join(scratch, 'user-project');
  fs.mkdirSync(dir);
  const template = path.join(root, 'node_modules', 'cdktf-cli', 'bundle', 'templates', 'typescript');
  const read = (name) => fs.readFileSync(path.join(template, name), 'utf8');
  fs.writeFileSync(path.join(dir, 'package.json'), read('package.json').replace('{{ $base }}', 'user-app'));
  fs.writeFileSync(
    path.join(dir, 'cdktf.json'),
    read('cdktf.json')
      .replace('{{projectId}}', '00000000-0000-4000-8000-000000000000')
      .replace('{{sendCrashReports}}', 'false')
      .replace('{{futureFlags}}', ''),
  );
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), read('tsconfig.json'));
  const installs = ['cdktf', 'constructs', '@cdktf/provider-aws', 'typescript', 'ts-node'].map((n) => pinned(pkg, n));
  run(
    'npm',
    ['install', '--save-exact', '--prefer-offline', '--loglevel=error', tarball, ...installs, '@types/node@20'],
    dir,
    'npm install in the user project',
  );
  fs.writeFileSync(path.join(dir, 'main.ts'), userAppSource(root));
  run(
    process.execPath,
    [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
    dir,
    'tsc',
  );
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.json'), 'utf8')).app;
  if (app !== 'npx ts-node main.ts') throw new Error(`bench: cdktf init's app line is ${app}, not ts-node`);
  return dir;
}
