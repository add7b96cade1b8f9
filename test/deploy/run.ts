/**
 * The deploy tier (`npm run test:deploy`): applies, re-plans and destroys real stacks with the real
 * hashicorp/aws provider against moto, a local AWS API emulator on 127.0.0.1.
 *
 * For the default app and the platform-and-service-team example (the service team applied against the
 * platform's state): synthesize; copy each stack to a scratch folder with an override file
 * (test/deploy/override.ts); apply the stacks in dependency order; plan again and require no change;
 * plan once more without the moto gap list and require that every entry is still needed and that
 * nothing else changes; destroy in reverse order. Then the same default app through the cdktf CLI:
 * `cdktf deploy '*'` and `cdktf destroy '*'`. Prints one table row per stack and step.
 *
 * What this proves and what it cannot: docs/deploy-tier.md.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { terraformEngine } from '../engine/terraform';
import { requireMoto, startMoto, type Moto } from './moto';
import { deployOverride, MOTO_GAPS, plannedAttributeChanges } from './override';
import { type TerraformJson, valueAt } from '../support/synth';

/** The repository root (scripts/run-ts.mjs runs a bundle elsewhere, so from the script's own path, not __dirname). */
const REPO = path.resolve(path.dirname(process.argv[1]!), '..', '..');

interface App {
  readonly name: string;
  /** Entry points synthesized in this order (`AWSVPC_APP_ENTRY`; undefined: main.ts). */
  readonly entries: ReadonlyArray<string | undefined>;
}

const APPS: readonly App[] = [
  { name: 'default app', entries: [undefined] },
  {
    name: 'platform-and-service-team',
    entries: [
      'examples/platform-and-service-team/platform/main.ts',
      'examples/platform-and-service-team/service/main.ts',
    ],
  },
];

interface Stack {
  readonly app: string;
  readonly name: string;
  /** Scratch folder: cdk.tf.json, override.tf.json, state. */
  readonly dir: string;
  readonly doc: TerraformJson;
  readonly dependencies: readonly string[];
}

interface Row {
  readonly app: string;
  readonly stack: string;
  created?: number;
  secondPlan?: string;
  destroyed?: number;
  seconds: number;
}

const T0 = Date.now();
function progress(line: string): void {
  console.log(`  [${((Date.now() - T0) / 1000).toFixed(0).padStart(4)} s] ${line}`);
}

function tf(dir: string, args: readonly string[], allowExit: readonly number[] = [0]): { status: number; out: string } {
  const engine = terraformEngine();
  const r = spawnSync(engine.terraform, [...args, '-no-color'], {
    cwd: dir,
    env: engine.env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error) throw r.error;
  if (!allowExit.includes(r.status ?? -1))
    throw new Error(`terraform ${args.join(' ')} failed in ${dir} (exit ${r.status}):\n${out}`);
  return { status: r.status ?? -1, out };
}

/** Synthesizes one app's entries into the scratch folder and returns its stacks in dependency order. */
function synthesize(app: App, scratch: string): Stack[] {
  const stacks: Stack[] = [];
  app.entries.forEach((entry, i) => {
    const outdir = path.join(scratch, 'synth', `${app.name.replace(/\W+/g, '-')}-${i}`);
    fs.mkdirSync(path.dirname(outdir), { recursive: true });
    execFileSync(process.execPath, ['scripts/app.cjs', '--synth-only'], {
      cwd: REPO,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWSVPC_OUTDIR: outdir, ...(entry ? { AWSVPC_APP_ENTRY: entry } : {}) },
    });
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
      stacks: Record<string, { name: string; synthesizedStackPath: string; dependencies: string[] }>;
    };
    for (const s of Object.values(manifest.stacks)) {
      const dir = path.join(scratch, 'stacks', s.name);
      fs.mkdirSync(dir, { recursive: true });
      fs.copyFileSync(path.join(outdir, s.synthesizedStackPath), path.join(dir, 'cdk.tf.json'));
      stacks.push({
        app: app.name,
        name: s.name,
        dir,
        doc: JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8')),
        dependencies: s.dependencies,
      });
    }
  });
  const ordered: Stack[] = [];
  const visit = (s: Stack) => {
    if (ordered.includes(s)) return;
    for (const d of s.dependencies) visit(stacks.find((x) => x.name === d)!);
    ordered.push(s);
  };
  stacks.forEach(visit);
  return ordered;
}

