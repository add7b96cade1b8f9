/**
 * `npm run synth:examples [example...]`: synthesizes every example into `examples.out/<example>/`,
 * through the path users take: `node scripts/app.cjs` with `AWSVPC_APP_ENTRY` (the example's
 * main.ts) and `AWSVPC_OUTDIR`. cdktf's layout inside (`manifest.json`, `stacks/<stack>/cdk.tf.json`).
 *
 * What counts as an example (found, never listed by hand):
 * - `examples/<example>/main.ts`: one app, written to `examples.out/<example>/`;
 * - `examples/<example>/<app>/main.ts` (an example of several apps, e.g. a platform team's and a
 *   service team's): one folder per app, `examples.out/<example>/<app>/`;
 * - `examples/<example>/<name>.json` whose `$schema` is `awsvpc.config.schema.json`: the default app
 *   (`main.ts`) configured by that file (`AWSVPC_CONFIG`), written to `examples.out/<example>/<name>/`.
 *
 * test/examples/ synthesizes the examples with these same functions before putting every stack
 * through Terraform, so what the tests check is what this command writes.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The file that marks a folder of examples.out as this script's: only such a folder is ever replaced. */
export const OUTPUT_MARKER = '.synth-examples';

/** One app of an example: what `node scripts/app.cjs` runs and where it writes. */
export interface ExampleApp {
  /** The example's folder under examples/ (e.g. `platform-and-service-team`). */
  readonly example: string;
  /** The app within the example, when it has several (`platform`, `service`, `dev`); else undefined. */
  readonly app?: string;
  /** The entry point, relative to the repository root (AWSVPC_APP_ENTRY). */
  readonly entry: string;
  /** The configuration file of the default app (AWSVPC_CONFIG), relative to the root; else undefined. */
  readonly config?: string;
  /** The output folder, relative to the output root (`<example>` or `<example>/<app>`). */
  readonly outdir: string;
}

/** What one app's synth wrote. */
export interface SynthesizedExampleApp extends ExampleApp {
  /** Absolute output folder (cdktf's layout: stacks/<stack>/cdk.tf.json). */
  readonly dir: string;
  /** The stacks written, sorted. */
  readonly stacks: readonly string[];
  /** What the app printed (policy reports, capacity tables, warnings). */
  readonly stdout: string;
  /** What the app printed on stderr (empty when it succeeded: failures only go there). */
  readonly stderr: string;
}

/** An example that did not synthesize; the message names it and carries the app's own output. */
export class ExampleSynthError extends Error {
  constructor(
    readonly exampleApp: ExampleApp,
    detail: string,
  ) {
    super(`example ${describeExampleApp(exampleApp)} failed to synthesize: ${detail}`);
    this.name = 'ExampleSynthError';
  }
}

/** `"network-modes" (examples/network-modes/main.ts)`, `"config/dev" (main.ts with AWSVPC_CONFIG=...)`. */
export function describeExampleApp(a: ExampleApp): string {
  const how = a.config ? `${a.entry} with AWSVPC_CONFIG=${a.config}` : a.entry;
  return `"${a.outdir}" (${how})`;
}

function isConfigurationFile(file: string): boolean {
  try {
    const schema = (JSON.parse(fs.readFileSync(file, 'utf8')) as { $schema?: unknown }).$schema;
    return typeof schema === 'string' && path.basename(schema) === 'awsvpc.config.schema.json';
  } catch {
    return false;
  }
}

/** The apps of one example folder (none when it holds no entry point and no configuration). */
function appsOf(root: string, example: string): ExampleApp[] {
  const dir = path.join(root, 'examples', example);
  const rel = (...parts: string[]) => path.posix.join('examples', example, ...parts);
  if (fs.existsSync(path.join(dir, 'main.ts'))) return [{ example, entry: rel('main.ts'), outdir: example }];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const apps: ExampleApp[] = entries
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, 'main.ts')))
    .map((e) => ({ example, app: e.name, entry: rel(e.name, 'main.ts'), outdir: `${example}/${e.name}` }));
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.json') || !isConfigurationFile(path.join(dir, e.name))) continue;
    const app = e.name.replace(/\.json$/, '');
    apps.push({ example, app, entry: 'main.ts', config: rel(e.name), outdir: `${example}/${app}` });
  }
  return apps;
}

