/**
 * policy-report.json (modules/stacks/synth.ts): every policy finding of each stack that runs the pack,
 * next to its cdk.tf.json, written with the rest of the output or not at all.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ValidationError } from '../../modules/core';
import { PolicyFinding, renderPolicyReportJson } from '../../modules/policy';
import { AwsvpcAppStacks, buildAwsvpcApp, parseConfig, synthesizeAtomically, SynthResult } from '../../modules/stacks';
import { listFiles } from '../support/app-runner';

const scratchDirs: string[] = [];
afterEach(() => scratchDirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** An output folder holding a previous synth's file, in a scratch folder of its own. */
function outputFolder(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-policy-report-'));
  scratchDirs.push(parent);
  const outdir = path.join(parent, 'cdktf.out');
  fs.mkdirSync(outdir);
  fs.writeFileSync(path.join(outdir, 'manifest.json'), '{"previous":true}');
  return outdir;
}

/** Synthesizes the default app for `config` without pictures, the pack's console report silenced. */
async function synth(config: unknown, outdir: string): Promise<{ result: SynthResult; stacks: AwsvpcAppStacks }> {
  let stacks: AwsvpcAppStacks | undefined;
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const result = await synthesizeAtomically(
      (app) => {
        stacks = buildAwsvpcApp(app, parseConfig(config));
      },
      { outdir, pictures: false },
    );
    return { result, stacks: stacks! };
  } finally {
    log.mockRestore();
  }
}

/** A finding as policy-report.json holds it (the fields of a PolicyFinding; reason and place only when suppressed). */
function asJson(f: PolicyFinding): unknown {
  return JSON.parse(JSON.stringify(f));
}

describe('policy-report.json', () => {
  test("holds every finding of the default app's platform stack, and the account stack (which runs no pack) has none", async () => {
    const outdir = outputFolder();
    const { result, stacks } = await synth({}, outdir);
    const findings = stacks.platform.policyPack.findings;
    expect(findings.length).toBeGreaterThan(0);
    expect(result.extras).toContain(path.join('stacks', 'lab-platform', 'policy-report.json'));
    expect(listFiles(outdir).filter((f) => f.endsWith('policy-report.json'))).toEqual([
      'stacks/lab-platform/policy-report.json',
    ]);

    const text = fs.readFileSync(path.join(outdir, 'stacks', 'lab-platform', 'policy-report.json'), 'utf8');
    expect(text).toBe(renderPolicyReportJson('lab-platform', findings));
    const report = JSON.parse(text) as {
      findings: unknown[];
      violations: number;
      warnings: number;
      suppressed: number;
    };
    expect(report.findings).toHaveLength(findings.length);
    expect(report.findings).toEqual(expect.arrayContaining(findings.map(asJson)));
    const pack = stacks.platform.policyPack;
    expect([report.violations, report.warnings, report.suppressed]).toEqual([
      pack.violations.length,
      pack.warnings.length,
      pack.suppressed.length,
    ]);
  });

  test('is not written when the synth fails: a violation leaves the previous output as it was', async () => {
    const outdir = outputFolder();
    // A container that runs as root: AWSVPC-ECS-004 is a violation.
    let error: unknown;
    try {
      await synth(
        { services: [{ name: 'api', image: 'public.ecr.aws/docker/library/httpd:2.4', user: 'root' }] },
        outdir,
      );
    } catch (e) {
      error = e;
    }
    expect(ValidationError.isValidationError(error)).toBe(true);
    expect((error as ValidationError).problems.map((p) => p.code)).toEqual(['POLICY_VIOLATION']);
    expect(listFiles(outdir)).toEqual(['manifest.json']);
    expect(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')).toBe('{"previous":true}');
    expect(fs.readdirSync(path.dirname(outdir))).toEqual(['cdktf.out']);
  });
});
