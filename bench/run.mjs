// npm run bench: wall time and peak resident memory of the ways to synthesize this design, side by side.
//
// Each case runs once to warm up (disk cache, the bundle) and then RUNS times; the table shows medians.
// Cases whose times are compared by a target run interleaved (a, b, e, a, b, e, ...; likewise the
// scale series), so that a machine that slows down or speeds up during the run (a shared VM does)
// moves both sides of a ratio alike.
// Peak memory is the child's maximum resident set size as GNU time reports it (%M, KiB).
// Results go to bench/results.json; the README shows the latest table.
//
//   npm run bench                 every case, one interleaved run, then the per-patch mode
//   npm run bench -- --patches    only the per-patch mode: the gain of each patch of the bundle (and of
//                                 AwsStack's render shortcut) at 100 services; updates results.json's `patches`
//   npm run bench -- --quick      without the slow cdktf-CLI cases; BENCH_RUNS=<n> sets the runs per case
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PATCH_NAMES } from '../scripts/cdktf-patches.mjs';
import { printPatches, updateReadme } from './report.mjs';
import { prepareUserProject } from './user-project.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Cases compared by a ratio target get RUNS runs (9 by default: this machine's times vary by a fifth
// from run to run); the slow cdktf-CLI cases (c) and (d) get 5, the minimum.
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const SLOW_RUNS = Math.min(RUNS, 5);
const QUICK = process.argv.includes('--quick'); // skips the slow cdktf-cli cases, for a smoke run
const PATCHES_ONLY = process.argv.includes('--patches');
/** Services of the per-patch measurement: the yardstick, and the rule (a patch gains 10% or goes). */
const PATCH_SERVICES = 100;
const PATCH_MIN_GAIN = 0.1;
const TIME = '/usr/bin/time';

if (!fs.existsSync(TIME)) {
  console.error('bench needs GNU time at /usr/bin/time for peak memory (Debian: apt-get install time)');
  process.exit(2);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-bench-'));

function measureOnce(cmd, args, env, cwd) {
  const r = spawnSync(TIME, ['-f', '__BENCH__ %e %M %U %S', cmd, ...args], {
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
  const [, seconds, kib, user, system] = line.split(' ');
  // CPU time (user + system, 10 ms resolution) moves much less than wall time on a busy machine.
  return { kib: Number(kib), seconds: Number(seconds), cpuMs: (Number(user) + Number(system)) * 1000 };
}

function timed(cmd, args, env, cwd) {
  const t0 = process.hrtime.bigint();
  const m = measureOnce(cmd, args, env, cwd);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, mib: m.kib / 1024, cpuMs: m.cpuMs };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** One case: what to run and how to label it; `runs` overrides the group's (the slow cdktf CLI cases). */
function benchCase(name, label, cmd, args, env = {}, cwd = undefined, runs = undefined) {
  return { name, label, cmd, args, env, cwd, runs };
}

/**
 * Runs `cases` interleaved: one warm-up each, then rounds of one run of each case (a case with fewer
 * runs than the group sits out the last rounds); medians per case.
 */
function benchInterleaved(cases, runs = RUNS) {
  for (const c of cases) timed(c.cmd, c.args, c.env, c.cwd); // warm-up
  const samples = cases.map(() => []);
  const rounds = Math.max(...cases.map((c) => c.runs ?? runs));
  for (let r = 0; r < rounds; r++) {
    cases.forEach((c, i) => {
      if (r < (c.runs ?? runs)) samples[i].push(timed(c.cmd, c.args, c.env, c.cwd));
    });
  }
  return cases.map((c, i) => {
    const result = {
      name: c.name,
      label: c.label,
      command: [c.cmd, ...c.args].join(' '),
      ...(Object.keys(c.env).length > 0 ? { env: withoutScratch(c.env) } : {}),
      runs: samples[i].length,
      medianMs: Math.round(median(samples[i].map((s) => s.ms))),
      medianPeakMiB: Math.round(median(samples[i].map((s) => s.mib)) * 10) / 10,
      medianCpuMs: Math.round(median(samples[i].map((s) => s.cpuMs))),
      samplesMs: samples[i].map((s) => Math.round(s.ms)),
    };
    console.log(`  ${result.label}: ${result.medianMs} ms (${result.medianCpuMs} ms CPU), ${result.medianPeakMiB} MiB`);
    return result;
  });
}

/** A case's environment as recorded: the scratch folder's paths shortened. */
function withoutScratch(env) {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).split(scratch).join('<scratch>')]));
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

