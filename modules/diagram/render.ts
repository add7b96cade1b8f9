/**
 * Renders a stack's topology to SVG in-process with Graphviz compiled to WebAssembly
 * (`@hpcc-js/wasm-graphviz`): no `dot` binary, no network.
 *
 * The package is ESM-only; it is loaded with `require` (Node >= 20.19 loads ESM that way) on the first
 * picture, so nothing of it is parsed by runs that draw none. The app's bundle leaves it external for
 * the same reason. The WebAssembly module is instantiated once per process and reused for every stack.
 */
import type { Graphviz } from '@hpcc-js/wasm-graphviz';
import { topologyToDot } from './dot';
import { buildTopology, TopologyFacts } from './topology';

let graphviz: Promise<Graphviz> | undefined;

/** The shared Graphviz instance; loaded on first use. */
function loadGraphviz(): Promise<Graphviz> {
  if (!graphviz) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('@hpcc-js/wasm-graphviz') as typeof import('@hpcc-js/wasm-graphviz');
    graphviz = m.Graphviz.load();
    // A failed load must not stick: the next picture tries again.
    graphviz.catch(() => {
      graphviz = undefined;
    });
  }
  return graphviz;
}

/** Lays out Graphviz DOT source with the `dot` engine and returns the SVG document. */
export async function renderDotSvg(dotSource: string): Promise<string> {
  const instance = await loadGraphviz();
  try {
    return withFontFallbacks(instance.dot(dotSource, 'svg'));
  } catch (e) {
    // Graphviz unloads its module after a layout error; start from a fresh instance next time.
    graphviz = undefined;
    throw e;
  }
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
  return (await loadGraphviz()).version();
}
