/**
 * The Terraform schema of the AWS provider as a `@cdktf/provider-aws` package describes it in its type
 * declarations, and a check of synthesized Terraform JSON against it.
 *
 * Why: the AWS provider 6 binary is not available offline here, so `terraform validate` cannot check
 * what we generate for `@cdktf/provider-aws` 21.x (AWS provider 6). The bindings are generated from the
 * provider's schema, and their declarations keep what a schema check needs:
 * - each resource and data source class names its Terraform type (`static readonly tfResourceType`);
 * - its `<Class>Config` interface has one member per argument, optional unless Terraform requires it,
 *   each documented with a registry link whose anchor is the argument's Terraform name
 *   (`{@link https://registry.terraform.io/.../ecs_service#desired_count EcsService#desired_count}`);
 * - a nested block is a member whose type is another interface of the same file.
 *
 * The check reads the declarations with the TypeScript parser (no type checker, no code run) and
 * reports, per resource or data source in a Terraform JSON document: unknown arguments, missing
 * required arguments, and values whose JSON type the argument cannot take (a `${...}` expression
 * stands for any type). It knows nothing of cross-argument rules (conflicts, exactly-one-of) or of
 * values: that is what `terraform validate` adds, and what this check cannot replace.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** The JSON shape an argument takes. */
export type ValueKind = 'string' | 'number' | 'boolean' | 'list' | 'map' | 'any';

export interface ArgumentSchema {
  /** Terraform name, e.g. `desired_count`. */
  readonly name: string;
  readonly required: boolean;
  /** The value's kind, for a plain argument. */
  readonly kind?: ValueKind;
  /** For a list or map argument, the kind of its elements. */
  readonly elementKind?: ValueKind;
  /** For a nested block, its own arguments. */
  readonly block?: BlockSchema;
}

export interface BlockSchema {
  readonly arguments: ReadonlyMap<string, ArgumentSchema>;
}

export interface ElementSchema extends BlockSchema {
  /** `aws_ecs_service`. */
  readonly type: string;
  readonly dataSource: boolean;
}

/** Arguments Terraform itself gives every resource, data source or provider block. */
const META_ARGUMENTS = new Set([
  'count',
  'for_each',
  'depends_on',
  'lifecycle',
  'provider',
  'provisioner',
  'connection',
  '//',
  'alias',
]);

interface Member {
  readonly property: string;
  readonly optional: boolean;
  readonly type: ts.TypeNode | undefined;
  readonly terraformName: string | undefined;
}

/** Reads the schemas of one provider bindings package (`node_modules/@cdktf/provider-aws`). */
export class ProviderSchema {
  private readonly lib: string;
  private readonly cache = new Map<string, ElementSchema | undefined>();
  private typeIndex?: Map<string, string>;

  constructor(packageDir: string) {
    this.lib = path.join(packageDir, 'lib');
    if (!fs.existsSync(path.join(this.lib, 'provider', 'index.d.ts'))) {
      throw new TypeError(
        `${packageDir} does not look like a @cdktf/provider-aws package (no lib/provider/index.d.ts)`,
      );
    }
  }

  /** The version of the AWS provider the bindings were generated from (e.g. `6.25.0`). */
  public providerVersion(): string | undefined {
    const text = fs.readFileSync(path.join(this.lib, 'provider', 'index.d.ts'), 'utf8');
    return /registry\.terraform\.io\/providers\/hashicorp\/aws\/(\d+\.\d+\.\d+)\//.exec(text)?.[1];
  }

  /** The schema of the `provider "aws"` block. */
  public provider(): ElementSchema {
    return this.load('provider', { type: 'aws', dataSource: false, className: 'AwsProvider' })!;
  }

  /** The schema of a resource (`dataSource` false) or data source type, or undefined when unknown. */
  public element(type: string, dataSource: boolean): ElementSchema | undefined {
    const key = `${dataSource ? 'data.' : ''}${type}`;
    if (!this.cache.has(key)) {
      const dir = this.directoryOf(type, dataSource);
      this.cache.set(key, dir === undefined ? undefined : this.load(dir, { type, dataSource }));
    }
    return this.cache.get(key);
  }

