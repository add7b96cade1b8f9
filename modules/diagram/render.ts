/**
 * Renders a stack's topology to SVG with Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`):
 * no `dot` binary, no network.
 *
 * Graphviz runs on a worker thread of its own. Loading it (decoding and compiling its WebAssembly)
 * takes longer than synthesizing the default app, and on the main thread it would come on top;
 * `preloadGraphviz()` at the start of a synth lets it load on another core meanwhile. One worker
 * serves every picture of the process, and it does not keep the process alive while no picture is
 * being drawn. The package is ESM-only; the worker loads it with `import()`, on first use: runs that
 * draw no picture never load it. The app's bundle leaves it external.
 *
 * Not with `require()` (which Node >= 20.19 allows for ESM): a worker that is terminated while
 * `require()` instantiates an ES module aborts the whole process (SIGABRT, "v8::Module::IsGraphAsync":
 * Node's synchronous instantiation asks V8 whether the module graph is async after V8 gave up on the
 * terminated instantiation). Node terminates every worker when the process exits, so a synth that
 * failed while Graphviz was still loading aborted about once in 230 runs. `import()` instantiates
 * without that question. `stopGraphviz()` ends the worker in order before a process exits.
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
const { pathToFileURL } = require('node:url');
// import(), never require(): see the module's comment.
const load = () => import(pathToFileURL(workerData.modulePath).href).then((m) => m.Graphviz.load());
let graphviz = load();
// A failed load is reported to the request that awaits it (and then retried), not as an unhandled rejection.
graphviz.catch(() => undefined);
parentPort.on('message', async (request) => {
  try {
    const instance = await graphviz;
    const result = request.kind === 'version' ? instance.version() : instance.dot(request.dot, 'svg');
    parentPort.postMessage({ id: request.id, result });
  } catch (e) {
    // Graphviz unloads its module after a layout error (and a failed load must not stick): start
    // from a fresh instance for the next request.
    graphviz = load();
    graphviz.catch(() => undefined);
    parentPort.postMessage({ id: request.id, error: e instanceof Error ? e.message : String(e) });
  }
});
`;

type Request = { readonly kind: 'dot'; readonly dot: string } | { readonly kind: 'version' };

/** Where layouts happen: a worker thread, or this thread. */
interface GraphvizHost {
  request(request: Request): Promise<string>;
  /** Releases what it holds (ends the worker thread). */
  stop(): Promise<void>;
}
interface Pending {
  readonly resolve: (value: string) => void;
  readonly reject: (error: Error) => void;
}

/** The Graphviz worker and the requests it has not answered yet. */
class GraphvizWorker implements GraphvizHost {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  constructor(modulePath: string, onExit: (worker: GraphvizWorker) => void) {
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
      onExit(this);
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

  /** Ends the worker and waits until it has stopped; requests not answered yet fail. */
  public async stop(): Promise<void> {
    await this.worker.terminate();
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

  public async stop(): Promise<void> {
    this.loading = undefined;
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
    shared =
      modulePath === undefined
        ? new InThreadGraphviz()
        : new GraphvizWorker(modulePath, (stopped) => {
            if (shared === stopped) shared = undefined; // a worker that stopped is replaced on the next request
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

/**
 * Ends the Graphviz worker, if one runs, and resolves once it has stopped. Call it before a process
 * that may have started one exits (the default app does, on success and on failure): an exit that
 * terminates the worker half-way through loading is what could abort the process. A later picture
 * starts a new worker.
 */
export async function stopGraphviz(): Promise<void> {
  const host = shared;
  shared = undefined;
  await host?.stop();
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
  return svg.replace(
    /font-family="Helvetica,sans-Serif"/g,
    'font-family="Helvetica,Arial,\'Liberation Sans\',sans-serif"',
  );
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
