/**
 * The output folder of a synth (`cdktf.out`) and how a new synth replaces it without losing anything:
 *
 * - only a folder that holds a previous synth (cdktf's `manifest.json` with only `stacks/` beside it, or
 *   only stack folders of synth and Terraform files), an empty folder or no folder is ever replaced;
 *   anything else is refused before anything is written;
 * - the swap is two renames (`outdir` -> `<outdir>.old-<pid>`, `<outdir>.tmp-<pid>-<random>` -> `outdir`);
 *   a run interrupted anywhere leaves folders whose names say which process made them, and the next run
 *   removes those of processes that are gone and puts a stranded previous output back;
 * - what Terraform and users keep in a stack folder (`.terraform.lock.hcl`, `.terraform/`, and anything
 *   else a synth does not write) moves from the previous output into the new one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ValidationError } from '../core';

/** What a synth writes into a stack folder: a previous synth's copies are replaced, never carried over. */
const SYNTH_FILES: ReadonlySet<string> = new Set([
  'cdk.tf.json',
  'cdk.tf',
  'capacity-report.json',
  'policy-report.json',
  'topology.svg',
  'assets', // cdktf's copies of TerraformAsset files
  'plan', // the cdktf CLI's saved plan: made for the previous configuration, never to be applied to the new one
]);

/** Entries of a stack folder that Terraform makes and that are carried over without a word. */
const TERRAFORM_FILES: ReadonlySet<string> = new Set(['.terraform', '.terraform.lock.hcl']);

/** A state file or a workspace folder of Terraform's local backend. */
function isState(name: string): boolean {
  return /\.tfstate(\.backup)?$/.test(name) || /\.tfstate\.d$/.test(name);
}

/** Where a problem with the output folder is reported: the setting that chose it. */
export interface OutdirOrigin {
  /** The setting or option that named the folder (`AWSVPC_OUTDIR`, `CDKTF_OUTDIR`, `outdir`). */
  readonly setting: string;
}

/**
 * Refuses an output folder that a synth must not replace: anything but no folder, an empty folder, or
 * a previous synth's output (cdktf's `manifest.json` and the `stacks/` folder, nothing else).
 */
export function checkReplaceableOutdir(outdir: string, origin: OutdirOrigin): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(outdir);
  } catch {
    return; // no folder yet
  }
  const fix =
    `point ${origin.setting} at a folder of its own (e.g. cdktf.out), which each synth replaces as a whole; ` +
    'or move the other files out of it';
  if (!stat.isDirectory()) {
    throw new ValidationError({
      code: 'SYNTH_OUTDIR_NOT_A_FOLDER',
      path: origin.setting,
      received: `${JSON.stringify(outdir)}, a file`,
      allowed: 'a folder that holds a previous synth, an empty folder, or a path where nothing is yet',
      fix,
    });
  }
  const entries = fs.readdirSync(outdir).sort();
  if (entries.length === 0 || isPreviousSynth(outdir, entries)) return;
  const shown = entries.slice(0, 5).join(', ') + (entries.length > 5 ? ` and ${entries.length - 5} more` : '');
  throw new ValidationError({
    code: 'SYNTH_OUTDIR_NOT_OURS',
    path: origin.setting,
    received: `${JSON.stringify(outdir)}, a folder holding ${shown}`,
    allowed:
      'a folder that holds a previous synth (manifest.json and stacks/, nothing else), an empty folder, ' +
      'or a path where nothing is yet: a synth replaces the whole folder',
    fix,
  });
}

/**
 * cdktf's `manifest.json` with nothing but `stacks/` beside it; or, without the manifest, a `stacks/`
 * folder of stack folders that hold nothing but what a synth and Terraform write there.
 */
