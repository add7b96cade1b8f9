// Runs a failing synth of the default app many times and counts how each run ended: the check for a
// rare abort at exit (issue 14: SIGABRT in the Graphviz worker, v8::Module::IsGraphAsync, about once
// in 230 failing runs before the worker loaded Graphviz with import()). Not part of npm test.
//
//   node scripts/repeat-failing-synth.mjs [runs=300]
//
// Each run synthesizes, with pictures, a configuration the policy pack rejects (a container that may
// run as root), so the synth fails while Graphviz may still be loading on its worker. Every run must
// end with exit code 1; anything else (a signal, another code) is counted and its stderr kept.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 300);
if (!Number.isInteger(runs) || runs < 1 || runs > 10_000) {
  console.error(`runs must be a whole number from 1 to 10000, not ${process.argv[2]}`);
  process.exit(2);
}
spawnSync(process.execPath, [path.join(root, 'scripts/app.cjs'), '--build-only'], { stdio: 'inherit' });
const bundle = path.join(root, '.gen/main.js');
const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-failing-synth-'));
fs.writeFileSync(
  path.join(cwd, 'awsvpc.config.json'),
  JSON.stringify({
    services: [{ name: 'api', image: 'ghcr.io/acme/api:2.1', user: 'root' }],
  }),
);
const env = { ...process.env };
for (const key of ['AWSVPC_CONFIG', 'AWSVPC_OUTDIR', 'CDKTF_OUTDIR', 'AWSVPC_STRICT']) delete env[key];
const outcomes = new Map();
const odd = [];
for (let i = 1; i <= runs; i++) {
  const r = spawnSync(process.execPath, [bundle], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  const outcome = r.signal ? `signal ${r.signal}` : r.error ? `error ${r.error.message}` : `exit ${r.status}`;
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  if (outcome !== 'exit 1') odd.push({ run: i, outcome, stderr: r.stderr.slice(-2000) });
  if (i % 50 === 0) console.log(`${i} runs: ${[...outcomes].map(([k, v]) => `${k}: ${v}`).join(', ')}`);
}
fs.rmSync(cwd, { recursive: true, force: true });
console.log(`${runs} failing synths: ${[...outcomes].map(([k, v]) => `${k}: ${v}`).join(', ')}`);
for (const o of odd) console.log(`run ${o.run} ended with ${o.outcome}:\n${o.stderr}`);
process.exitCode = odd.length === 0 ? 0 : 1;
