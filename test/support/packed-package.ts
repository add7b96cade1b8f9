/**
 * The package as npm publishes it, built and packed once per Jest run and shared by every test file that
 * needs it (test/packaging/pack.test.ts, test/packaging/consumer-app.test.ts), even across workers.
 *
 * The first caller takes a lock (an atomic mkdir) in the run's scratch folder, runs `npm run build` and
 * `npm pack`, and writes the result; the others wait for it. The run's scratch folder comes from
 * test/support/global-setup.js (AWSVPC_TEST_RUN_DIR) and is removed by global-teardown.js; a test file run
 * without them (another Jest configuration) packs into a folder of its own, removed when its process exits.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const WAIT_MS = 300_000;

export interface PackedFile {
  readonly path: string;
  readonly size: number;
}

export interface PackedPackage {
  /** Absolute path of the tarball (`awsvpc-ecs-<version>.tgz`). */
  readonly tarball: string;
  /** What `npm pack --json` reported. */
  readonly filename: string;
  readonly files: readonly PackedFile[];
}

let cached: PackedPackage | undefined;

function runDir(): string {
  const shared = process.env.AWSVPC_TEST_RUN_DIR;
  if (shared && fs.existsSync(shared)) return shared;
  const own = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-ecs-packed-'));
  process.once('exit', () => fs.rmSync(own, { recursive: true, force: true }));
  return own;
}

function buildAndPack(dir: string): PackedPackage {
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  // --ignore-scripts: prepack would build a second time.
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const [packed] = JSON.parse(out) as { filename: string; files: PackedFile[] }[];
  return { tarball: path.join(dir, packed!.filename), filename: packed!.filename, files: packed!.files };
}

/** Builds and packs the package on the first call of the run; returns the same tarball afterwards. */
export function packedPackage(): PackedPackage {
  if (cached) return cached;
  const dir = path.join(runDir(), 'packed');
  const result = path.join(dir, 'result.json');
  const failure = path.join(dir, 'failure.txt');
  let owner = false;
  try {
    fs.mkdirSync(dir);
    owner = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (owner) {
    try {
      fs.writeFileSync(`${result}.tmp`, JSON.stringify(buildAndPack(dir)));
      fs.renameSync(`${result}.tmp`, result);
    } catch (error) {
      fs.writeFileSync(failure, String(error instanceof Error ? error.message : error));
      throw error;
    }
  } else {
    const pause = new Int32Array(new SharedArrayBuffer(4));
    const deadline = Date.now() + WAIT_MS;
    while (!fs.existsSync(result)) {
      if (fs.existsSync(failure))
        throw new Error(`packing the package failed in another test file:\n${fs.readFileSync(failure, 'utf8')}`);
      if (Date.now() > deadline)
        throw new Error(`gave up waiting ${WAIT_MS / 1000} s for another test file to pack the package (${dir})`);
      Atomics.wait(pause, 0, 0, 200);
    }
  }
  cached = JSON.parse(fs.readFileSync(result, 'utf8')) as PackedPackage;
  return cached;
}
