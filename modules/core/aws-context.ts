/**
 * The account, region and partition a stack deploys to, read once per stack.
 *
 * Every construct that needs them (IAM trust conditions, ARNs, endpoint service names) shares one
 * `aws_caller_identity`, one `aws_region` and one `aws_partition` data source at the stack's root, instead
 * of reading them again for each service: at 1000 services that was 3000 data sources.
 */
import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';

/** Ids of the shared data sources (stable: they are Terraform addresses). */
export const AWS_CONTEXT_IDS = { account: 'aws-account', region: 'aws-region', partition: 'aws-partition' } as const;

function shared<T extends IConstruct>(scope: IConstruct, id: string, create: (stack: TerraformStack) => T): T {
  const stack = TerraformStack.of(scope);
  return (stack.node.tryFindChild(id) as T | undefined) ?? create(stack);
}

/**
 * Each stack's references, made once: a provider attribute getter makes a new token on every call,
 * and one token per stack keeps documents that hold it identical (the task trust policies are written
 * once per stack, not once per service) and the token map small.
 */
const REFERENCES = new WeakMap<TerraformStack, Map<string, string>>();

function sharedReference(
  scope: IConstruct,
  key: keyof typeof AWS_CONTEXT_IDS,
  read: (stack: TerraformStack) => string,
): string {
  const stack = TerraformStack.of(scope);
  let references = REFERENCES.get(stack);
  if (!references) REFERENCES.set(stack, (references = new Map()));
  let reference = references.get(key);
  if (reference === undefined) {
    reference = read(stack);
    references.set(key, reference);
  }
  return reference;
}

/** The account id of the stack's provider (a Terraform reference). */
export function stackAccountId(scope: IConstruct): string {
  return sharedReference(
    scope,
    'account',
    (stack) =>
      shared(stack, AWS_CONTEXT_IDS.account, (s) => new DataAwsCallerIdentity(s, AWS_CONTEXT_IDS.account)).accountId,
  );
}

/**
 * The region attribute of `data "aws_region"` in the installed provider line: AWS provider 6
 * (`@cdktf/provider-aws` 21.x) deprecates `name` for `region`; provider 5 (20.x) has only `name`.
 * The one place where what we generate depends on the provider line (docs/providers.md).
 */
export function regionAttributeOf(region: DataAwsRegion): string {
  const v6 = region as DataAwsRegion & { readonly region?: string };
  return 'region' in DataAwsRegion.prototype ? v6.region! : region.name;
}

/** The region of the stack's provider (a Terraform reference). */
export function stackRegion(scope: IConstruct): string {
  return sharedReference(scope, 'region', (stack) =>
    regionAttributeOf(shared(stack, AWS_CONTEXT_IDS.region, (s) => new DataAwsRegion(s, AWS_CONTEXT_IDS.region))),
  );
}

/** The partition of the stack's provider, `aws` in commercial regions (a Terraform reference). */
export function stackPartition(scope: IConstruct): string {
  return sharedReference(
    scope,
    'partition',
    (stack) =>
      shared(stack, AWS_CONTEXT_IDS.partition, (s) => new DataAwsPartition(s, AWS_CONTEXT_IDS.partition)).partition,
  );
}