function isPreviousSynth(outdir: string, entries: readonly string[]): boolean {
  if (!entries.every((e) => e === 'manifest.json' || e === 'stacks')) return false;
  const stat = (p: string): fs.Stats => fs.lstatSync(p);
  const stacks = path.join(outdir, 'stacks');
  if (entries.includes('stacks') && !stat(stacks).isDirectory()) return false;
  if (entries.includes('manifest.json')) return stat(path.join(outdir, 'manifest.json')).isFile();
  return fs.readdirSync(stacks).every((name) => {
    const dir = path.join(stacks, name);
    return (
      stat(dir).isDirectory() &&
      fs.readdirSync(dir).every((e) => SYNTH_FILES.has(e) || TERRAFORM_FILES.has(e) || isState(e))
    );
  });
}

/** A new scratch folder beside `outdir`, named after this process: `<outdir>.tmp-<pid>-<random>`. */
export function makeScratchFolder(outdir: string): string {
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  return fs.mkdtempSync(`${outdir}.tmp-${process.pid}-`);
}

/** Whether process `pid` runs (on this machine). */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // it runs, as another user
  }
}

/** Scratch folders of releases before the pid was in the name (`<outdir>.tmp-XXXXXX`) count as stale after this long. */
const LEGACY_SCRATCH_AGE_MS = 60 * 60 * 1000;

interface Leftover {
  readonly path: string;
  readonly kind: 'scratch' | 'previous';
  readonly mtimeMs: number;
}

/** The folders that interrupted synths of `outdir` left behind, by processes that are gone. */
function leftovers(outdir: string): Leftover[] {
  const dir = path.dirname(outdir);
  const base = path.basename(outdir);
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const scratch = new RegExp(`^${escaped}\\.tmp-(\\d+)-[A-Za-z0-9]{6}$`);
  const legacyScratch = new RegExp(`^${escaped}\\.tmp-[A-Za-z0-9]{6}$`);
  const previous = new RegExp(`^${escaped}\\.old-(\\d+)$`);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found: Leftover[] = [];
  for (const name of names) {
    const full = path.join(dir, name);
    const s = scratch.exec(name) ?? previous.exec(name);
    const legacy = !s && legacyScratch.test(name);
    if (!s && !legacy) continue;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(full);
    } catch {
      continue;
    }
    if (!stat.isDirectory()) continue;
    if (s && isAlive(Number(s[1]))) continue;
    if (legacy && Date.now() - stat.mtimeMs < LEGACY_SCRATCH_AGE_MS) continue;
    found.push({ path: full, kind: name.includes('.old-') ? 'previous' : 'scratch', mtimeMs: stat.mtimeMs });
  }
  return found;
}

/**
 * Repairs what an interrupted synth of `outdir` left: a previous output stranded under `<outdir>.old-<pid>`
 * goes back to `outdir` when no output is there (else what it held that Terraform and users own moves into
 * the output, as a finished swap would have done), and scratch folders are removed. Only folders named
 * as this module names them, by processes that no longer run, are touched.
 */
export function recoverInterruptedSynth(outdir: string, log: (line: string) => void): void {
  const found = leftovers(outdir);
  const previous = found.filter((l) => l.kind === 'previous').sort((a, b) => b.mtimeMs - a.mtimeMs);
  if (!fs.existsSync(outdir) && previous.length > 0) {
    const newest = previous[0]!;
    if (tolerant(() => fs.renameSync(newest.path, outdir))) {
      previous.shift();
      log(
        `restored the previous output ${outdir} from ${path.basename(newest.path)} (a synth was interrupted while it swapped folders)`,
      );
    }
  }
  for (const p of previous) {
    if (!fs.existsSync(outdir)) break; // (another run is repairing it at the same time)
    tolerant(() => carryOver(p.path, outdir, log));
    fs.rmSync(p.path, { recursive: true, force: true });
    log(`removed ${path.basename(p.path)}, the previous output an interrupted synth left`);
  }
  for (const s of found.filter((l) => l.kind === 'scratch')) {
    fs.rmSync(s.path, { recursive: true, force: true });
    log(`removed ${path.basename(s.path)}, the scratch folder of an interrupted synth`);
  }
}

