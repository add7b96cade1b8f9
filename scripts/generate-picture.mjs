// Regenerates docs/topology-lab-platform.svg, the README's picture: the default app's platform stack as
// the app draws it, synthesized into a scratch folder (cdktf.out is left alone).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-picture-'));
const env = { ...process.env, AWSVPC_OUTDIR: path.join(cwd, 'out') };
delete env.AWSVPC_CONFIG;
execFileSync(process.execPath, [path.join(root, 'scripts/app.cjs')], {
  cwd,
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});
fs.copyFileSync(
  path.join(cwd, 'out/stacks/lab-platform/topology.svg'),
  path.join(root, 'docs/topology-lab-platform.svg'),
);
fs.rmSync(cwd, { recursive: true, force: true });
console.log('wrote docs/topology-lab-platform.svg');