  /** The bindings' folder of a type: by the naming convention first, else by scanning every folder. */
  private directoryOf(type: string, dataSource: boolean): string | undefined {
    const base = type.replace(/^aws_/, '').replace(/_/g, '-');
    const guess = dataSource ? `data-aws-${base}` : base;
    if (this.declares(guess, type)) return guess;
    if (!this.typeIndex) {
      this.typeIndex = new Map();
      for (const dir of fs.readdirSync(this.lib)) {
        const file = path.join(this.lib, dir, 'index.d.ts');
        if (!fs.existsSync(file)) continue;
        const m = /static readonly tfResourceType = "([^"]+)"/.exec(fs.readFileSync(file, 'utf8'));
        if (m) this.typeIndex.set(`${dir.startsWith('data-') ? 'data.' : ''}${m[1]}`, dir);
      }
    }
    return this.typeIndex.get(`${dataSource ? 'data.' : ''}${type}`);
  }

  private declares(dir: string, type: string): boolean {
    const file = path.join(this.lib, dir, 'index.d.ts');
    return fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(`static readonly tfResourceType = "${type}"`);
  }

  private load(
    dir: string,
    what: { type: string; dataSource: boolean; className?: string },
  ): ElementSchema | undefined {
    const file = path.join(this.lib, dir, 'index.d.ts');
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const interfaces = new Map<string, Member[]>();
    let className = what.className;
    source.forEachChild((node) => {
      if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, membersOf(node));
      if (
        !className &&
        ts.isClassDeclaration(node) &&
        node.name &&
        node.members.some((m) => ts.isPropertyDeclaration(m) && m.name.getText() === 'tfResourceType')
      ) {
        className = node.name.text;
      }
    });
    const config = className ? interfaces.get(`${className}Config`) : undefined;
    if (!config) return undefined;
    return { type: what.type, dataSource: what.dataSource, ...blockOf(config, interfaces, new Set()) };
  }
}

function membersOf(node: ts.InterfaceDeclaration): Member[] {
  return node.members.filter(ts.isPropertySignature).map((m) => {
    const docs = ts
      .getJSDocCommentsAndTags(m)
      .map((d) => d.getText())
      .join('\n');
    const anchor = /#([a-z0-9_]+) [A-Za-z0-9]+#/.exec(docs)?.[1];
    return { property: m.name.getText(), optional: m.questionToken !== undefined, type: m.type, terraformName: anchor };
  });
}

function blockOf(
  members: readonly Member[],
  interfaces: ReadonlyMap<string, Member[]>,
  seen: ReadonlySet<string>,
): BlockSchema {
  const args = new Map<string, ArgumentSchema>();
  for (const m of members) {
    if (m.terraformName === undefined) continue;
    const shape = shapeOf(m.type, interfaces);
    if (shape.block !== undefined && !seen.has(shape.block)) {
      const nested = blockOf(interfaces.get(shape.block)!, interfaces, new Set([...seen, shape.block]));
      args.set(m.terraformName, { name: m.terraformName, required: !m.optional, block: nested });
    } else {
      args.set(m.terraformName, {
        name: m.terraformName,
        required: !m.optional,
        kind: shape.kind,
        elementKind: shape.elementKind,
      });
    }
  }
  return { arguments: args };
}

interface Shape {
  readonly kind: ValueKind;
  readonly elementKind?: ValueKind;
  /** Name of the nested block's interface. */
  readonly block?: string;
}