/** Runs `fn`; false when a concurrent repair moved what it needed (ENOENT) or got there first (EEXIST, ENOTEMPTY). */
function tolerant(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (e) {
    if (['ENOENT', 'EEXIST', 'ENOTEMPTY'].includes((e as NodeJS.ErrnoException).code ?? '')) return false;
    throw e;
  }
}

/**
 * Replaces `outdir` by `scratch` with renames, so a reader never sees a half-written folder, then moves
 * into the new output what the previous one held and a synth does not write (`carryOver`).
 *
 * With `keepOrphansBesides` (the stacks just synthesized), stack folders of the previous output that
 * this synth no longer produces are moved into the new output: the cdktf CLI lists `stacks/*` before
 * it runs the app and deletes the folders of stacks that are gone afterwards, with an `rmSync` that
 * fails (ENOENT) when the folder has already disappeared.
 */
export function swapIn(
  scratch: string,
  outdir: string,
  log: (line: string) => void,
  keepOrphansBesides?: readonly string[],
): void {
  const old = `${outdir}.old-${process.pid}`;
  const hadOld = fs.existsSync(outdir);
  if (hadOld) fs.renameSync(outdir, old);
  try {
    fs.renameSync(scratch, outdir);
  } catch (e) {
    if (hadOld) fs.renameSync(old, outdir);
    throw e;
  }
  if (!hadOld) return;
  if (keepOrphansBesides) {
    for (const orphan of stackFolders(old).filter((name) => !keepOrphansBesides.includes(name))) {
      fs.mkdirSync(path.join(outdir, 'stacks'), { recursive: true });
      fs.renameSync(path.join(old, 'stacks', orphan), path.join(outdir, 'stacks', orphan));
    }
  }
  carryOver(old, outdir, log);
  fs.rmSync(old, { recursive: true, force: true });
}

function stackFolders(outdir: string): string[] {
  const stacks = path.join(outdir, 'stacks');
  try {
    return fs
      .readdirSync(stacks, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/**
 * Moves from the stack folders of a previous output `from` into those of the new output `to` everything
 * a synth does not write and the new output does not have: Terraform's provider lock file and working
 * folder (`.terraform.lock.hcl`, `.terraform/`), silently; anything else (a state file a relative path
 * once put there, users' files) with a line saying so. A stack the new output no longer has keeps its
 * whole folder when it holds anything but synth output and Terraform's own files (with its state, its
 * last Terraform JSON is what can still destroy what the state records).
 */
function carryOver(from: string, to: string, log: (line: string) => void): void {
  const current = new Set(stackFolders(to));
  for (const stack of stackFolders(from)) {
    const src = path.join(from, 'stacks', stack);
    const dst = path.join(to, 'stacks', stack);
    const kept = fs
      .readdirSync(src)
      .filter((e) => !SYNTH_FILES.has(e))
      .sort();
    if (kept.length === 0) continue;
    if (!current.has(stack)) {
      if (kept.every((e) => TERRAFORM_FILES.has(e))) continue; // a stack that is gone: its provider cache goes too
      fs.mkdirSync(path.join(to, 'stacks'), { recursive: true });
      fs.renameSync(src, dst);
      log(
        `kept stacks/${stack}/ of the previous output, a stack this synth no longer has: it holds ${kept.join(', ')}`,
      );
      continue;
    }
    for (const entry of kept) {
      if (fs.existsSync(path.join(dst, entry))) continue;
      fs.renameSync(path.join(src, entry), path.join(dst, entry));
      if (TERRAFORM_FILES.has(entry)) continue;
      log(
        isState(entry)
          ? `kept stacks/${stack}/${entry} of the previous output: Terraform state inside the output folder; move it out ` +
              '(the local backend now keeps state in the project folder, see docs/reliability.md)'
          : `kept stacks/${stack}/${entry} of the previous output (not a file a synth writes)`,
      );
    }
  }
}