/** Where each stack's synthesized JSON expects its state, mapped to the scratch state. */
function remoteStatePaths(stacks: readonly Stack[], scratch: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const s of stacks) {
    const backendPath = valueAt(s.doc, 'terraform', 'backend', 'local', 'path');
    const original = typeof backendPath === 'string' ? backendPath : 'terraform.tfstate';
    const scratchState = path.join(s.dir, 'terraform.tfstate');
    map.set(original, scratchState);
    // A relative backend path is relative to the folder Terraform runs in; apps that read another
    // stack's state by a path relative to where they were synthesized name it from the repository root.
    map.set(path.resolve(REPO, original), scratchState);
    map.set(path.resolve(scratch, 'synth', original), scratchState);
  }
  return map;
}

function writeOverride(stack: Stack, moto: Moto, remote: Map<string, string>, ignoreMotoGaps: boolean): void {
  const override = deployOverride(stack.doc, {
    endpoint: moto.endpoint,
    statePath: path.join(stack.dir, 'terraform.tfstate'),
    remoteStatePaths: remote,
    ignoreMotoGaps,
  });
  fs.writeFileSync(path.join(stack.dir, 'override.tf.json'), `${JSON.stringify(override, null, 2)}\n`);
}

/** The changes a plan of `stack` would make, per resource address and attribute. */
function plannedChanges(stack: Stack): ReturnType<typeof plannedAttributeChanges> {
  const planFile = path.join(stack.dir, 'deploy-tier.tfplan');
  tf(stack.dir, ['plan', '-input=false', '-detailed-exitcode', `-out=${planFile}`], [0, 2]);
  const shown = tf(stack.dir, ['show', '-json', planFile]).out;
  return plannedAttributeChanges(JSON.parse(shown.slice(shown.indexOf('{'))));
}

function countOf(out: string, what: 'added' | 'destroyed'): number {
  const m = new RegExp(`(\\d+) ${what}`).exec(out);
  return m ? Number(m[1]) : 0;
}

/** Applies, re-plans and destroys every app's stacks; `problems` receives every change of a second plan. */
async function throughTerraform(
  moto: Moto,
  scratch: string,
  rows: Row[],
  gapUse: Map<string, number>,
  problems: string[],
): Promise<void> {
  for (const app of APPS.filter((a) => !process.env.DEPLOY_ONLY || a.name === process.env.DEPLOY_ONLY)) {
    const stacks = synthesize(app, scratch);
    const remote = remoteStatePaths(stacks, scratch);
    const applied: Array<{ stack: Stack; row: Row }> = [];
    try {
      for (const stack of stacks) {
        const started = Date.now();
        const row: Row = { app: app.name, stack: stack.name, seconds: 0 };
        rows.push(row);
        writeOverride(stack, moto, remote, true);
        tf(stack.dir, ['init', '-input=false']);
        applied.push({ stack, row });
        row.created = countOf(tf(stack.dir, ['apply', '-input=false', '-auto-approve']).out, 'added');
        progress(`${app.name}: ${stack.name} applied (${row.created} created)`);
        const changes = plannedChanges(stack);
        row.secondPlan = changes.length === 0 ? 'no changes' : `${changes.length} CHANGED`;
        for (const c of changes) problems.push(`${stack.name}: ${c.address} (${c.attributes.join(', ')})`);
        // The gap list, checked: a plan without it must still change each entry's attribute somewhere
        // (changes that follow from another entry, such as an Auto Scaling group's launch template
        // version after its template changed, are not entries of their own).
        writeOverride(stack, moto, remote, false);
        for (const c of plannedChanges(stack)) {
          for (const attribute of c.attributes)
            gapUse.set(`${c.resourceType}.${attribute}`, (gapUse.get(`${c.resourceType}.${attribute}`) ?? 0) + 1);
        }
        writeOverride(stack, moto, remote, true);
        row.seconds += (Date.now() - started) / 1000;
        progress(`${app.name}: ${stack.name} planned again: ${row.secondPlan}`);
      }
    } finally {
      for (const { stack, row } of [...applied].reverse()) {
        const started = Date.now();
        row.destroyed = countOf(tf(stack.dir, ['destroy', '-input=false', '-auto-approve']).out, 'destroyed');
        row.seconds += (Date.now() - started) / 1000;
        progress(`${app.name}: ${stack.name} destroyed (${row.destroyed})`);
      }
    }
  }
}

