/**
 * Runs the default app's real entry point (the bundle scripts/app.cjs builds, .gen/main.js; Jest's
 * global setup builds it once) in a child process, in a scratch folder of its own (removed after the test
 * file, see scratch.ts).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { scratchDir } from './scratch';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const APP_BUNDLE = path.join(REPO_ROOT, '.gen', 'main.js');
export const APP_SCRIPT = path.join(REPO_ROOT, 'scripts', 'app.cjs');

/** Every file the default app (no configuration: the seeds' lab) writes below its output folder, sorted. */
export const DEFAULT_APP_FILES: readonly string[] = [
  'manifest.json',
  'stacks/lab-account/cdk.tf.json',
  'stacks/lab-account/topology.svg',
  'stacks/lab-platform/capacity-report.json',
  'stacks/lab-platform/cdk.tf.json',
  'stacks/lab-platform/policy-report.json',
  'stacks/lab-platform/topology.svg',
];

export interface AppRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The scratch folder the app ran in. */
  readonly cwd: string;
  /** cwd/cdktf.out */
  readonly outdir: string;
}

export interface AppRunOptions {
  /** Written to awsvpc.config.json in the scratch folder (a string is written as is). */
  readonly config?: unknown;
  /** Extra arguments (e.g. --synth-only). */
  readonly args?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Run in this folder instead of a new scratch folder. */
  readonly cwd?: string;
  /**
   * Run `node scripts/app.cjs` (what `npm run synth` and cdktf.json run: it checks that the bundle is
   * fresh, then runs it) instead of the bundle itself.
   * @default false
   */
  readonly script?: boolean;
}

export function runApp(options: AppRunOptions = {}): AppRun {
  const cwd = options.cwd ?? scratchDir('awsvpc-app-');
  if (options.config !== undefined) {
    const text = typeof options.config === 'string' ? options.config : JSON.stringify(options.config, null, 2);
    fs.writeFileSync(path.join(cwd, 'awsvpc.config.json'), text);
  }
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.CDKTF_OUTDIR;
  delete env.AWSVPC_OUTDIR;
  if (options.env?.AWSVPC_OUTDIR !== undefined) env.AWSVPC_OUTDIR = options.env.AWSVPC_OUTDIR;
  if (options.env?.CDKTF_OUTDIR !== undefined) env.CDKTF_OUTDIR = options.env.CDKTF_OUTDIR;
  if (!options.env || !('AWSVPC_STRICT' in options.env)) delete env.AWSVPC_STRICT;
  if (!options.env || !('AWSVPC_CONFIG' in options.env)) delete env.AWSVPC_CONFIG;
  // A run that does not end fails the test instead of hanging it (a synth takes seconds).
  const entry = options.script ? APP_SCRIPT : APP_BUNDLE;
  const r = spawnSync(process.execPath, [entry, ...(options.args ?? [])], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw new Error(`the app did not finish: ${r.error.message}\n${r.stdout}\n${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, cwd, outdir: path.join(cwd, 'cdktf.out') };
}

/** Every file under `dir`, relative, sorted (empty when `dir` does not exist). */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}
