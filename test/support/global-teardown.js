// Removes the run's scratch folder that global-setup.js made (the packed package, see packed-package.ts,
// and the run's temporary folder) and gives the system's temporary folder back.
const fs = require('fs');

module.exports = async () => {
  const dir = process.env.AWSVPC_TEST_RUN_DIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (process.env.AWSVPC_SYSTEM_TMPDIR !== undefined) process.env.TMPDIR = process.env.AWSVPC_SYSTEM_TMPDIR;
};