/** The default app through the cdktf CLI: `cdktf deploy '*'`, then `cdktf destroy '*'`. */
function throughCdktf(moto: Moto, scratch: string, rows: Row[]): void {
  const dir = path.join(scratch, 'cdktf-cli');
  fs.mkdirSync(dir, { recursive: true });
  const config = path.join(dir, 'awsvpc.config.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      // State in the scratch folder; the account settings may be destroyed (the tier destroys what it applied).
      backend: { type: 'local', path: path.join(dir, 'terraform.{stack}.tfstate') },
      account: { preventDestroy: false },
    }),
  );
  const engine = terraformEngine();
  const env = {
    ...engine.env,
    AWSVPC_CONFIG: config,
    AWSVPC_OUTDIR: path.join(dir, 'cdktf.out'),
    // The provider's standard environment instead of an override file: cdktf writes its own stack folders.
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_EC2_METADATA_DISABLED: 'true',
    CI: 'true',
  };
  const cdktf = path.join(REPO, 'node_modules', '.bin', 'cdktf');
  // --skip-provider-lock: cdktf's `providers lock` ignores the filesystem mirror (docs/deploy-tier.md).
  for (const [verb, what] of [
    ['deploy', 'added'],
    ['destroy', 'destroyed'],
  ] as const) {
    const started = Date.now();
    const r = spawnSync(
      cdktf,
      [verb, '*', '--auto-approve', '--skip-provider-lock', '--output', path.join(dir, 'cdktf.out')],
      {
        cwd: REPO,
        env,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    const out = `${r.stdout}${r.stderr}`;
    if (r.status !== 0) throw new Error(`cdktf ${verb} '*' failed (exit ${r.status}):\n${out}`);
    progress(`default app through the cdktf CLI: ${verb} '*' done`);
    for (const stack of ['lab-account', 'lab-platform']) {
      let row = rows.find((x) => x.app === 'default app (cdktf CLI)' && x.stack === stack);
      if (!row) rows.push((row = { app: 'default app (cdktf CLI)', stack, seconds: 0 }));
      const managed = managedResources(path.join(dir, `terraform.${stack}.tfstate`));
      if (what === 'added') row.created = managed;
      else if (managed > 0) throw new Error(`cdktf destroy left ${managed} resource(s) in ${stack}'s state`);
      else row.destroyed = row.created;
      row.seconds += (Date.now() - started) / 1000 / 2;
    }
  }
}

/** Managed resource instances in a local state file (what `terraform state list` would count). */
function managedResources(stateFile: string): number {
  if (!fs.existsSync(stateFile)) throw new Error(`no state at ${stateFile}`);
  const state = JSON.parse(fs.readFileSync(stateFile, 'utf8')) as {
    resources?: { mode: string; instances?: unknown[] }[];
  };
  return (state.resources ?? [])
    .filter((r) => r.mode === 'managed')
    .reduce((n, r) => n + (r.instances?.length ?? 0), 0);
}

function printTable(rows: readonly Row[]): void {
  const header = ['app', 'stack', 'created', 'second plan', 'destroyed', 'seconds'];
  const cells = rows.map((r) => [
    r.app,
    r.stack,
    String(r.created ?? '-'),
    r.secondPlan ?? '-',
    String(r.destroyed ?? '-'),
    r.seconds.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    `  ${c.map((x, i) => (i >= 2 && i !== 3 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ')}`;
  console.log(line(header));
  cells.forEach((c) => console.log(line(c)));
}

async function main(): Promise<void> {
  // Each stack configures the provider with its own endpoints: no provider process shared across stacks.
  process.env.AWSVPC_TF_REATTACH = '0';
  terraformEngine();
  requireMoto();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-deploy-'));
  const moto = await startMoto(path.join(REPO, 'test', 'deploy', 'moto_launcher.py'), path.join(scratch, 'moto.log'));
  console.log(`deploy tier: moto ${moto.endpoint} (pid ${moto.pid}), scratch ${scratch}`);
  const rows: Row[] = [];
  const gapUse = new Map<string, number>();
  const problems: string[] = [];
  const started = Date.now();
  try {
    await throughTerraform(moto, scratch, rows, gapUse, problems);
    // Every app must have run for an entry to count as no longer needed.
    for (const g of process.env.DEPLOY_ONLY ? [] : MOTO_GAPS) {
      if (!gapUse.has(`${g.resourceType}.${g.attribute}`)) {
        problems.push(
          `moto-gaps.json: ${g.resourceType}.${g.attribute} is no longer needed (no plan changes it without the entry): remove it`,
        );
      }
    }
    if (process.env.DEPLOY_ONLY === undefined) throughCdktf(moto, scratch, rows);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  } finally {
    moto.stop();
  }
  console.log(`\ndeploy tier against moto, ${((Date.now() - started) / 1000).toFixed(0)} s:`);
  printTable(rows);
  if (problems.length > 0) {
    console.error(`\ndeploy tier FAILED (${problems.length} problem(s)); moto's log and the stacks are in ${scratch}:`);
    problems.forEach((p) => console.error(`- ${p}`));
    process.exit(1);
  }
  fs.rmSync(scratch, { recursive: true, force: true });
  console.log('deploy tier passed: every stack applied, planned clean and destroyed');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
