/**
 * The one reader of synthesized Terraform JSON (`cdk.tf.json`, or what `TerraformStack.toTerraform()`
 * returns) that the read-only views share: the policy pack's stack index and the diagram's resource
 * index. It walks the document's blocks and finds references the way Terraform sees them: inside the
 * `${...}` of a string, `aws_lb.web.arn` refers to `aws_lb.web` and `data.aws_iam_policy_document.x.json`
 * to that data source. Text in quotes inside an expression is text, except where it is itself a
 * template (`"${aws_s3_bucket.b.arn}/*"`).
 *
 * Pure: no constructs, no cdktf. Malformed input (wrong types, missing blocks) gives empty results,
 * never an exception.
 */

/** A JSON object as read from the document. */
export type JsonObject = { readonly [key: string]: unknown };

/** Attributes of a synthesized Terraform block, snake_case, references rendered as `${...}` strings. */
export interface TerraformAttributes {
  readonly [key: string]: unknown;
}

/** The parts of a synthesized Terraform JSON document the readers use. */
export interface TerraformDocument {
  readonly resource?: { readonly [type: string]: { readonly [name: string]: TerraformAttributes } };
  readonly data?: { readonly [type: string]: { readonly [name: string]: TerraformAttributes } };
}

/** One resource or data source block of a document. */
export interface TerraformBlock {
  /** The Terraform type, e.g. `aws_vpc`. */
  readonly type: string;
  /** The logical name in the configuration. */
  readonly name: string;
  /** True for a data source (`data.<type>.<name>`). */
  readonly isDataSource: boolean;
  /** The block's arguments as synthesized. */
  readonly body: JsonObject;
}

/** A reference to a resource (or data source) found in an expression. */
export interface ResourceReference {
  /** True for `data.type.name...`. */
  readonly data: boolean;
  readonly type: string;
  readonly name: string;
  /** Instance index (`[0]`), `'*'` for a splat, undefined when none was written. */
  readonly index?: number | '*';
  /** Attribute after the name, e.g. `id`, `names`. */
  readonly attribute?: string;
  /** Number right after the attribute (`names[0]`) or given to `element(..., n)`. */
  readonly elementIndex?: number;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when the string holds a Terraform interpolation (`${...}`). */
export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && value.includes('${');
}

/**
 * The resource blocks of `document` (with `data`, its data sources after them), in document order;
 * entries that are not objects are skipped.
 */
export function terraformBlocks(document: unknown, options: { readonly data?: boolean } = {}): TerraformBlock[] {
  const out: TerraformBlock[] = [];
  if (!isObject(document)) return out;
  for (const [kind, isDataSource] of [
    ['resource', false],
    ['data', true],
  ] as const) {
    if (isDataSource && !options.data) continue;
    const byType = document[kind];
    if (!isObject(byType)) continue;
    for (const type of Object.keys(byType)) {
      const byName = byType[type];
      if (!isObject(byName)) continue;
      for (const name of Object.keys(byName)) {
        const body = byName[name];
        if (isObject(body)) out.push({ type, name, isDataSource, body });
      }
    }
  }
  return out;
}

const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
// `type.name` or `data.type.name`: the address a reference names.
const HEAD = `(?<![A-Za-z0-9_.-])(data\\.)?(${NAME})\\.(${NAME})`;
const ADDRESS = new RegExp(HEAD, 'g');
// The address, then an index or splat, an attribute and an element index.
const REFERENCE = new RegExp(`${HEAD}(?:\\[(\\d+|\\*)\\]|\\.(\\*))?(?:\\.(${NAME}))?(?:\\[(\\d+)\\])?`, 'g');
const ELEMENT = new RegExp(`element\\(\\s*((?:data\\.)?${NAME}\\.${NAME}(?:\\.${NAME})?)\\s*,\\s*(\\d+)\\s*\\)`, 'g');
const NOT_RESOURCES = new Set(['var', 'local', 'module', 'count', 'each', 'path', 'terraform', 'self']);

