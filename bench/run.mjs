// npm run bench: wall time and peak resident memory of the ways to synthesize this design, side by side.
//
// Each case runs once to warm up (disk cache, the bundle) and then RUNS times; the table shows medians.
// Cases whose times are compared by a target run interleaved (a, b, e, a, b, e, ...; likewise the
// scale series), so that a machine that slows down or speeds up during the run (a shared VM does)
// moves both sides of a ratio alike.
// Peak memory is the child's maximum resident set size as GNU time reports it (%M, KiB).
// Results go to bench/results.json; the README shows the latest table.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Cases compared by a ratio target get RUNS runs (9 by default: this machine's times vary by a fifth
// from run to run); the slow cdktf-CLI cases (c) and (d) get 5, the minimum.
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const SLOW_RUNS = Math.min(RUNS, 5);
const QUICK = process.argv.includes('--quick'); // skips the slow cdktf-cli cases, for a smoke run
const TIME = '/usr/bin/time';

if (!fs.existsSync(TIME)) {
  console.error('bench needs GNU time at /usr/bin/time for peak memory (Debian: apt-get install time)');
  process.exit(2);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-bench-'));

function measureOnce(cmd, args, env, cwd) {
  const r = spawnSync(TIME, ['-f', '__BENCH__ %e %M', cmd, ...args], {
    cwd: cwd ?? root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const line = r.stderr
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('__BENCH__'));
  if (r.status !== 0 || !line) {
    throw new Error(`bench case failed: ${cmd} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  }
  // %e has 10 ms resolution; measure wall time ourselves as well and keep the finer one.
  const [, seconds, kib] = line.split(' ');
  return { kib: Number(kib), seconds: Number(seconds) };
}

function timed(cmd, args, env, cwd) {
  const t0 = process.hrtime.bigint();
  const m = measureOnce(cmd, args, env, cwd);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, mib: m.kib / 1024 };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** One case: what to run and how to label it. */
function benchCase(name, label, cmd, args, env = {}, cwd = undefined) {
  return { name, label, cmd, args, env, cwd };
}

/** Runs `cases` interleaved: one warm-up each, then `runs` rounds of one run each; medians per case. */
function benchInterleaved(cases, runs = RUNS) {
  for (const c of cases) timed(c.cmd, c.args, c.env, c.cwd); // warm-up
  const samples = cases.map(() => []);
  for (let r = 0; r < runs; r++) {
    cases.forEach((c, i) => samples[i].push(timed(c.cmd, c.args, c.env, c.cwd)));
  }
  return cases.map((c, i) => {
    const result = {
      name: c.name,
      label: c.label,
      command: [c.cmd, ...c.args].join(' '),
      runs,
      medianMs: Math.round(median(samples[i].map((s) => s.ms))),
      medianPeakMiB: Math.round(median(samples[i].map((s) => s.mib)) * 10) / 10,
      samplesMs: samples[i].map((s) => Math.round(s.ms)),
    };
    console.log(`  ${result.label}: ${result.medianMs} ms, ${result.medianPeakMiB} MiB`);
    return result;
  });
}

function outdirEnv(name) {
  return { AWSVPC_OUTDIR: path.join(scratch, name) };
}

/** A configuration with `n` awsvpc services, sized so that capacity and subnets fit them all. */
function scaleConfig(n) {
  const services = Array.from({ length: n }, (_, i) => ({
    name: `svc-${String(i).padStart(4, '0')}`,
    desiredCount: 1,
    cpu: 128,
    memoryMiB: 128,
  }));
  const perInstance = 120; // m5.24xlarge with trunking
  // Peak demand is twice the tasks (deployments at 200%); a quarter more keeps the headroom warning off.
  const instances = Math.max(1, Math.ceil((n * 2 * 1.25) / perInstance) + 1);
  const config = {
    network: {
      vpcCidr: '10.0.0.0/16',
      publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'],
      privateSubnetCidrs: ['10.0.32.0/19', '10.0.64.0/19'],
    },
    capacityProviders: [{ name: 'linux', instanceType: 'm5.24xlarge', minSize: 1, maxSize: instances }],
    services,
  };
  const file = path.join(scratch, `scale-${n}.json`);
  fs.writeFileSync(file, JSON.stringify(config));
  return file;
}

// Build the bundle once so that every case starts from the same state.
spawnSync(process.execPath, [path.join(root, 'scripts/app.cjs'), '--build-only'], { cwd: root, stdio: 'inherit' });

const results = [];
console.log(`bench: ${RUNS} runs per case (${SLOW_RUNS} for the cdktf CLI cases) after one warm-up, medians`);
const [main, synthOnly, floor] = benchInterleaved([
  benchCase('main', '(a) main command: node scripts/app.cjs', process.execPath, ['scripts/app.cjs'], outdirEnv('a')),
  benchCase(
    'synthOnly',
    '(b) synth step alone (JSON + reports, no pictures)',
    process.execPath,
    ['scripts/app.cjs', '--synth-only'],
    outdirEnv('b'),
  ),
  benchCase('floor', '(e) floor: node loading cdktf and constructs', process.execPath, [
    '-e',
    "require('cdktf'); require('constructs')",
  ]),
]);
results.push(main, synthOnly);
if (!QUICK) {
  results.push(
    ...benchInterleaved(
      [
        benchCase(
          'cdktfSynth',
          '(c) cdktf synth with our app',
          path.join(root, 'node_modules/.bin/cdktf'),
          ['synth', '--output', path.join(scratch, 'c')],
          {},
          root,
        ),
      ],
      SLOW_RUNS,
    ),
  );
  results.push(
    ...benchInterleaved(
      [
        benchCase(
          'naive',
          '(d) naive: root import, ts-node, cdktf synth',
          path.join(root, 'node_modules/.bin/cdktf'),
          ['synth', '--output', path.join(scratch, 'd')],
          {},
          path.join(root, 'bench/naive'),
        ),
      ],
      SLOW_RUNS,
    ),
  );
}
results.push(floor);

const SCALE = [1, 10, 100, 1000];
const scale = benchInterleaved(
  SCALE.map((n) =>
    benchCase(`scale${n}`, `scale: ${n} services (synth step)`, process.execPath, ['scripts/app.cjs', '--synth-only'], {
      ...outdirEnv(`s${n}`),
      AWSVPC_CONFIG: scaleConfig(n),
    }),
  ),
).map((r, i) => ({ services: SCALE[i], ...r }));

const by = Object.fromEntries(results.map((r) => [r.name, r]));
const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : undefined);
const s1 = scale.find((s) => s.services === 1);
const s1000 = scale.find((s) => s.services === 1000);
const ratios = {
  synthOnlyVsFloorTime: ratio(by.synthOnly.medianMs, by.floor.medianMs),
  synthOnlyVsFloorMemory: ratio(by.synthOnly.medianPeakMiB, by.floor.medianPeakMiB),
  mainVsFloorTime: ratio(by.main.medianMs, by.floor.medianMs),
  naiveVsMainTime: by.naive ? ratio(by.naive.medianMs, by.main.medianMs) : undefined,
  scale1000VsScale1Time: ratio(s1000.medianMs, s1.medianMs),
};
const targets = {
  'synth step no slower than the floor': ratios.synthOnlyVsFloorTime <= 1,
  'main command at most 3x the floor': ratios.mainVsFloorTime <= 3,
  'main command at least 15x faster than naive':
    ratios.naiveVsMainTime === undefined ? null : ratios.naiveVsMainTime >= 15,
  'synth step memory at most 1.3x the floor': ratios.synthOnlyVsFloorMemory <= 1.3,
  '1000 services at most 8x the time of 1': ratios.scale1000VsScale1Time <= 8,
  '1000 services under 256 MiB': s1000.medianPeakMiB < 256,
};

const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
};
const out = {
  date: new Date().toISOString(),
  machine,
  runs: RUNS,
  slowRuns: SLOW_RUNS,
  results,
  scale,
  ratios,
  targets,
};
fs.writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(out, null, 2)}\n`);

const pad = (s, n) => String(s).padEnd(n);
console.log('\n' + pad('case', 52) + pad('median ms', 11) + 'peak MiB');
for (const r of [...results, ...scale]) console.log(pad(r.label, 52) + pad(r.medianMs, 11) + r.medianPeakMiB);
console.log('\nratios:', JSON.stringify(ratios));
for (const [k, v] of Object.entries(targets)) console.log(`${v === null ? 'n/a ' : v ? 'met ' : 'MISS'}  ${k}`);
fs.rmSync(scratch, { recursive: true, force: true });

// The README shows the latest table, between its bench markers.
const readmePath = path.join(root, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const begin = readme.indexOf('<!-- bench:begin');
const end = readme.indexOf('<!-- bench:end -->');
if (begin >= 0 && end > begin) {
  const beginLineEnd = readme.indexOf('\n', begin) + 1;
  const rows = [...results, ...scale].map((r) => `| ${r.label} | ${r.medianMs} | ${r.medianPeakMiB} |`);
  const verdicts = Object.entries(targets).map(
    ([k, v]) => `- ${v === null ? 'not measured' : v ? 'met' : '**missed**'}: ${k}`,
  );
  const table = [
    `Measured ${out.date.slice(0, 10)} on ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node} ` +
      `(medians of ${RUNS} runs per case, ${SLOW_RUNS} for (c) and (d), after a warm-up; cases compared by a target run interleaved):`,
    '',
    '| case | wall ms | peak MiB |',
    '|---|---|---|',
    ...rows,
    '',
    `Ratios: synth step / floor ${ratios.synthOnlyVsFloorTime}x time and ${ratios.synthOnlyVsFloorMemory}x memory; ` +
      `main command / floor ${ratios.mainVsFloorTime}x; naive / main command ${ratios.naiveVsMainTime ?? 'n/a'}x; ` +
      `1000 services / 1 service ${ratios.scale1000VsScale1Time}x.`,
    '',
    ...verdicts,
    '',
  ].join('\n');
  fs.writeFileSync(readmePath, readme.slice(0, beginLineEnd) + table + readme.slice(end));
}
