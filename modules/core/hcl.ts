/**
 * Valid HCL from `cdktf synth --hcl`, for the elements our constructs create, with cdktf as published.
 *
 * cdktf 0.21's HCL renderer (`cdktf/lib/hcl/render.js`) writes two shapes as invalid HCL:
 * - a string attribute that holds a `${...}` reference and double quotes (an IAM document or container
 *   definitions: JSON with references inside) is written between quotes with none of its own quotes
 *   escaped (hashicorp/terraform-cdk#3911); backslashes and line breaks are not escaped either;
 * - lifecycle `precondition`s and `postcondition`s become `precondition = [{...}]` attributes instead
 *   of blocks ("An argument named "precondition" is not expected here").
 *
 * `validHcl(element)` replaces the element's `toHclTerraform()` (cdktf's public method for HCL
 * rendering, which the JSON output never calls) by one that hands the renderer the same values in the
 * shapes it renders correctly: string attributes as text already escaped for an HCL quoted template
 * (the literal parts escaped, `${...}` and `%{...}` sequences left as they are), lifecycle conditions
 * as lists of blocks. `cdk.tf.json` is unchanged, byte for byte. docs/adr/0002-hcl-output.md says why
 * this lives in the library rather than in a patch of cdktf.
 */
import { type IResolvable, type IResolveContext, type TerraformDataSource, type TerraformResource, Token } from 'cdktf';

const VALID_HCL = Symbol.for('awsvpc-ecs/valid-hcl');

/** What `toHclTerraform()` returns: `{ resource|data: { <type>: { <name>: attributes } } }`. */
type HclFragment = Record<string, Record<string, Record<string, Record<string, unknown>>> | undefined>;

/**
 * Makes `cdktf synth --hcl` write `element` as valid HCL (see the module comment); returns it.
 * Idempotent. Elements that hold JSON documents with references, or lifecycle conditions, need it.
 */
export function validHcl<T extends TerraformResource | TerraformDataSource>(element: T): T {
  const marked = element as unknown as Record<symbol, boolean>;
  if (marked[VALID_HCL]) return element;
  Object.defineProperty(element, VALID_HCL, { value: true });
  const render = element.toHclTerraform.bind(element) as () => HclFragment;
  element.toHclTerraform = () => {
    const fragment = render();
    for (const kind of ['resource', 'data']) {
      for (const byName of Object.values(fragment[kind] ?? {})) {
        for (const attributes of Object.values(byName)) fixAttributes(attributes);
      }
    }
    return fragment;
  };
  return element;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Rewrites, in place, the attributes of one element's HCL fragment. */
function fixAttributes(attributes: Record<string, unknown>): void {
  for (const [name, v] of Object.entries(attributes)) {
    if (name === 'lifecycle' && isRecord(v) && !('value' in v)) {
      attributes[name] = { value: lifecycleBlocks(v) };
    } else if (isRecord(v) && v.type === 'simple' && v.storageClassType === 'string' && typeof v.value === 'string') {
      attributes[name] = { ...v, value: quotedTemplate(v.value) };
    }
  }
}

/**
 * A lifecycle block's content, with `precondition` and `postcondition` as lists of blocks (cdktf
 * renders the rest of a lifecycle block as before: `create_before_destroy = true`, ...).
 */
function lifecycleBlocks(lifecycle: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(lifecycle)) {
    if ((key === 'precondition' || key === 'postcondition') && Array.isArray(value)) {
      out[key] = {
        isBlock: true,
        type: 'list',
        value: value.map((c: Record<string, unknown>) => ({
          condition: c.condition,
          error_message: typeof c.error_message === 'string' ? stringAttribute(c.error_message) : c.error_message,
        })),
      };
    } else if (key === 'ignore_changes' && Array.isArray(value) && value.every((a) => BARE_NAME.test(String(a)))) {
      // Attribute names are references: bare in HCL (quoted ones draw "Quoted references are deprecated").
      out[key] = { value, isBlock: false, type: 'list', storageClassType: 'numberList' };
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** An attribute name `ignore_changes` may list, written bare (the renderer's number lists are written as they are). */
const BARE_NAME = /^[a-z_][a-z0-9_]*$/;

function stringAttribute(value: string): Record<string, unknown> {
  return { value: quotedTemplate(value), isBlock: false, type: 'simple', storageClassType: 'string' };
}

/** A value that resolves to `text` resolved, escaped for the inside of an HCL quoted template. */
function quotedTemplate(text: string): IResolvable {
  return {
    creationStack: [],
    resolve: (context: IResolveContext) => {
      const resolved: unknown = Token.isUnresolved(text) ? context.resolve(text) : text;
      return typeof resolved === 'string' ? escapeHclTemplate(resolved) : resolved;
    },
    toString: () => text,
  };
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r' };

/**
 * The inside of an HCL quoted template whose value is the Terraform (JSON syntax) template `text`:
 * backslashes, double quotes and line breaks of the literal parts escaped; `${...}` interpolations and
 * `%{...}` directives copied as they are (their inner string literals are HCL already), and so are
 * the `$${` and `%%{` escapes. Pure; exported for tests.
 */
export function escapeHclTemplate(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      out += `${c}${c}{`;
      i += 3;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      const end = endOfSequence(text, i + 2);
      out += text.slice(i, end);
      i = end;
    } else {
      out += ESCAPES[c] ?? c;
      i += 1;
    }
  }
  return out;
}

/** The index after the `}` that closes a sequence whose content starts at `from` (string literals inside skipped). */
function endOfSequence(text: string, from: number): number {
  let depth = 1;
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i = endOfStringLiteral(text, i + 1);
      continue;
    }
    if (c === '{') depth += 1;
    else if (c === '}' && --depth === 0) return i + 1;
    i += 1;
  }
  return text.length;
}

/** The index after the `"` that closes a string literal whose content starts at `from`. */
function endOfStringLiteral(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
    } else if (c === '"') {
      return i + 1;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{' && text[i - 1] !== c) {
      i = endOfSequence(text, i + 2);
    } else {
      i += 1;
    }
  }
  return text.length;
}