/** The JSON shape of a member's declared type (`IResolvable` alternatives ignored). */
function shapeOf(type: ts.TypeNode | undefined, interfaces: ReadonlyMap<string, Member[]>): Shape {
  if (!type) return { kind: 'any' };
  const parts = ts.isUnionTypeNode(type) ? type.types.filter((t) => !/IResolvable$/.test(t.getText())) : [type];
  if (parts.length !== 1) return { kind: 'any' };
  const t = parts[0]!;
  if (ts.isArrayTypeNode(t)) {
    const element = shapeOf(t.elementType, interfaces);
    return element.block ? element : { kind: 'list', elementKind: element.kind };
  }
  if (ts.isTypeLiteralNode(t)) {
    const index = t.members.find(ts.isIndexSignatureDeclaration);
    return { kind: 'map', elementKind: index ? shapeOf(index.type, interfaces).kind : 'any' };
  }
  if (ts.isTypeReferenceNode(t) && interfaces.has(t.typeName.getText()))
    return { kind: 'any', block: t.typeName.getText() };
  switch (t.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { kind: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { kind: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { kind: 'boolean' };
    default:
      return { kind: 'any' };
  }
}

/** One thing the schema does not accept. */
export interface SchemaProblem {
  /** Where, e.g. `resource.aws_ecs_service.web.network_configuration.subnets`. */
  readonly at: string;
  readonly message: string;
}

/** A JSON value, as a cdk.tf.json holds them. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isExpression = (v: Json): boolean => typeof v === 'string' && /\$\{/.test(v);

function kindAccepts(kind: ValueKind | undefined, value: Json, elementKind?: ValueKind): string | undefined {
  if (kind === undefined || kind === 'any' || value === null || isExpression(value)) return undefined;
  switch (kind) {
    case 'string':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? undefined
        : 'a string';
    case 'number':
      return typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))
        ? undefined
        : 'a number';
    case 'boolean':
      return typeof value === 'boolean' || value === 'true' || value === 'false' ? undefined : 'a boolean';
    case 'list': {
      if (!Array.isArray(value)) return 'a list';
      const bad = value.find((v) => kindAccepts(elementKind, v) !== undefined);
      return bad === undefined ? undefined : `a list of ${elementKind} (found ${JSON.stringify(bad)})`;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return 'a map';
      const bad = Object.values(value).find((v) => kindAccepts(elementKind, v) !== undefined);
      return bad === undefined ? undefined : `a map of ${elementKind} (found ${JSON.stringify(bad)})`;
    }
  }
}

/** The problems of one block's JSON body against its schema. */
export function checkBlock(schema: BlockSchema, body: Json, at: string, topLevel: boolean): SchemaProblem[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return isExpression(body) ? [] : [{ at, message: `expected a block (an object), found ${JSON.stringify(body)}` }];
  }
  const problems: SchemaProblem[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (topLevel && META_ARGUMENTS.has(key)) continue;
    const arg = schema.arguments.get(key);
    if (!arg) {
      problems.push({ at: `${at}.${key}`, message: `unknown argument "${key}"` });
      continue;
    }
    if (arg.block) {
      if (isExpression(value)) continue;
      const items = Array.isArray(value) ? value : [value];
      items.forEach((item, i) =>
        problems.push(
          ...checkBlock(arg.block!, item, Array.isArray(value) ? `${at}.${key}[${i}]` : `${at}.${key}`, false),
        ),
      );
    } else {
      const wrong = kindAccepts(arg.kind, value, arg.elementKind);
      if (wrong)
        problems.push({
          at: `${at}.${key}`,
          message: `expected ${wrong}, found ${JSON.stringify(value).slice(0, 80)}`,
        });
    }
  }
  for (const arg of schema.arguments.values()) {
    if (arg.required && !(arg.name in body)) problems.push({ at, message: `missing required argument "${arg.name}"` });
  }
  return problems;
}

/** Every problem of a Terraform JSON document (cdk.tf.json) against the bindings' schema. */
export function checkTerraformJson(schema: ProviderSchema, doc: { [key: string]: Json }): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const walk = (section: 'resource' | 'data') => {
    const byType = (doc[section] ?? {}) as { [type: string]: { [name: string]: Json } };
    for (const [type, byName] of Object.entries(byType)) {
      if (!type.startsWith('aws_')) continue;
      const element = schema.element(type, section === 'data');
      if (!element) {
        problems.push({
          at: `${section}.${type}`,
          message: `unknown ${section === 'data' ? 'data source' : 'resource'} type "${type}"`,
        });
        continue;
      }
      for (const [name, body] of Object.entries(byName))
        problems.push(...checkBlock(element, body, `${section}.${type}.${name}`, true));
    }
  };
  walk('resource');
  walk('data');
  const providers = ((doc.provider ?? {}) as { [name: string]: Json }).aws;
  if (providers !== undefined) {
    const list = Array.isArray(providers) ? providers : [providers];
    list.forEach((p, i) => problems.push(...checkBlock(schema.provider(), p, `provider.aws[${i}]`, true)));
  }
  return problems;
}