/** Every app of every example under `<root>/examples`, in folder order. */
export function listExampleApps(root: string): ExampleApp[] {
  const examples = path.join(root, 'examples');
  return fs
    .readdirSync(examples, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .flatMap((example) => appsOf(root, example));
}

/**
 * Empties `dir` for a new synth: creates it, or clears it when this script wrote it (it holds the
 * marker). A folder without the marker is someone else's: refused, nothing deleted.
 */
function prepareOutdir(a: ExampleApp, dir: string): void {
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) throw new ExampleSynthError(a, `${dir} exists and is not a folder`);
    const contents = fs.readdirSync(dir);
    if (contents.length > 0 && !contents.includes(OUTPUT_MARKER)) {
      throw new ExampleSynthError(
        a,
        `${dir} holds files this command did not write (no ${OUTPUT_MARKER}); move them or delete the folder yourself`,
      );
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
}

/** The stack folders under `<dir>/stacks` that hold a synthesized configuration. */
function stacksIn(dir: string): string[] {
  const stacks = path.join(dir, 'stacks');
  if (!fs.existsSync(stacks)) return [];
  return fs
    .readdirSync(stacks)
    .filter((s) => ['cdk.tf.json', 'cdk.tf'].some((f) => fs.existsSync(path.join(stacks, s, f))))
    .sort();
}

/**
 * Synthesizes one app with `node scripts/app.cjs` (AWSVPC_APP_ENTRY, AWSVPC_OUTDIR and, for a
 * configuration, AWSVPC_CONFIG and --synth-only) into `<outRoot>/<outdir>`, run from `root`.
 * Throws an ExampleSynthError naming the example when the app fails or writes no stack.
 */
export function synthesizeExampleApp(root: string, a: ExampleApp, outRoot: string): SynthesizedExampleApp {
  const dir = path.resolve(outRoot, a.outdir);
  prepareOutdir(a, dir);
  const env: NodeJS.ProcessEnv = { ...process.env, AWSVPC_APP_ENTRY: a.entry, AWSVPC_OUTDIR: dir };
  for (const key of ['CDKTF_OUTDIR', 'AWSVPC_CONFIG', 'AWSVPC_STRICT']) delete env[key];
  if (a.config) env.AWSVPC_CONFIG = path.resolve(root, a.config);
  const args = [path.join(root, 'scripts', 'app.cjs'), ...(a.config ? ['--synth-only'] : [])];
  const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
  const output = `${r.stderr ?? ''}${r.stdout ?? ''}`.trim();
  const stacks = stacksIn(dir);
  const failure = r.error
    ? r.error.message
    : r.status !== 0
      ? `exit ${r.status}`
      : stacks.length === 0
        ? `it exited 0 but wrote no stack into ${dir}`
        : undefined;
  if (failure !== undefined) {
    // Nothing half-written is left to be mistaken for the example's output; the marker lets the next run in.
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(path.join(dir, OUTPUT_MARKER), `written by npm run synth:examples (${a.entry})\n`);
  if (failure !== undefined) throw new ExampleSynthError(a, `${failure}\n${output}`);
  return { ...a, dir, stacks, stdout: r.stdout, stderr: r.stderr };
}

/** What synthesizing several examples gave: the apps that synthesized and the errors of the others. */
export interface ExamplesSynthResult {
  readonly synthesized: readonly SynthesizedExampleApp[];
  readonly failed: readonly ExampleSynthError[];
}

/**
 * Synthesizes every app of the examples named in `only` (all examples when empty) into `outRoot`,
 * one after the other; a failing app does not stop the others. Throws when a name matches no example.
 */
export function synthesizeExamples(root: string, outRoot: string, only: readonly string[] = []): ExamplesSynthResult {
  const all = listExampleApps(root);
  const unknown = only.filter((name) => !all.some((a) => a.example === name || a.outdir === name));
  if (unknown.length > 0) {
    const known = [...new Set(all.map((a) => a.example))].join(', ');
    throw new Error(`no example named ${unknown.map((n) => `"${n}"`).join(', ')}; the examples are: ${known}`);
  }
  const apps = only.length === 0 ? all : all.filter((a) => only.includes(a.example) || only.includes(a.outdir));
  const synthesized: SynthesizedExampleApp[] = [];
  const failed: ExampleSynthError[] = [];
  for (const a of apps) {
    try {
      synthesized.push(synthesizeExampleApp(root, a, outRoot));
    } catch (error) {
      if (!(error instanceof ExampleSynthError)) throw error;
      failed.push(error);
    }
  }
  return { synthesized, failed };
}

function main(args: readonly string[]): void {
  const root = path.resolve(path.dirname(process.argv[1]!), '..');
  const outRoot = path.join(root, 'examples.out');
  let result: ExamplesSynthResult;
  try {
    result = synthesizeExamples(root, outRoot, args);
  } catch (error) {
    console.error(`synth:examples: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
    return;
  }
  const { synthesized, failed } = result;
  for (const s of synthesized) {
    console.log(`${s.outdir}: ${s.stacks.join(', ')} -> ${path.relative(root, s.dir)}/stacks/`);
  }
  for (const f of failed) console.error(f.message);
  if (failed.length > 0) {
    console.error(`synth:examples: ${failed.length} of ${synthesized.length + failed.length} app(s) failed`);
    process.exitCode = 1;
  }
}

// Run when executed (scripts/run-ts.mjs sets argv[1] to this file); imported by the tests, it runs nothing.
if (/synth-examples\.[tj]s$/.test(process.argv[1] ?? '')) {
  main(process.argv.slice(2));
}