/** cdktf as published in the bundle: no patch, and AwsStack rendering the way cdktf's TerraformStack does. */
const STOCK_ENV = { AWSVPC_BUNDLE_OMIT: 'all', AWSVPC_STOCK_STACK_RENDER: '1' };

/** Builds the default app's bundle for `env` (each patch set is a bundle of its own), so no case times a build. */
function buildBundle(env = {}) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/app.cjs'), '--build-only'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`bench: building the bundle for ${JSON.stringify(env)} failed`);
}

/** The default app's synth step with `n` services, on the bundle `env` chooses. */
function synthStepCase(name, label, n, env = {}) {
  return benchCase(name, label, process.execPath, ['scripts/app.cjs', '--synth-only'], {
    ...outdirEnv(name),
    AWSVPC_CONFIG: scaleConfig(n),
    ...env,
  });
}

const SCALE = [1, 10, 100, 1000];
const STOCK_SCALE = [1, 100, 1000];
const USER_SCALE = [1, 1000];

/** The user app's three ways: (a) `cdktf synth` with ts-node, (b) tsc-compiled on stock cdktf, (c) the fast path. */
function userAppCases(project) {
  const sized = (n) => (n === 1 ? 'default size' : `${n} services`);
  return USER_SCALE.flatMap((n) => {
    const env = (way) => ({ ...outdirEnv(`user-${way}-${n}`), USER_APP_SERVICES: String(n) });
    return [
      ...(QUICK
        ? []
        : [
            benchCase(
              `userTsNode${n}`,
              `user app (a) cdktf synth, ts-node (cdktf init), ${sized(n)}`,
              path.join(root, 'node_modules/.bin/cdktf'),
              ['synth', '--output', path.join(scratch, `user-a-${n}`)],
              { USER_APP_SERVICES: String(n) },
              project,
              SLOW_RUNS,
            ),
          ]),
      benchCase(
        `userTsc${n}`,
        `user app (b) tsc + node, stock cdktf, ${sized(n)}`,
        process.execPath,
        ['main.js'],
        {
          CDKTF_OUTDIR: env('b').AWSVPC_OUTDIR,
          USER_APP_SERVICES: String(n),
        },
        project,
      ),
      benchCase(
        `userFast${n}`,
        `user app (c) awsvpc-ecs synth-app main.ts, ${sized(n)}`,
        process.execPath,
        ['node_modules/awsvpc-ecs/bin/awsvpc-ecs.js', 'synth-app', 'main.ts'],
        { CDKTF_OUTDIR: env('c').AWSVPC_OUTDIR, USER_APP_SERVICES: String(n) },
        project,
      ),
    ];
  });
}

/** Every case a ratio compares, in one interleaved group. */
function mainCases(project) {
  return [
    benchCase('main', '(a) main command: node scripts/app.cjs', process.execPath, ['scripts/app.cjs'], outdirEnv('a')),
    benchCase(
      'synthOnly',
      '(b) synth step alone (JSON + reports, no pictures)',
      process.execPath,
      ['scripts/app.cjs', '--synth-only'],
      outdirEnv('b'),
    ),
    ...(QUICK
      ? []
      : [
          benchCase(
            'cdktfSynth',
            '(c) cdktf synth with our app',
            path.join(root, 'node_modules/.bin/cdktf'),
            ['synth', '--output', path.join(scratch, 'c')],
            {},
            root,
            SLOW_RUNS,
          ),
          benchCase(
            'naive',
            '(d) naive: root import, ts-node, cdktf synth',
            path.join(root, 'node_modules/.bin/cdktf'),
            ['synth', '--output', path.join(scratch, 'd')],
            {},
            path.join(root, 'bench/naive'),
            SLOW_RUNS,
          ),
        ]),
    benchCase('floor', '(e) floor: node loading cdktf and constructs', process.execPath, [
      '-e',
      "require('cdktf'); require('constructs')",
    ]),
    ...SCALE.map((n) => synthStepCase(`scale${n}`, `scale: ${n} services (synth step)`, n)),
    ...STOCK_SCALE.map((n) =>
      synthStepCase(`stock${n}`, `stock cdktf (no patches, no render shortcut): ${n} services`, n, STOCK_ENV),
    ),
    ...userAppCases(project),
  ];
}

