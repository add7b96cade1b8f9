/**
 * Private subnets without a NAT gateway: images and logs need a route. Warnings (printed with the
 * synth output) name what is missing: a NAT gateway for public registries, which no VPC endpoint
 * reaches; ecr.api, ecr.dkr and s3 for private ECR images; logs for the awslogs driver. And the
 * container instances need ecs, ecs-agent and ecs-telemetry to register (COMPUTE_NO_ROUTE_TO_ECS).
 */
import { NatGatewayMode } from '../../modules/network/network-ref';
import { VpcEndpointSets } from '../../modules/network/vpc-endpoints';
import { Ec2Service, TaskDefinition } from '../../modules/service';
import { imagePullRouteProblem } from '../../modules/service/service-checks';
import { fakeNetwork, newCluster } from '../compute/fixtures';
import { newTestStack } from '../support/synth';
import { cluster, network, NGINX, warningsOf } from './fixtures';

const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0';

describe('imagePullRouteProblem', () => {
  test('says nothing with a NAT gateway', () => {
    expect(imagePullRouteProblem(network(), ['nginx'], true)).toBeUndefined();
  });

  test('without NAT: a public image has no route through any endpoint', () => {
    const all = network({ natGatewayMode: NatGatewayMode.NONE, endpointServices: [...VpcEndpointSets.ALL_ECS] });
    expect(imagePullRouteProblem(all, ['public.ecr.aws/nginx/nginx:1.27-alpine'], true)).toMatch(
      /public\.ecr\.aws\/nginx\/nginx:1\.27-alpine come from a public registry, which no VPC endpoint reaches/,
    );
    expect(imagePullRouteProblem(all, [ECR], true)).toBeUndefined();
  });

  test('without NAT: a private ECR image needs ecr.api, ecr.dkr and s3, and awslogs needs logs', () => {
    const none = network({ natGatewayMode: NatGatewayMode.NONE });
    expect(imagePullRouteProblem(none, [ECR], true)).toContain('no VPC endpoint for ecr.api, ecr.dkr, s3, logs');
    expect(imagePullRouteProblem(none, [ECR], false)).toContain('no VPC endpoint for ecr.api, ecr.dkr, s3.');
    const partial = network({
      natGatewayMode: NatGatewayMode.NONE,
      endpointServices: ['com.amazonaws.us-east-1.ecr.api', 's3'],
    });
    expect(imagePullRouteProblem(partial, [ECR], false)).toContain('no VPC endpoint for ecr.dkr.');
  });

  test('Ec2Service prints it as the SERVICE_IMAGE_PULL_NO_ROUTE warning', () => {
    const { stack } = newTestStack();
    const task = new TaskDefinition(stack, 'task', { family: 'web', containers: [NGINX] });
    const service = new Ec2Service(stack, 'svc', {
      cluster: cluster({ network: network({ natGatewayMode: NatGatewayMode.NONE }) }),
      taskDefinition: task,
      serviceName: 'web',
    });
    expect(warningsOf(service)).toEqual([
      expect.stringMatching(
        /^\[SERVICE_IMAGE_PULL_NO_ROUTE\] web: the private subnets have no NAT gateway: image\(s\) nginx come from a public registry/,
      ),
    ]);
  });
});

describe('COMPUTE_NO_ROUTE_TO_ECS', () => {
  const warningsFor = (endpointServices: string[], natGatewayMode = NatGatewayMode.NONE) => {
    const { stack } = newTestStack();
    const c = newCluster(stack, { network: fakeNetwork({ natGatewayMode, endpointServices }) });
    return warningsOf(c.addCapacityProvider('linux', { instanceType: 'c5.large', maxSize: 2 }));
  };

  test("warns when instances without NAT lack the agent's and image pulls' endpoints", () => {
    expect(warningsFor([])).toEqual([
      expect.stringMatching(
        /^\[COMPUTE_NO_ROUTE_TO_ECS\] seed-linux: .*no VPC endpoint for ecs, ecs-agent, ecs-telemetry, ecr\.api, ecr\.dkr, s3, logs\. .*cannot register with the cluster/,
      ),
    ]);
    expect(warningsFor(['ecs', 'ecs-agent', 'ecs-telemetry'])).toEqual([
      expect.stringContaining('no VPC endpoint for ecr.api, ecr.dkr, s3, logs.'),
    ]);
  });

  test('is silent with every endpoint, or with a NAT gateway', () => {
    expect(warningsFor([...VpcEndpointSets.ALL_ECS])).toEqual([]);
    expect(warningsFor([], NatGatewayMode.SINGLE)).toEqual([]);
  });
});
