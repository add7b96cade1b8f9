// Builds the default app's bundle once, before any test file runs, so that tests which run the real
// entry point (node .gen/main.js) never race each other to build it. Also makes the run's scratch
// folder (AWSVPC_TEST_RUN_DIR, inherited by the workers), where test/support/packed-package.ts packs
// the package once for every test file that needs it, and whose tmp/ is the run's temporary folder:
// TMPDIR points there for the workers and every process they start, so that nothing a test, cdktf
// (Testing.app) or Terraform puts in a temporary folder outlives the run. global-teardown.js removes it.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async () => {
  execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'app.cjs'), '--build-only'], {
    stdio: 'inherit',
  });
  // The system's temporary folder, for what outlives a run on purpose (Terraform's plugin cache).
  process.env.AWSVPC_SYSTEM_TMPDIR = os.tmpdir();
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-test-run-'));
  process.env.AWSVPC_TEST_RUN_DIR = runDir;
  fs.mkdirSync(path.join(runDir, 'tmp'));
  process.env.TMPDIR = path.join(runDir, 'tmp');
};
