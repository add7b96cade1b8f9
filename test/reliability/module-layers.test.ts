/**
 * The layering of docs/design.md, read from the import statements of modules/ (type-only imports
 * included): core <- capacity <- network / security / account <- compute <- service <- stacks, with
 * policy and diagram as read-only views used by stacks; and no file imports itself in a circle.
 */
import * as fs from 'fs';
import * as path from 'path';

const MODULES = path.join(__dirname, '..', '..', 'modules');

/** The tier of each module; a module imports only lower tiers, or its own tier without a cycle. */
const TIER: Record<string, number> = {
  core: 0,
  capacity: 1,
  network: 2,
  security: 2,
  account: 2,
  compute: 3,
  service: 4,
  policy: 5,
  diagram: 5,
  stacks: 6,
};

/**
 * File cycles that exist today. None: an entry may only be added with an issue to remove it (the
 * test fails if a cycle comes back).
 */
const KNOWN_CYCLES: string[][] = [];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const files = sourceFiles(MODULES).map((f) => path.relative(MODULES, f).split(path.sep).join('/'));
const known = new Set(files);

/** Relative imports and re-exports of a file, resolved to files of modules/. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(MODULES, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+'(\.[^']*)'/g)) {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!));
    const hit = [`${base}.ts`, `${base}/index.ts`].find((c) => known.has(c));
    if (hit) out.push(hit);
  }
  return out;
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));
const moduleOf = (file: string): string => (file.includes('/') ? file.split('/')[0]! : '(root)');

/** Strongly connected components with more than one file (Tarjan). */
function fileCycles(): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return cycles.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

describe('module layers', () => {
  test('every module is in the layer table', () => {
    expect([...new Set(files.map(moduleOf))].filter((m) => m !== '(root)' && TIER[m] === undefined)).toEqual([]);
  });

  test('dependencies point one way: no module imports a module of a higher tier', () => {
    const wrong: string[] = [];
    for (const [file, deps] of graph) {
      const from = moduleOf(file);
      if (from === '(root)') continue;
      for (const dep of deps) {
        const to = moduleOf(dep);
        if (to !== from && TIER[to]! > TIER[from]!) wrong.push(`${file} -> ${dep}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('modules of one tier do not import each other in a circle', () => {
    const edges = new Set<string>();
    for (const [file, deps] of graph) for (const dep of deps) edges.add(`${moduleOf(file)}>${moduleOf(dep)}`);
    const both = [...edges].filter((e) => {
      const [a, b] = e.split('>');
      return a !== b && edges.has(`${b}>${a}`);
    });
    expect(both).toEqual([]);
  });

  test('no file imports itself in a circle (the cluster adopts capacity providers through an interface)', () => {
    expect(fileCycles()).toEqual(KNOWN_CYCLES);
    expect(graph.get('compute/ec2-capacity-provider.ts')).not.toContain('compute/cluster.ts');
    expect(graph.get('compute/cluster.ts')!.some((d) => d.startsWith('service/'))).toBe(false);
  });
});