/** True when a `REFERENCE` match names a resource or data source (a resource type holds an underscore). */
function namesBlock(m: RegExpExecArray): boolean {
  return m[1] !== undefined || (!NOT_RESOURCES.has(m[2]!) && m[2]!.includes('_'));
}

/** The address a reference names: `aws_vpc.main` or `data.aws_iam_policy_document.trust`. */
export function referenceAddress(ref: Pick<ResourceReference, 'data' | 'type' | 'name'>): string {
  return `${ref.data ? 'data.' : ''}${ref.type}.${ref.name}`;
}

/** Every resource or data source reference inside the `${...}` parts of `value` (a string). */
export function referencesIn(value: unknown): ResourceReference[] {
  if (!isExpression(value)) return [];
  const found: ResourceReference[] = [];
  for (const part of interpolations(value)) {
    const elementIndexes = new Map<string, number>();
    for (const m of part.matchAll(ELEMENT)) elementIndexes.set(m[1]!, Number(m[2]));
    REFERENCE.lastIndex = 0;
    for (let m = REFERENCE.exec(part); m !== null; m = REFERENCE.exec(part)) {
      if (!namesBlock(m)) continue;
      const isData = m[1] !== undefined;
      const rawIndex = m[4] ?? m[5];
      const attribute = m[6];
      const head = `${isData ? 'data.' : ''}${m[2]!}.${m[3]!}${attribute ? `.${attribute}` : ''}`;
      const elementIndex = m[7] !== undefined ? Number(m[7]) : elementIndexes.get(head);
      found.push({
        data: isData,
        type: m[2]!,
        name: m[3]!,
        ...(rawIndex === undefined ? {} : { index: rawIndex === '*' ? ('*' as const) : Number(rawIndex) }),
        ...(attribute === undefined ? {} : { attribute }),
        ...(elementIndex === undefined ? {} : { elementIndex }),
      });
    }
  }
  return found;
}

/**
 * The addresses (`type.name`, `data.type.name`) that the expressions anywhere inside `value` refer
 * to, each once, in the order first found; `//` (cdktf's metadata) is skipped.
 */
export function referencedAddresses(value: unknown): string[] {
  const found = new Set<string>();
  // `exec` and `Object.keys`, not `matchAll` and `Object.entries`: the policy pack walks every
  // attribute of the subjects its rules ask about.
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!v.includes('${')) return;
      for (const part of interpolations(v)) {
        ADDRESS.lastIndex = 0;
        for (let m = ADDRESS.exec(part); m !== null; m = ADDRESS.exec(part)) {
          if (namesBlock(m)) found.add(`${m[1] ?? ''}${m[2]!}.${m[3]!}`);
        }
      }
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (typeof v === 'object' && v !== null) {
      for (const k of Object.keys(v)) if (k !== '//') visit((v as Record<string, unknown>)[k]);
    }
  };
  visit(value);
  return [...found];
}

// Character codes of \\, ", { and }: the brace scan compares numbers, not one-character strings.
const BACKSLASH = 92;
const QUOTE = 34;
const OPEN = 123;
const CLOSE = 125;

/**
 * The expression text inside each `${...}` of `value` (braces balanced). Quoted strings inside an
 * expression are blanked (text, not references), and the templates inside them are parts of their own.
 */
function interpolations(value: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while ((i = value.indexOf('${', i)) >= 0) {
    let depth = 1;
    let j = i + 2;
    let quoted = false;
    for (; j < value.length && depth > 0; j++) {
      const c = value.charCodeAt(j);
      if (quoted) {
        if (c === BACKSLASH) j++;
        else if (c === QUOTE) quoted = false;
      } else if (c === QUOTE) quoted = true;
      else if (c === OPEN) depth++;
      else if (c === CLOSE) depth--;
    }
    const expression = value.slice(i + 2, depth === 0 ? j - 1 : j);
    if (!expression.includes('"')) {
      parts.push(expression);
    } else {
      const nested: string[] = [];
      parts.push(
        expression.replace(/"(?:[^"\\]|\\.)*"/g, (text) => {
          if (text.includes('${')) nested.push(...interpolations(text));
          return '""';
        }),
        ...nested,
      );
    }
    i = j;
  }
  return parts;
}
