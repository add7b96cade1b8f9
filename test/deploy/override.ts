/**
 * The `override.tf.json` the deploy tier writes into its scratch copy of each synthesized stack (never into
 * cdktf.out, never into the product): it points the real AWS provider at moto on 127.0.0.1, keeps state
 * in the scratch folder, re-points remote state at the scratch state of the stack it reads, lifts
 * `prevent_destroy` so that the tier can destroy what it applied, and ignores the attributes where moto
 * (not our code) makes every plan show a change (moto-gaps.json, reviewed like code).
 *
 * Pure: a document in, an override document out.
 */
import gapsJson from './moto-gaps.json';
import { type TerraformJson, valueAt } from '../support/synth';

/** One attribute moto does not round-trip, so that every plan after apply would show a change. */
export interface MotoGap {
  /** Terraform resource type, e.g. `aws_ecs_service`. */
  readonly resourceType: string;
  /** The attribute as `ignore_changes` names it, e.g. `capacity_provider_strategy`. */
  readonly attribute: string;
  /** What moto does (the reason the entry exists). */
  readonly motoBehaviour: string;
}

export const MOTO_GAPS: readonly MotoGap[] = gapsJson.gaps;

/** The `lifecycle` block an override sets on one resource. */
interface OverrideLifecycle {
  prevent_destroy?: boolean;
  ignore_changes?: unknown[];
}

/** The override file written beside a stack's cdk.tf.json (Terraform merges it over the stack). */
export interface OverrideDocument {
  readonly terraform: { readonly backend: { readonly local: { readonly path: string } } };
  readonly provider: { readonly aws: Readonly<Record<string, unknown>> & { readonly endpoints: unknown[] } };
  data?: { terraform_remote_state: Record<string, { config: { path: string } }> };
  resource?: Record<string, Record<string, { lifecycle: OverrideLifecycle }>>;
}

/** The parts of a `terraform show -json` plan that `plannedAttributeChanges` reads. */
export interface TerraformPlanJson {
  readonly resource_changes?: readonly {
    readonly address: string;
    readonly type: string;
    readonly change?: {
      readonly actions?: readonly string[];
      readonly before?: Readonly<Record<string, unknown>> | null;
      readonly after?: Readonly<Record<string, unknown>> | null;
      readonly after_unknown?: Readonly<Record<string, unknown>>;
      readonly replace_paths?: readonly (readonly unknown[])[];
    };
  }[];
}

/**
 * The provider's endpoint keys of the AWS services a stack uses, by resource or data source type prefix
 * (the longest matching prefix wins). STS is always added: the provider asks it for the account id.
 */
const ENDPOINT_OF_PREFIX: ReadonlyArray<readonly [string, string]> = [
  ['aws_vpc_endpoint', 'ec2'],
  ['aws_vpc', 'ec2'],
  ['aws_subnet', 'ec2'],
  ['aws_route', 'ec2'],
  ['aws_internet_gateway', 'ec2'],
  ['aws_nat_gateway', 'ec2'],
  ['aws_eip', 'ec2'],
  ['aws_security_group', 'ec2'],
  ['aws_default_security_group', 'ec2'],
  ['aws_launch_template', 'ec2'],
  ['aws_flow_log', 'ec2'],
  ['aws_availability_zones', 'ec2'],
  ['aws_ec2_', 'ec2'],
  ['aws_network_acl', 'ec2'],
  ['aws_default_network_acl', 'ec2'],
  ['aws_default_route_table', 'ec2'],
  ['aws_ami', 'ec2'],
  ['aws_ecs_', 'ecs'],
  ['aws_iam_', 'iam'],
  ['aws_cloudwatch_log_', 'logs'],
  ['aws_cloudwatch_metric_alarm', 'cloudwatch'],
  ['aws_lb', 'elbv2'],
  ['aws_alb', 'elbv2'],
  ['aws_autoscaling_', 'autoscaling'],
  ['aws_appautoscaling_', 'applicationautoscaling'],
  ['aws_ssm_', 'ssm'],
  ['aws_service_discovery_', 'servicediscovery'],
  ['aws_kms_', 'kms'],
  ['aws_s3_', 's3'],
  ['aws_caller_identity', 'sts'],
  ['aws_region', 'ec2'],
  ['aws_partition', 'sts'],
];

