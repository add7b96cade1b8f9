// Removes the run's scratch folder that global-setup.js made (the packed package, see packed-package.ts).
const fs = require('fs');

module.exports = async () => {
  const dir = process.env.AWSVPC_TEST_RUN_DIR;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
};
