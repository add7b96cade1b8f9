import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { renderDotSvg, renderTopologySvg, stopGraphviz } from '../../modules/diagram/render';
import { synthImported, synthLab } from './fixtures';

/** The text a reader sees: every <text> element of the SVG, entities decoded, one per line. */
function visibleText(svg: string): string {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#45': '-' };
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) => m[1]!.replace(/&(amp|lt|gt|quot|#39|#45);/g, (_, e: string) => entities[e]!))
    .join('\n');
}

/** esbuild bundles modules/diagram/render.ts into one CommonJS file `outfile` (plus `extra` flags). */
function bundleRenderer(outfile: string, ...extra: string[]): void {
  const root = path.join(__dirname, '..', '..');
  execFileSync(path.join(root, 'node_modules', '.bin', 'esbuild'), [
    path.join(root, 'modules', 'diagram', 'render.ts'),
    '--bundle',
    '--platform=node',
    '--format=cjs',
    `--outfile=${outfile}`,
    '--log-level=error',
    ...extra,
  ]);
}

const FACTS = { tasksPerInstance: { 'c5.large': 10 }, availabilityZoneNames: ['us-east-1a', 'us-east-1b'] };

describe('renderTopologySvg', () => {
  test('renders the lab as SVG with its CIDRs, instance type and task counts', async () => {
    const svg = await renderTopologySvg(synthLab().json, FACTS);
    expect(svg).toMatch(/^<\?xml[^]*<svg [^]*<\/svg>\s*$/);
    const text = visibleText(svg);
    for (const line of [
      'VPC lab · 10.0.0.0/16',
      'us-east-1a',
      'us-east-1b',
      'Public subnet · 10.0.0.0/24',
      'Public subnet · 10.0.1.0/24',
      'Private subnet · 10.0.128.0/18',
      'Private subnet · 10.0.192.0/18',
      'NAT gateway',
      'Internet gateway',
      'EC2 c5.large',
      '10 tasks per instance · up to 40 in all',
      '2 tasks across 2 AZs · awsvpc',
      'ALB lab · internet-facing',
      'sg lab-tasks',
      '80/tcp from sg lab-alb',
    ]) {
      expect(text).toContain(line);
    }
  });

  test("names fonts with Helvetica's metrics before the generic fallback", async () => {
    const svg = await renderTopologySvg({
      resource: { aws_ecs_account_setting_default: { t: { name: 'awsvpcTrunking', value: 'enabled' } } },
    });
    expect(svg).toContain('font-family="Helvetica,Arial,\'Liberation Sans\',sans-serif"');
    expect(svg).not.toContain('Helvetica,sans-Serif');
  });

  test('renders stacks with missing pieces and awkward names', async () => {
    const odd = {
      resource: {
        aws_vpc: { v1: { cidr_block: '10.9.0.0/16', tags: { Name: 'a "b" <c> & d' } } },
        aws_subnet: { s: { vpc_id: '${aws_vpc.v1.id}', cidr_block: '10.9.0.0/24', tags: { Name: '</text>' } } },
        aws_ecs_service: { e: { name: 'svc', cluster: '${aws_ecs_cluster.gone.id}', desired_count: '${var.n}' } },
      },
    };
    const onlyVpc = { resource: { aws_vpc: { v: { cidr_block: '10.1.0.0/16' } } } };
    for (const json of [{}, odd, onlyVpc, synthImported().json]) {
      await expect(renderTopologySvg(json)).resolves.toContain('</svg>');
    }
    expect(visibleText(await renderTopologySvg(odd))).toContain('VPC a "b" <c> & d · 10.9.0.0/16');
    expect(visibleText(await renderTopologySvg(odd))).toContain('task count set at apply');
    expect(visibleText(await renderTopologySvg(onlyVpc))).toContain('VPC v · 10.1.0.0/16');
  });

  test('loads Graphviz once, on one worker thread, for many pictures', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const threads = require('node:worker_threads') as { Worker: typeof import('node:worker_threads').Worker };
    const Original = threads.Worker;
    let created = 0;
    threads.Worker = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        created += 1;
      }
    };
    try {
      await jest.isolateModulesAsync(async () => {
        const { renderTopologySvg: render, preloadGraphviz } = await import('../../modules/diagram/render');
        const json = synthLab().json;
        preloadGraphviz();
        await Promise.all([render(json), render(json)]);
        await render({});
      });
    } finally {
      threads.Worker = Original;
    }
    expect(created).toBe(1);
  });

  test('draws again after the worker was stopped', async () => {
    await renderDotSvg('digraph { a -> b }');
    await stopGraphviz();
    await stopGraphviz(); // stopping twice is harmless
    await expect(renderDotSvg('digraph { c -> d }')).resolves.toContain('</svg>');
  });

  test('recovers after Graphviz rejects a layout', async () => {
    await expect(renderDotSvg('digraph { a -> }')).rejects.toThrow();
    await expect(renderDotSvg('digraph { a -> b }')).resolves.toContain('</svg>');
  });
});

