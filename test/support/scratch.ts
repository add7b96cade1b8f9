/**
 * Scratch folders that are removed after the test file that made them (scratch-cleanup.ts, registered
 * for every test file by jest.config.js, removes them in an `afterAll`). Whatever else lands in the
 * temporary folder during a run (cdktf's `Testing.app()` outdirs, Terraform's files) is inside the run's
 * own temporary folder (global-setup.js points TMPDIR there), which global-teardown.js removes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const made: string[] = [];

/** A new empty folder under the temporary folder, removed after this test file. */
export function scratchDir(prefix = 'awsvpc-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder `scratchDir` made so far. */
export function removeScratchDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
