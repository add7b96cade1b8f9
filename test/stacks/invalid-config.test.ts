/**
 * Invalid configuration files fed to the default app: the app exits 1, prints one line per problem
 * naming the key path (or, for errors the constructs find, the construct property), no stack trace,
 * and writes nothing under cdktf.out; a previous cdktf.out stays byte-identical.
 *
 * Every case runs in this process, through the steps main.ts takes (test/support/in-process-app.ts);
 * three of them also run through the real entry point (`node scripts/app.cjs`, one process each) to
 * prove that main.ts is wired to those steps: its exit code, its stderr, nothing written.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listFiles, runApp } from '../support/app-runner';
import { runAppInProcess } from '../support/in-process-app';
import { type InvalidCase, LOADER_CASES } from './invalid-config-cases';
import { CONSTRUCT_AND_STRICT_CASES } from './invalid-config-cases-constructs';

/** In the order the cases were written: every other one runs with a previous cdktf.out. */
const CASES: readonly InvalidCase[] = [...LOADER_CASES, ...CONSTRUCT_AND_STRICT_CASES];

/** The cases that also run through `node scripts/app.cjs`: the document, the constructs, the policy pack. */
const ENTRY_POINT_CASES = [
  'bad JSON syntax (a trailing comma)',
  'a container that runs as root (a policy violation)',
  'three problems in one file (three lines)',
];

const PROBLEM_LINE = /^ {2}\[([A-Z][A-Z0-9_]+)\] (.+?): received .*; allowed: .*\. Fix: .+$/;

/** Every file under `dir` with a digest of its contents. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((f) => [
      f,
      createHash('sha256')
        .update(fs.readFileSync(path.join(dir, f)))
        .digest('hex'),
    ]),
  );
}

/** The printed problems as `{ code, path, line }`, or a description of the first line that is none. */
function parseProblems(stderr: string): { header: string; problems: { code: string; path: string; line: string }[] } {
  const [header = '', ...rest] = stderr.trimEnd().split('\n');
  const problems = rest.map((line) => {
    const m = PROBLEM_LINE.exec(line);
    if (m) return { code: m[1]!, path: m[2]!, line };
    throw new Error(`not a one-line problem: ${JSON.stringify(line)}\nin:\n${stderr}`);
  });
  return { header, problems };
}

interface Rejection {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const scratchDirs: string[] = [];
afterEach(() => scratchDirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A scratch folder with the case's configuration file (and a copy of an earlier output when asked). */
function prepare(c: InvalidCase, previousOutput: string | undefined): { cwd: string; before: Record<string, string> } {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-invalid-'));
  scratchDirs.push(cwd);
  if (previousOutput) fs.cpSync(previousOutput, path.join(cwd, 'cdktf.out'), { recursive: true });
  if (c.config !== undefined) {
    const text = typeof c.config === 'string' ? c.config : JSON.stringify(c.config, null, 2);
    fs.writeFileSync(path.join(cwd, 'awsvpc.config.json'), text);
  }
  return { cwd, before: snapshot(path.join(cwd, 'cdktf.out')) };
}

/** Exit 1, the header and one line per expected problem, no stack trace, nothing written. */
function expectRejected(run: Rejection, c: InvalidCase, cwd: string, before: Record<string, string>): void {
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: expect.any(String) });
  // No stack trace, anywhere.
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at /m);

  const { header, problems } = parseProblems(run.stderr);
  const n = c.problems.length;
  expect(header).toBe(`synth failed: ${n} problem${n === 1 ? '' : 's'} (nothing was written)`);
  // One line per problem, each naming its code and key path.
  expect(problems.map(({ code, path: at }) => ({ code, path: at }))).toEqual(
    c.problems.map(({ code, path: at }) => ({ code, path: at })),
  );
  c.problems.forEach((expected, i) => {
    for (const text of expected.says ?? []) expect(problems[i]!.line).toContain(text);
  });

  // Nothing written: no cdktf.out (or the earlier one, byte-identical) and no scratch folder left behind.
  expect(snapshot(path.join(cwd, 'cdktf.out'))).toEqual(before);
  const expectedEntries = [
    ...(Object.keys(before).length > 0 ? ['cdktf.out'] : []),
    ...(c.config !== undefined ? ['awsvpc.config.json'] : []),
  ];
  expect(fs.readdirSync(cwd).sort()).toEqual(expectedEntries.sort());
}

let previousOutput: string;

beforeAll(async () => {
  // A real earlier synth, to check that a failed one leaves it byte-identical.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-invalid-previous-'));
  const ok = await runAppInProcess({ cwd, args: ['--synth-only'] });
  expect(ok).toMatchObject({ code: 0, stderr: '' });
  previousOutput = ok.outdir;
}, 30_000);

afterAll(() => fs.rmSync(path.dirname(previousOutput), { recursive: true, force: true }));

describe('the app with an invalid configuration', () => {
  test(`covers at least 30 files (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  test.each(CASES.map((c, i) => [c.name, c, i % 2 === 1] as const))('%s', async (_name, c, withPreviousOutput) => {
    const { cwd, before } = prepare(c, withPreviousOutput ? previousOutput : undefined);
    const run = await runAppInProcess({ cwd, env: c.env ?? {}, args: ['--synth-only'] });
    expectRejected(run, c, cwd, before);
  });
});

describe('the real entry point (node scripts/app.cjs) with an invalid configuration', () => {
  const cases = ENTRY_POINT_CASES.map((name) => CASES.find((c) => c.name === name)!);

  test('runs cases of the list above', () => {
    expect(cases.every((c) => c !== undefined)).toBe(true);
  });

  test.each(cases.map((c, i) => [c.name, c, i !== 1] as const))('%s', (_name, c, withPreviousOutput) => {
    const { cwd, before } = prepare(c, withPreviousOutput ? previousOutput : undefined);
    const run = runApp({ cwd, args: ['--synth-only'], script: true, ...(c.env ? { env: c.env } : {}) });
    expectRejected(run, c, cwd, before);
  });
});
