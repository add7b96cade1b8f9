/** What every stack of the default app shares: the AWS provider with default tags, and the backend. */
import {
  Aspects,
  DefaultTokenResolver,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  Tokenization,
} from 'cdktf';
import { deepMerge } from 'cdktf/lib/util';
import { Construct, IConstruct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { checkTags, describeValue, ValidationError } from '../core';
import { PolicyPack } from '../policy';
import { BackendConfig, configureBackend } from './backend';

export interface AwsStackProps {
  /** AWS region of the provider. */
  readonly region: string;
  /** Tags on every resource (the provider's default_tags). @default - none */
  readonly tags?: { readonly [key: string]: string };
  /** Where the stack keeps its state. @default - local state file */
  readonly backend?: BackendConfig;
}

/** The parts of cdktf 0.21's TerraformStack that its `toTerraform()` reads and that it keeps private. */
interface StackInternals {
  readonly rawOverrides: Record<string, unknown>;
  readonly cdktfVersion: string;
}

/**
 * The one cdktf release whose private fields and `toTerraform()` the render shortcut below reproduces
 * (cdktf's final release; docs/adr/0003-cdktf-pin-and-patches.md).
 */
export const PINNED_CDKTF_VERSION = '0.21.0';

/** `true` only in the bench's bundle that measures the render shortcut (esbuild `define`, scripts/fast-synth.cjs). */
declare const AWSVPC_STOCK_STACK_RENDER: boolean | undefined;
const STOCK_RENDER = typeof AWSVPC_STOCK_STACK_RENDER === 'boolean' && AWSVPC_STOCK_STACK_RENDER;

/** The cdktf version found by the first AwsStack (checked once per process). */
let checkedCdktf: string | undefined;

/**
 * Fails with STACKS_CDKTF_VERSION_UNSUPPORTED unless the running cdktf is the pinned release and has
 * the private fields the render shortcut reads. cdktf's App records its own package version in the
 * context (`cdktfVersion`) that every stack copies into the field read here: no file is read.
 */
function checkCdktfInternals(stack: TerraformStack): void {
  const internals = stack as unknown as Partial<StackInternals>;
  const version = internals.cdktfVersion;
  if (checkedCdktf !== undefined && version === checkedCdktf) return;
  const fields = typeof internals.rawOverrides === 'object' && internals.rawOverrides !== null;
  if (version !== PINNED_CDKTF_VERSION || !fields) {
    throw new ValidationError(
      {
        code: 'STACKS_CDKTF_VERSION_UNSUPPORTED',
        path: 'cdktf',
        received: fields ? describeValue(version) : `${describeValue(version)} without the private field rawOverrides`,
        allowed: `cdktf ${PINNED_CDKTF_VERSION} exactly (AwsStack renders with its private fields)`,
        fix: `install cdktf@${PINNED_CDKTF_VERSION} (npm install --save-exact cdktf@${PINNED_CDKTF_VERSION}), one copy (npm ls cdktf)`,
      },
      stack,
    );
  }
  checkedCdktf = version;
}

export class AwsStack extends TerraformStack {
  public readonly region: string;
  public readonly provider: AwsProvider;
  /** Runs on the JSON this stack renders for Terraform (see `checkPolicyOnRender`). */
  private renderPolicy?: PolicyPack;
  /** Each element's Terraform JSON as the preparing pass resolved it (see `prepareStack`). */
  private prepared?: Map<TerraformElement, unknown>;

  constructor(scope: Construct, id: string, props: AwsStackProps) {
    super(scope, id);
    checkCdktfInternals(this);
    const tagProblems = checkTags(props.tags, 'AwsStack.tags');
    if (tagProblems.length > 0) throw new ValidationError(tagProblems, this);
    this.region = props.region;
    const tags = props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined;
    this.provider = new AwsProvider(this, 'aws', {
      region: props.region,
      ...(tags ? { defaultTags: [{ tags }] } : {}),
    });
    configureBackend(this, id, props.backend ?? { type: 'local' }, props.region);
  }

  /**
   * Checks `pack`'s rules on the Terraform JSON this stack renders when it is synthesized, so the stack
   * is rendered once for Terraform and the policy together (the aspect form renders it a second time,
   * a third of the synth time at 1000 services). A violation fails synth with a ValidationError.
   */
  public checkPolicyOnRender(pack: PolicyPack): void {
    this.renderPolicy = pack;
  }

  /**
   * cdktf's preparing pass, which resolves every element once to find the references to other stacks
   * (and adds the outputs and remote state they need), keeping what it resolved: `toTerraform()` right
   * after it (what `app.synth()` does) reuses each element's JSON instead of resolving it again, the
   * most expensive step of a synth (a third of the time at 1000 services).
   */
  public override prepareStack(): void {
    if (STOCK_RENDER) return super.prepareStack();
    // No `ensureBackendExists()`: the constructor gave this stack its backend, and cdktf's check
    // walks the whole tree to find it.
    const prepared = new Map<TerraformElement, unknown>();
    for (const element of walk(this, false).elements) {
      prepared.set(element, resolveIn(this, element.toTerraform(), true));
    }
    this.prepared = prepared;
  }

  public override toTerraform(): unknown {
    const document = this.render();
    this.renderPolicy?.checkRendered(this, document);
    return document;
  }

  /**
   * What cdktf 0.21's `TerraformStack.toTerraform()` returns, with the preparing pass's JSON for the
   * elements it resolved. That JSON is used once, and only when no aspect can have changed an element
   * since: the stack's aspects run between `prepareStack()` and `toTerraform()`. Elements added
   * since (a cross-stack output another stack's preparing pass added here) are resolved now.
   */
  private render(): unknown {
    if (STOCK_RENDER) return super.toTerraform();
    const { elements, aspects } = walk(this, true);
    const prepared = this.prepared !== undefined && !aspects ? this.prepared : undefined;
    this.prepared = undefined;
    if (prepared === undefined) return super.toTerraform();
    const internals = this as unknown as StackInternals;
    const overrides = Object.keys(internals.rawOverrides);
    const metadata: Record<string, unknown> = {
      version: internals.cdktfVersion,
      stackName: this.node.id,
      backend: 'local', // overwritten by backend implementations if used
      cloud: undefined, // overwritten by cloud and remote backend implementations
      ...(overrides.length > 0 ? { overrides: { stack: overrides } } : {}),
    };
    for (const element of elements) deepMerge(metadata, resolveIn(this, element.toMetadata()));
    const outputs: Record<string, unknown> = {};
    for (const element of elements) {
      if (!TerraformOutput.isTerraformOutput(element)) continue;
      deepMerge(
        outputs,
        element.node.path
          .split('/')
          .reduceRight<Record<string, unknown>>(
            (inner, part) =>
              Object.keys(inner).length === 0 ? { [part]: element.friendlyUniqueId } : { [part]: inner },
            {},
          ),
      );
    }
    const tf: Record<string, unknown> = { '//': { metadata, outputs } };
    for (const element of elements) {
      mergeElement(
        tf,
        (prepared.has(element) ? prepared.get(element) : resolveIn(this, element.toTerraform())) as Record<
          string,
          unknown
        >,
      );
    }
    if (overrides.length > 0) {
      deepMerge(tf, internals.rawOverrides);
      return resolveIn(this, tf);
    }
    // Everything in `tf` is resolved already: cdktf's last pass over it would only drop the
    // metadata's undefined values (and copy the rest).
    for (const key of Object.keys(metadata)) if (metadata[key] === undefined) delete metadata[key];
    return tf;
  }
}

/**
 * `deepMerge(tf, json)` for one element's resolved JSON, except that a resource or data source block
 * new under its type is attached as it is instead of being copied key by key (a tenth of the render
 * at 1000 services, and as much again in garbage). The result is the same: resolved JSON holds no
 * undefined value (the one thing deepMerge drops) and no token, and nothing else holds the block.
 */
function mergeElement(tf: Record<string, unknown>, json: Record<string, unknown>): void {
  for (const kind of Object.keys(json)) {
    const byType = json[kind];
    if (
      (kind !== 'resource' && kind !== 'data') ||
      !isPlainObject(byType) ||
      !(tf[kind] === undefined || isPlainObject(tf[kind]))
    ) {
      deepMerge(tf, { [kind]: byType });
      continue;
    }
    const types = (tf[kind] ??= {}) as Record<string, unknown>;
    for (const type of Object.keys(byType)) {
      const byName = byType[type];
      if (!isPlainObject(byName) || !(types[type] === undefined || isPlainObject(types[type]))) {
        deepMerge(types, { [type]: byName });
        continue;
      }
      const names = (types[type] ??= {}) as Record<string, unknown>;
      for (const name of Object.keys(byName)) {
        const block = byName[name];
        if (names[name] === undefined && isPlainObject(block)) names[name] = block;
        else deepMerge(names, { [name]: block });
      }
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Tokenization.isResolvable(value);
}

/** The resolver cdktf's stacks render with. */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

function resolveIn<T>(stack: TerraformStack, value: T, preparing = false): T {
  return Tokenization.resolve(value, { scope: stack, preparing, resolver: RESOLVER }) as T;
}

/**
 * The stack's Terraform elements in cdktf's order (depth first, not into nested stacks) and, with
 * `findAspects`, whether an aspect is added at or below the stack (the stack's synth runs them): one
 * walk for both.
 */
function walk(stack: TerraformStack, findAspects: boolean): { elements: TerraformElement[]; aspects: boolean } {
  const elements: TerraformElement[] = [];
  let aspects = false;
  const visit = (node: IConstruct): void => {
    if (TerraformElement.isTerraformElement(node)) elements.push(node);
    if (findAspects && !aspects && Aspects.of(node).all.length > 0) aspects = true;
    for (const child of node.node.children) {
      if (!TerraformStack.isStack(child)) visit(child);
    }
  };
  visit(stack);
  return { elements, aspects };
}