/** The endpoint keys a document needs, sorted. */
export function endpointsOf(doc: TerraformJson): string[] {
  const types = [...Object.keys(doc.resource ?? {}), ...Object.keys(doc.data ?? {})].filter((t) =>
    t.startsWith('aws_'),
  );
  const keys = new Set(['sts']);
  for (const type of types) {
    const match = ENDPOINT_OF_PREFIX.filter(([prefix]) => type.startsWith(prefix)).sort(
      (a, b) => b[0].length - a[0].length,
    )[0];
    if (!match)
      throw new Error(
        `the deploy tier does not know which AWS endpoint serves ${type}: add it to ENDPOINT_OF_PREFIX in test/deploy/override.ts`,
      );
    keys.add(match[1]);
  }
  return [...keys].sort();
}

export interface OverrideOptions {
  /** moto's URL, `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** Where this stack keeps its state in the scratch copy. */
  readonly statePath: string;
  /** Each other stack's state path in the synthesized JSON, mapped to its scratch state path. */
  readonly remoteStatePaths: ReadonlyMap<string, string>;
  /** Apply moto-gaps.json (false to see which of its entries a plan still needs). */
  readonly ignoreMotoGaps: boolean;
}

/** The override document for one synthesized stack. */
export function deployOverride(doc: TerraformJson, options: OverrideOptions): OverrideDocument {
  const endpoints = Object.fromEntries(endpointsOf(doc).map((k) => [k, options.endpoint]));
  const override: OverrideDocument = {
    terraform: { backend: { local: { path: options.statePath } } },
    provider: {
      aws: {
        access_key: 'test',
        secret_key: 'test',
        skip_credentials_validation: true,
        skip_metadata_api_check: true,
        // Not skip_requesting_account_id: without the account id the provider writes moto's group
        // references as 123456789012/sg-... and every plan shows a false change.
        endpoints: [endpoints],
      },
    },
  };
  const remote = doc.data?.terraform_remote_state ?? {};
  for (const [name, block] of Object.entries(remote)) {
    const path = block.backend === 'local' ? valueAt(block, 'config', 'path') : undefined;
    const scratch = typeof path === 'string' ? options.remoteStatePaths.get(path) : undefined;
    if (scratch === undefined) {
      throw new Error(
        `data.terraform_remote_state.${name} reads ${JSON.stringify(block.config)}, which is no stack of this deploy`,
      );
    }
    (override.data ??= { terraform_remote_state: {} }).terraform_remote_state[name] = { config: { path: scratch } };
  }
  for (const [type, byName] of Object.entries(doc.resource ?? {})) {
    const gaps = options.ignoreMotoGaps ? MOTO_GAPS.filter((g) => g.resourceType === type).map((g) => g.attribute) : [];
    for (const [name, body] of Object.entries(byName)) {
      const lifecycle: OverrideLifecycle = {};
      if (valueAt(body, 'lifecycle', 'prevent_destroy') === true) lifecycle.prevent_destroy = false;
      if (gaps.length > 0) {
        // Override files replace ignore_changes as a whole: keep the stack's own entries.
        const own = valueAt(body, 'lifecycle', 'ignore_changes');
        lifecycle.ignore_changes = [...new Set([...(Array.isArray(own) ? own : []), ...gaps])];
      }
      if (Object.keys(lifecycle).length > 0) ((override.resource ??= {})[type] ??= {})[name] = { lifecycle };
    }
  }
  return override;
}

/**
 * What a `terraform show -json` plan would change: per resource, the attributes whose planned value
 * differs from the state. Attributes that become unknown only because the resource is replaced or
 * updated (its id, computed versions) are consequences, not causes, and are left out; the paths that
 * force a replacement are always in.
 */
export function plannedAttributeChanges(
  plan: TerraformPlanJson,
): Array<{ address: string; resourceType: string; attributes: string[] }> {
  const out: Array<{ address: string; resourceType: string; attributes: string[] }> = [];
  for (const rc of plan.resource_changes ?? []) {
    const change = rc.change;
    if (!change || (change.actions ?? []).every((a) => a === 'no-op' || a === 'read')) continue;
    const before = change.before ?? {};
    const after = change.after ?? {};
    const unknown = change.after_unknown ?? {};
    const replacing = (change.replace_paths ?? []).map((p) => String(p[0]));
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
      (k) => unknown[k] !== true && JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null),
    );
    out.push({
      address: rc.address,
      resourceType: rc.type,
      attributes: [...new Set([...changed, ...replacing])].sort(),
    });
  }
  return out;
}
