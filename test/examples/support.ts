/** Helpers of the examples' tests: synthesize an example in-process, read its findings and the docs. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import type { IConstruct } from 'constructs';
import type { PolicyPack } from '../../modules/policy';
import type { TerraformJson } from '../support/synth';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface SynthesizedApp {
  /** The app (undefined when read back from a folder another process wrote). */
  readonly app: App;
  /** Folder holding `cdk.tf.json` of stack `name`. */
  dir(name: string): string;
  /** The parsed Terraform JSON of stack `name`. */
  json(name: string): TerraformJson;
}

/** Builds an app with `build` in a scratch folder and synthesizes it. */
export function synthesizeApp(build: (app: App) => unknown): SynthesizedApp {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-example-')) });
  build(app);
  app.synth();
  return fromOutdir(app.outdir, app);
}

/** Reads a synthesized output folder (cdktf.out). */
export function fromOutdir(outdir: string, app?: App): SynthesizedApp {
  const dir = (name: string) => path.join(outdir, 'stacks', name);
  return {
    app: app as App,
    dir,
    json: (name) => JSON.parse(fs.readFileSync(path.join(dir(name), 'cdk.tf.json'), 'utf8')) as TerraformJson,
  };
}

/** Annotations of one level (`warn`, `error`) anywhere under `scope`, as `path: message`. */
export function annotations(scope: IConstruct, level: 'warn' | 'error'): string[] {
  return scope.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata.filter((m) => m.type === `@cdktf/${level}`).map((m) => `${c.node.path}: ${String(m.data)}`),
    );
}

/** One suppression as docs/examples.md lists it. */
export interface SuppressionRow {
  /** Construct path where the suppression is declared. */
  readonly constructPath: string;
  readonly ruleId: string;
  readonly reason: string;
}

/** The suppressions a policy pack applied (one row per declaration, however many findings it covers). */
export function appliedSuppressions(pack: PolicyPack): SuppressionRow[] {
  const rows = new Map<string, SuppressionRow>();
  for (const f of pack.suppressed) {
    const row = { constructPath: f.suppressedAt!, ruleId: f.ruleId, reason: f.suppressionReason! };
    rows.set(`${row.constructPath} ${row.ruleId}`, row);
  }
  return [...rows.values()].sort((a, b) =>
    `${a.constructPath} ${a.ruleId}`.localeCompare(`${b.constructPath} ${b.ruleId}`),
  );
}

/**
 * The suppression rows docs/examples.md lists for `example` (first column), from its table
 * `| example | resource (construct path) | rule | reason |`.
 */
export function documentedSuppressions(example: string): SuppressionRow[] {
  const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'examples.md'), 'utf8');
  const rows: SuppressionRow[] = [];
  for (const line of doc.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length !== 4 || cells[0] !== `\`${example}\``) continue;
    const unquote = (s: string) => s.replace(/^`|`$/g, '');
    rows.push({ constructPath: unquote(cells[1]!), ruleId: unquote(cells[2]!), reason: cells[3]! });
  }
  return rows.sort((a, b) => `${a.constructPath} ${a.ruleId}`.localeCompare(`${b.constructPath} ${b.ruleId}`));
}
