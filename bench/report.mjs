// The bench's printed and README reports, from what bench/run.mjs writes to bench/results.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const percent = (gain) => `${gain >= 0 ? '+' : ''}${Math.round(gain * 1000) / 10}%`;

/** The per-patch table: each patch's gain at the measured size, and whether it earns its place. */
export function printPatches(patches) {
  console.log(
    `\npatches at ${patches.services} services: ${patches.withEveryPatchMs} ms ` +
      `(${patches.withEveryPatchCpuMs} ms CPU) with every patch; without one of them (wall, CPU):`,
  );
  for (const p of patches.patches) {
    const verdict = p.earnsItsPlace ? 'keep' : `DROP (< ${patches.minGain * 100}%)`;
    const wall = `${String(p.medianMsWithout).padStart(6)} ms ${percent(p.gain).padStart(7)}`;
    const cpu = `${String(p.medianCpuMsWithout).padStart(6)} ms ${percent(p.cpuGain).padStart(7)}`;
    console.log(`  ${p.name.padEnd(20)} ${wall}  ${cpu}  ${verdict}`);
  }
}

function patchRows(patches) {
  return [
    `Per patch (\`npm run bench -- --patches\`), synth step at ${patches.services} services, measured ${patches.date.slice(0, 10)} ` +
      `(medians of ${patches.runs} runs, interleaved): ${patches.withEveryPatchMs} ms ` +
      `(${patches.withEveryPatchCpuMs} ms CPU) with every patch. ` +
      `A patch stays if the synth step is at least ${patches.minGain * 100}% slower without it.`,
    '',
    '| left out | wall ms | gain of the patch | CPU ms | gain in CPU time |',
    '|---|---|---|---|---|',
    ...patches.patches.map(
      (p) =>
        `| ${p.name} | ${p.medianMsWithout} | ${percent(p.gain)} | ${p.medianCpuMsWithout} | ${percent(p.cpuGain)} |`,
    ),
    '',
  ];
}

function ratioLine(r) {
  const x = (v) => (v === undefined ? 'n/a' : `${v}x`);
  return [
    `Ratios: synth step / floor ${x(r.synthOnlyVsFloorTime)} time and ${x(r.synthOnlyVsFloorMemory)} memory; ` +
      `main command / floor ${x(r.mainVsFloorTime)}; naive / main command ${x(r.naiveVsMainTime)}; ` +
      `1000 services / 1 service ${x(r.scale1000VsScale1Time)}.`,
    `Stock cdktf / patched synth step: ${x(r.stockVsPatched1Time)} at 1 service, ${x(r.stockVsPatched100Time)} at 100, ` +
      `${x(r.stockVsPatched1000Time)} at 1000.`,
    `User app: (a) ts-node / (c) fast path ${x(r.userTsNodeVsFastTime)} (${x(r.userTsNodeVsFast1000Time)} at 1000 services); ` +
      `(b) tsc + node / (c) ${x(r.userTscVsFastTime)} (${x(r.userTscVsFast1000Time)} at 1000); ` +
      `(c) / default app's main command ${x(r.userFastVsMainTime)}; (c) at 1000 / default app's synth step at 1000 ` +
      `${x(r.userFast1000VsScale1000Time)}.`,
  ];
}

/** Rewrites the README's bench block (between its markers) from `out`. */
export function updateReadme(out) {
  const readmePath = path.join(root, 'README.md');
  const readme = fs.readFileSync(readmePath, 'utf8');
  const begin = readme.indexOf('<!-- bench:begin');
  const end = readme.indexOf('<!-- bench:end -->');
  if (begin < 0 || end <= begin || !out.results) return;
  const beginLineEnd = readme.indexOf('\n', begin) + 1;
  const m = out.machine;
  const rows = [...out.results, ...out.scale, ...(out.stock ?? []), ...(out.userApp ?? [])].map(
    (r) => `| ${r.label} | ${r.medianMs} | ${r.medianPeakMiB} |`,
  );
  const verdicts = Object.entries(out.targets).map(
    ([k, v]) => `- ${v === null ? 'not measured' : v ? 'met' : '**missed**'}: ${k}`,
  );
  const table = [
    `Measured ${out.date.slice(0, 10)} on ${m.cpus} x ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node} ` +
      `(medians of ${out.runs} runs per case, ${out.slowRuns} for the cdktf CLI cases, after a warm-up; every case ` +
      'below the patches in one interleaved run):',
    '',
    '| case | wall ms | peak MiB |',
    '|---|---|---|',
    ...rows,
    '',
    ...ratioLine(out.ratios),
    '',
    ...(out.patches ? patchRows(out.patches) : []),
    ...verdicts,
    '',
  ].join('\n');
  fs.writeFileSync(readmePath, readme.slice(0, beginLineEnd) + table + readme.slice(end));
}