/**
 * The per-patch mode: at PATCH_SERVICES services, the bundle with every patch next to one bundle per
 * patch left out (and one with AwsStack's render shortcut off), interleaved. A patch's gain is how much
 * slower the synth step is without it.
 */
function measurePatches() {
  const variants = [
    { name: 'all', label: 'every patch', env: {} },
    ...PATCH_NAMES.map((p) => ({ name: p, label: `without ${p}`, env: { AWSVPC_BUNDLE_OMIT: p } })),
    { name: 'aws-stack-render', label: "without AwsStack's render shortcut", env: { AWSVPC_STOCK_STACK_RENDER: '1' } },
  ];
  variants.forEach((v) => buildBundle(v.env));
  console.log(`patches: ${PATCH_SERVICES} services, ${RUNS} runs per bundle`);
  const cases = benchInterleaved(
    variants.map((v) => synthStepCase(`patch-${v.name}`, `patches: ${v.label}`, PATCH_SERVICES, v.env)),
  );
  const all = cases[0].medianMs;
  const allCpu = cases[0].medianCpuMs;
  const gainOf = (without, base) => Math.round(((without - base) / base) * 1000) / 1000;
  const patches = variants.slice(1).map((v, i) => {
    const gain = gainOf(cases[i + 1].medianMs, all);
    return {
      name: v.name,
      medianMsWithout: cases[i + 1].medianMs,
      gain,
      // The same on CPU time (user + system): what to read on a machine others are using too.
      medianCpuMsWithout: cases[i + 1].medianCpuMs,
      cpuGain: gainOf(cases[i + 1].medianCpuMs, allCpu),
      earnsItsPlace: gain >= PATCH_MIN_GAIN,
    };
  });
  return {
    date: new Date().toISOString(),
    services: PATCH_SERVICES,
    runs: RUNS,
    minGain: PATCH_MIN_GAIN,
    withEveryPatchMs: all,
    withEveryPatchCpuMs: allCpu,
    patches,
    cases,
  };
}

const resultsPath = path.join(root, 'bench/results.json');
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
};

if (PATCHES_ONLY) {
  const patches = measurePatches();
  const previous = fs.existsSync(resultsPath) ? JSON.parse(fs.readFileSync(resultsPath, 'utf8')) : {};
  const out = { ...previous, patches: { ...patches, machine } };
  fs.writeFileSync(resultsPath, `${JSON.stringify(out, null, 2)}\n`);
  printPatches(patches);
  updateReadme(out);
  fs.rmSync(scratch, { recursive: true, force: true });
  process.exit(0);
}

// Build the bundles once so that every case starts from the same state.
buildBundle();
buildBundle(STOCK_ENV);
console.log('bench: building, packing and installing the package into a user project');
const project = prepareUserProject(root, scratch);
spawnSync(process.execPath, ['node_modules/awsvpc-ecs/bin/awsvpc-ecs.js', 'synth-app', '--build-only', 'main.ts'], {
  cwd: project,
  stdio: 'inherit',
});

console.log(`bench: ${RUNS} runs per case (${SLOW_RUNS} for the cdktf CLI cases) after one warm-up, medians`);
const measured = benchInterleaved(mainCases(project));
const by = Object.fromEntries(measured.map((r) => [r.name, r]));
const results = ['main', 'synthOnly', 'cdktfSynth', 'naive', 'floor'].filter((n) => by[n]).map((n) => by[n]);
const scale = SCALE.map((n) => ({ services: n, ...by[`scale${n}`] }));
const stock = STOCK_SCALE.map((n) => ({ services: n, ...by[`stock${n}`] }));
const userApp = USER_SCALE.flatMap((n) =>
  ['userTsNode', 'userTsc', 'userFast'].filter((w) => by[`${w}${n}`]).map((w) => ({ services: n, ...by[`${w}${n}`] })),
);
const patches = measurePatches();

