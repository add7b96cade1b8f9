/** Builds a stack with one capacity provider, for the Ec2CapacityProvider tests. */
import type { TerraformStack } from 'cdktf';
import { Ec2CapacityProvider, Ec2CapacityProviderOptions, EcsCluster, EcsClusterProps } from '../../modules/compute';
import {
  listArg,
  newTestStack,
  resourcesOfType,
  synthToDir,
  type TerraformBlock,
  TerraformJson,
} from '../support/synth';
import { newCluster, only } from './fixtures';

export interface Built {
  readonly json: TerraformJson;
  readonly provider: Ec2CapacityProvider;
  readonly cluster: EcsCluster;
  /** The one resource of a type (the stack holds one capacity provider). */
  readonly one: (type: string) => TerraformBlock;
}

export function build(
  options: Partial<Ec2CapacityProviderOptions> = {},
  clusterProps: Partial<EcsClusterProps> = {},
  before?: (stack: TerraformStack) => Partial<EcsClusterProps>,
): Built {
  const { app, stack } = newTestStack();
  const extra = before?.(stack) ?? {};
  const cluster = newCluster(stack, { ...clusterProps, ...extra });
  const provider = cluster.addCapacityProvider('linux', { instanceType: 'c5.large', maxSize: 4, ...options });
  const { json } = synthToDir(app);
  return { json, provider, cluster, one: (type) => only(resourcesOfType(json, type)) };
}

export const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

export function tagsOf(asg: TerraformBlock): Record<string, { value: string; propagate: boolean }> {
  const tags = listArg(asg, 'tag') as { key: string; value: string; propagate_at_launch: boolean }[];
  return Object.fromEntries(tags.map((t) => [t.key, { value: t.value, propagate: t.propagate_at_launch }]));
}
