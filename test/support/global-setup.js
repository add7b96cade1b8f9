// Builds the default app's bundle once, before any test file runs, so that tests which run the real
// entry point (node .gen/main.js) never race each other to build it.
const { execFileSync } = require('child_process');
const path = require('path');

module.exports = async () => {
  execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'app.cjs'), '--build-only'], { stdio: 'inherit' });
};