describe('the Graphviz worker', () => {
  test('does not keep a process alive that loads Graphviz and then fails or draws nothing', () => {
    // The renderer bundled into .gen, so that the package resolves and Graphviz runs on its worker.
    const dir = fs.mkdtempSync(path.join(__dirname, '..', '..', '.gen', 'worker-test-'));
    const bundle = path.join(dir, 'render.js');
    bundleRenderer(bundle, '--external:@hpcc-js/wasm-graphviz');
    try {
      for (const script of [
        `require(${JSON.stringify(bundle)}).preloadGraphviz(); process.exitCode = 3;`,
        `require(${JSON.stringify(bundle)}).preloadGraphviz(); setTimeout(() => { throw new Error('synth failed'); }, 10);`,
      ]) {
        const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
        expect({ timedOut: r.error !== undefined, exited: r.status !== null }).toEqual({
          timedOut: false,
          exited: true,
        });
      }
      // Stopped at any moment of its loading (as the app does when a synth fails), it ends in order:
      // the process exits with its own code, never on a signal.
      for (const delay of [0, 1, 5, 20, 60]) {
        const script =
          `const r = require(${JSON.stringify(bundle)}); r.preloadGraphviz(); ` +
          `setTimeout(() => r.stopGraphviz().then(() => { process.exitCode = 3; }), ${delay});`;
        const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
        expect({ delay, status: r.status, signal: r.signal, stderr: r.stderr }).toEqual({
          delay,
          status: 3,
          signal: null,
          stderr: '',
        });
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('loads the ES module with import(), never require(): a worker terminated inside require() of an ES module aborts the process', () => {
    // Node's synchronous ES module instantiation (require(esm)) asks V8 `Module::IsGraphAsync()` after a
    // terminated instantiation, and V8 aborts (SIGABRT). Termination comes with every process exit, and
    // a synth that failed while Graphviz loaded aborted about once in 230 runs. Too rare to catch by
    // running it, so this holds the loading code itself to import().
    const source = fs.readFileSync(path.join(__dirname, '..', '..', 'modules', 'diagram', 'render.ts'), 'utf8');
    const worker = /const WORKER_SOURCE = `([^`]*)`/.exec(source)?.[1];
    expect(worker).toContain('import(pathToFileURL(workerData.modulePath).href)');
    expect(worker).not.toMatch(/require\(\s*workerData\.modulePath/);
  });
});

describe('the CommonJS bundle', () => {
  test('renders under plain node when esbuild bundles the renderer into one CommonJS file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-bundle-'));
    const bundle = path.join(dir, 'render.js');
    bundleRenderer(bundle);
    const json = path.join(dir, 'lab.json');
    fs.writeFileSync(json, JSON.stringify(synthLab().json));
    const script =
      `require(${JSON.stringify(bundle)}).renderTopologySvg(require(${JSON.stringify(json)}), { tasksPerInstance: { 'c5.large': 10 } })` +
      '.then((svg) => process.stdout.write(svg))';
    // Run from the scratch folder: the bundle must not need node_modules at run time.
    const svg = execFileSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
    expect(svg).toContain('EC2 c5.large');
    expect(svg).toContain('10 tasks per instance');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
