/**
 * Renders a stack's topology to SVG with Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`):
 * no `dot` binary, no network.
 *
 * Graphviz runs on a worker thread of its own. Loading it (decoding and compiling its WebAssembly)
 * takes longer than synthesizing the default app, and on the main thread it would come on top;
 * `preloadGraphviz()` at the start of a synth lets it load on another core meanwhile. One worker
 * serves every picture of the process, and it does not keep the process alive while no picture is
 * being drawn. The package is ESM-only and is loaded with `require` (Node >= 20.19 loads ESM that
 * way), on first use: runs that draw no picture never load it. The app's bundle leaves it external.
 *
 * Where the package cannot be found at run time (this module bundled together with Graphviz into one
 * file, as a Lambda function might be), Graphviz runs in this thread instead.
 */
import type { Graphviz } from '@hpcc-js/wasm-graphviz';
import type { Worker } from 'node:worker_threads';
import { topologyToDot } from './dot';
import { buildTopology, TopologyFacts } from './topology';

/** What runs on the worker: loads Graphviz once, then answers layout and version requests in order. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const load = () => require(workerData.modulePath).Graphviz.load();
let graphviz = load();
parentPort.on('message', async (request) => {
  try {
    const instance = await graphviz;
    const result = request.kind === 'version' ? instance.version() : instance.dot(request.dot, 'svg');
    parentPort.postMessage({ id: request.id, result });
  } catch (e) {
    // Graphviz unloads its module after a layout error (and a failed load must not stick): start
    // from a fresh instance for the next request.
    graphviz = load();
    parentPort.postMessage({ id: request.id, error: e instanceof Error ? e.message : String(e) });
  }
});
`;

type Request = { readonly kind: 'dot'; readonly dot: string } | { readonly kind: 'version' };

/** Where layouts happen: a worker thread, or this thread. */
interface GraphvizHost {
  request(request: Request): Promise<string>;
}
interface Pending { readonly resolve: (value: string) => void; readonly reject: (error: Error) => void }

/** The Graphviz worker and the requests it has not answered yet. */
class GraphvizWorker implements GraphvizHost {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(modulePath: string, onExit: () => void) {
    // Loaded here, not at start-up: runs that draw no picture do not pay for it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Worker: WorkerThread } = require('node:worker_threads') as typeof import('node:worker_threads');
    this.worker = new WorkerThread(WORKER_SOURCE, {
      eval: true,
      workerData: { modulePath },
    });
    this.worker.on('message', (m: { id: number; result?: string; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.settled(m.id);
      if (m.error !== undefined) p.reject(new Error(`Graphviz: ${m.error}`));
      else p.resolve(m.result!);
    });
    const fail = (error: Error): void => {
      onExit();
      for (const [id, p] of [...this.pending]) {
        this.settled(id);
        p.reject(error);
      }
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the Graphviz worker stopped (exit code ${code})`)));
    // After the listeners: a 'message' listener refs the worker again.
    this.worker.unref();
  }

  public request(request: Request): Promise<string> {
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref(); // keeps the process alive until the answer is in
      this.worker.postMessage({ ...request, id });
    });
  }

  private settled(id: number): void {
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }
}

/** Graphviz in this thread, for copies of this module bundled together with Graphviz. */
class InThreadGraphviz implements GraphvizHost {
  private loading?: Promise<Graphviz>;

  public async request(request: Request): Promise<string> {
    const instance = await this.load();
    try {
      return request.kind === 'version' ? instance.version() : instance.dot(request.dot, 'svg');
    } catch (e) {
      // Graphviz unloads its module after a layout error; start from a fresh instance next time.
      this.loading = undefined;
      throw e;
    }
  }

  private load(): Promise<Graphviz> {
    if (!this.loading) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const m = require('@hpcc-js/wasm-graphviz') as typeof import('@hpcc-js/wasm-graphviz');
      this.loading = m.Graphviz.load();
      // A failed load must not stick: the next picture tries again.
      this.loading.catch(() => {
        this.loading = undefined;
      });
    }
    return this.loading;
  }
}

let shared: GraphvizHost | undefined;

function graphviz(): GraphvizHost {
  if (!shared) {
    const modulePath = resolvableGraphviz();
    shared = modulePath === undefined ? new InThreadGraphviz() : new GraphvizWorker(modulePath, () => {
      shared = undefined; // a worker that stopped is replaced on the next request
    });
  }
  return shared;
}

/** The package's entry file when it can be loaded from a file at run time. */
function resolvableGraphviz(): string | undefined {
  try {
    return require.resolve('@hpcc-js/wasm-graphviz');
  } catch {
    return undefined;
  }
}

/** Starts loading Graphviz (on its worker) now, for pictures drawn later in this process. */
export function preloadGraphviz(): void {
  graphviz();
}

/** Lays out Graphviz DOT source with the `dot` engine and returns the SVG document. */
export async function renderDotSvg(dotSource: string): Promise<string> {
  return withFontFallbacks(await graphviz().request({ kind: 'dot', dot: dotSource }));
}

/**
 * Graphviz sizes every box with Helvetica's metrics and writes `font-family="Helvetica,sans-Serif"`;
 * where Helvetica is missing the generic sans-serif is often wider (DejaVu Sans) and text spills out
 * of its box. Arial and Liberation Sans have Helvetica's metrics, so they come first.
 */
function withFontFallbacks(svg: string): string {
  return svg.replace(/font-family="Helvetica,sans-Serif"/g, 'font-family="Helvetica,Arial,\'Liberation Sans\',sans-serif"');
}

/**
 * The topology picture of one synthesized stack, as an SVG document.
 *
 * @param stackJson the stack's Terraform JSON (the parsed `cdk.tf.json`)
 * @param facts what the JSON cannot say: tasks per instance type, AZ names, a title
 */
export async function renderTopologySvg(stackJson: unknown, facts?: TopologyFacts): Promise<string> {
  return renderDotSvg(topologyToDot(buildTopology(stackJson, facts)));
}

/** The Graphviz version in use (loads it if needed). */
export async function graphvizVersion(): Promise<string> {
  return graphviz().request({ kind: 'version' });
}
