/**
 * Reliability under bad input: whatever awsvpc.config.json holds, the default app either synthesizes
 * stacks that Terraform accepts, or fails cleanly with exit code 1 and says what is wrong (a
 * ValidationError's problems, or the policy pack's violations). Never a TypeError, never the
 * "unexpected error" path (exit code 70), never a run that does not end.
 *
 * The configurations mix valid and invalid values across the whole schema (support/config-arbitraries.ts):
 * AWS's tag rules, image references, host ports the agent reserves, tasks larger than their instances,
 * root in Docker's other spellings, secret-like environment names, S3 and HCP names, certificates of
 * another region, settings that need a written reason, Terraform template syntax in free text; and a
 * quarter arrive as file text with a byte-order mark, a key given twice, a `__proto__` key or a number
 * beyond a double. Each runs through the real synth pipeline (parseConfig or parseConfigText, buildAwsvpcApp, synthesizeAtomically with
 * reports and pictures, reportFailure) in a worker thread, which the harness terminates when a run
 * outlives its time limit. A sample of the stacks that synthesized then goes through
 * `terraform init` and `terraform validate`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { expectStackPasses } from '../engine/terraform';
import { SHOP_CONFIG } from './fixtures';
import { configDocument, configText } from './support/config-arbitraries';
import {
  endedCleanly,
  instancesRefusePrivileged,
  rejectionIsExplained,
  stacksAreComplete,
} from './support/outcome-laws';
import { SynthHarness, type Synthesized } from './support/synth-harness';

/** Runs: each takes well under a second; together with the engine sample the file stays near 30 s. */
const RUNS = 100;
/** A run that takes this long has hung (a normal one takes well under a second, even on a busy machine). */
const TIME_LIMIT_MS = 15_000;
/** How many of the synthesized apps go through terraform validate (about 5 s per stack). */
const ENGINE_SAMPLE = 2;

/** Configurations that once broke a law, run before the random ones. */
const EXAMPLES: readonly unknown[] = [
  {},
  SHOP_CONFIG,
  // Two services with service discovery once declared two private DNS namespaces of the same name.
  {
    services: [
      { name: 'web', serviceDiscovery: true },
      { name: 'api', serviceDiscovery: true, networkMode: 'bridge' },
    ],
  },
];

describe('random configurations', () => {
  let harness: SynthHarness;
  let scratch: string;
  /** Synthesized outcomes of the fixed examples (run first) and of the random documents. */
  const synthesized = { examples: [] as Synthesized[], random: [] as Synthesized[] };
  let rejected = 0;

  beforeAll(() => {
    harness = new SynthHarness();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-random-configs-'));
  });
  afterAll(async () => {
    await harness.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('either synthesize complete stacks or fail with exit code 1 and an explanation: never a crash or a hang', async () => {
    let run = 0;
    const input = fc.oneof(
      { arbitrary: configDocument.map((config) => ({ config })), weight: 3 },
      { arbitrary: configText.map((text) => ({ text })), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(input, async (document) => {
        const example = run < EXAMPLES.length;
        const outcome = await harness.run(
          { ...document, outdir: path.join(scratch, `run-${run++}`, 'cdktf.out'), pictures: true },
          TIME_LIMIT_MS,
        );
        expect([
          ...endedCleanly(outcome),
          ...rejectionIsExplained(outcome),
          ...stacksAreComplete(outcome),
          ...instancesRefusePrivileged(outcome),
        ]).toEqual([]);
        if (outcome.kind === 'synthesized') (example ? synthesized.examples : synthesized.random).push(outcome);
        if (outcome.kind === 'rejected') rejected++;
      }),
      {
        numRuns: RUNS,
        examples: EXAMPLES.map((e): [{ config: Record<string, unknown> } | { text: string }] => [
          { config: e as Record<string, unknown> },
        ]),
      },
    );

    // The mix reaches both ends: stacks written, and rejections.
    expect(synthesized.examples).toHaveLength(EXAMPLES.length);
    expect(synthesized.random.length).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(RUNS / 2);
  }, 120_000);

  test('a sample of the synthesized platform stacks passes terraform init and validate', () => {
    // The largest random ones say the most; the fixed examples only fill in when too few random
    // documents synthesized.
    const bySize = (outcomes: readonly Synthesized[]) =>
      outcomes
        .map((outcome) => {
          const stack = outcome.stacks.find((s) => s.endsWith('-platform'))!;
          const dir = path.join(outcome.outdir, 'stacks', stack);
          return { dir, size: fs.statSync(path.join(dir, 'cdk.tf.json')).size };
        })
        .sort((a, b) => b.size - a.size);
    const sample = [...bySize(synthesized.random), ...bySize(synthesized.examples)].slice(0, ENGINE_SAMPLE);
    expect(sample).toHaveLength(ENGINE_SAMPLE);
    for (const { dir } of sample) expectStackPasses(dir);
  }, 120_000);
});
