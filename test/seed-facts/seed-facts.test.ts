/**
 * The seed-facts table (test/seed-facts/seed-facts.ts, rendered to docs/seed-facts.md) is held to the
 * code, so that it cannot drift: every code it names occurs in modules/, every output is one the
 * default app's platform stack has, every document anchor exists, and a fact that no code covers
 * says why.
 */
import * as fs from 'fs';
import * as path from 'path';
import { synthDefaultApp } from '../reliability/support/default-app';
import { renderSeedFacts } from './render';
import { Handling, SEED_FACTS } from './seed-facts';

const ROOT = path.resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation other than - and _ dropped, spaces to -. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const line of markdown.split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading)
      anchors.add(
        heading[1]!
          .trim()
          .toLowerCase()
          .replace(/[^a-z0-9 _-]/g, '')
          .replace(/ /g, '-'),
      );
    for (const m of line.matchAll(/<a id="([^"]+)"><\/a>/g)) anchors.add(m[1]!);
  }
  return anchors;
}

describe('the seed-facts table', () => {
  test('docs/seed-facts.md is what the list generates (run npm run generate:seed-facts)', () => {
    expect(fs.readFileSync(path.join(ROOT, 'docs', 'seed-facts.md'), 'utf8')).toBe(renderSeedFacts());
  });

  test('every fact has a unique id, a document, and the evidence its handling promises', () => {
    const ids = SEED_FACTS.map((f) => f.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const missing = SEED_FACTS.flatMap((f) => [
      ...(f.docs.length === 0 ? [`${f.id}: no document`] : []),
      ...(f.handling === Handling.SYNTH_CHECK && (f.codes ?? []).length === 0
        ? [`${f.id}: a synth check without a code`]
        : []),
      ...(f.handling === Handling.OUTPUT && (f.outputs ?? []).length === 0
        ? [`${f.id}: an output fact without an output`]
        : []),
      ...([Handling.DOC, Handling.NOT_HANDLED].includes(f.handling) && !f.reason
        ? [`${f.id}: no reason why code does not cover it`]
        : []),
    ]);
    expect(missing).toEqual([]);
  });

  test('covers the facts issue 18 names', () => {
    expect(SEED_FACTS.map((f) => f.id)).toEqual(
      expect.arrayContaining([
        'host-mode-task-roles',
        'service-linked-role',
        'in-container-tools',
        'stop-task',
        'instance-lookup',
        'client-prerequisites',
        'subnet-az-of-instance',
        'endpoints-without-nat',
        'enis-attached-by-hand',
        'task-enis-not-detachable',
        'windows-gmsa',
        'windows-fsx',
      ]),
    );
  });

  test('every code it names occurs in modules/', () => {
    const source = sourceFiles(path.join(ROOT, 'modules'))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('\n');
    const unknown = SEED_FACTS.flatMap((f) =>
      (f.codes ?? [])
        .filter((c) => !source.includes(`'${c}'`) && !source.includes(`[${c}]`))
        .map((c) => `${f.id}: ${c}`),
    );
    expect(unknown).toEqual([]);
  });

  test("every output it names is an output of the default app's platform stack", () => {
    const outputs = Object.keys(synthDefaultApp({}).stacks.get('lab-platform')!.output ?? {});
    const unknown = SEED_FACTS.flatMap((f) =>
      (f.outputs ?? []).filter((o) => !outputs.includes(o)).map((o) => `${f.id}: ${o}`),
    );
    expect(unknown).toEqual([]);
  }, 30_000);

  test('every document and anchor it names exists', () => {
    const broken = SEED_FACTS.flatMap((f) =>
      f.docs
        .filter((ref) => {
          const [file, anchor] = ref.split('#');
          const full = path.join(ROOT, file!);
          if (!fs.existsSync(full)) return true;
          return anchor !== undefined && !anchorsOf(fs.readFileSync(full, 'utf8')).has(anchor);
        })
        .map((ref) => `${f.id}: ${ref}`),
    );
    expect(broken).toEqual([]);
  });

  test('the anchor reader fails on an anchor that is not there', () => {
    expect(anchorsOf('## Host mode and task roles\n<a id="x-y"></a>')).toEqual(
      new Set(['host-mode-and-task-roles', 'x-y']),
    );
    expect(anchorsOf('## `Ec2CapacityProvider`').has('ec2capacityprovider')).toBe(true);
  });
});