const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : undefined);
const ms = (name) => by[name]?.medianMs;
const ratios = {
  synthOnlyVsFloorTime: ratio(ms('synthOnly'), ms('floor')),
  synthOnlyVsFloorMemory: ratio(by.synthOnly.medianPeakMiB, by.floor.medianPeakMiB),
  mainVsFloorTime: ratio(ms('main'), ms('floor')),
  naiveVsMainTime: ratio(ms('naive'), ms('main')),
  scale1000VsScale1Time: ratio(ms('scale1000'), ms('scale1')),
  ...Object.fromEntries(STOCK_SCALE.map((n) => [`stockVsPatched${n}Time`, ratio(ms(`stock${n}`), ms(`scale${n}`))])),
  userTsNodeVsFastTime: ratio(ms('userTsNode1'), ms('userFast1')),
  userTsNodeVsFast1000Time: ratio(ms('userTsNode1000'), ms('userFast1000')),
  userTscVsFastTime: ratio(ms('userTsc1'), ms('userFast1')),
  userTscVsFast1000Time: ratio(ms('userTsc1000'), ms('userFast1000')),
  userFastVsMainTime: ratio(ms('userFast1'), ms('main')),
  userFast1000VsScale1000Time: ratio(ms('userFast1000'), ms('scale1000')),
};
const targets = {
  'synth step no slower than the floor': ratios.synthOnlyVsFloorTime <= 1,
  'main command at most 3x the floor': ratios.mainVsFloorTime <= 3,
  'main command at least 15x faster than naive':
    ratios.naiveVsMainTime === undefined ? null : ratios.naiveVsMainTime >= 15,
  'synth step memory at most 1.3x the floor': ratios.synthOnlyVsFloorMemory <= 1.3,
  '1000 services at most 8x the time of 1': ratios.scale1000VsScale1Time <= 8,
  '1000 services under 256 MiB': by.scale1000.medianPeakMiB < 256,
  'user app: fast path (c) at least 10x faster than cdktf synth with ts-node (a)':
    ratios.userTsNodeVsFastTime === undefined ? null : ratios.userTsNodeVsFastTime >= 10,
  'user app, 1000 services: fast path (c) at least 2x faster than tsc + node (b)': ratios.userTscVsFast1000Time >= 2,
  'user app: fast path (c) never slower than tsc + node (b)':
    ratios.userTscVsFastTime >= 1 && ratios.userTscVsFast1000Time >= 1,
  "user app: fast path (c) within 1.3x of the default app's main command": ratios.userFastVsMainTime <= 1.3,
  [`every patch gains at least ${PATCH_MIN_GAIN * 100}% at ${PATCH_SERVICES} services`]: patches.patches.every(
    (p) => p.earnsItsPlace,
  ),
};

const out = {
  date: new Date().toISOString(),
  machine,
  runs: RUNS,
  slowRuns: SLOW_RUNS,
  results,
  scale,
  stock,
  userApp,
  ratios,
  targets,
  patches: { ...patches, machine },
};
fs.writeFileSync(resultsPath, `${JSON.stringify(out, null, 2)}\n`);

const pad = (s, n) => String(s).padEnd(n);
console.log('\n' + pad('case', 72) + pad('median ms', 11) + 'peak MiB');
for (const r of [...results, ...scale, ...stock, ...userApp])
  console.log(pad(r.label, 72) + pad(r.medianMs, 11) + r.medianPeakMiB);
printPatches(patches);
console.log('\nratios:', JSON.stringify(ratios));
for (const [k, v] of Object.entries(targets)) console.log(`${v === null ? 'n/a ' : v ? 'met ' : 'MISS'}  ${k}`);
fs.rmSync(scratch, { recursive: true, force: true });
updateReadme(out);
