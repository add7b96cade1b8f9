/**
 * A service team's app on a network it imports with private subnets only (Network.fromAttributes
 * without publicSubnetIds): services and internal load balancers work; an internet-facing load
 * balancer fails at synth and says why.
 */
import { TerraformStack } from 'cdktf';
import { Network } from '../../modules/network';
import { Ec2Service, LoadBalancerScheme, TaskDefinition, type LoadBalancerOptions } from '../../modules/service';

import { newTestStack, resourcesOfType, synthToDir } from '../support/synth';
import { cluster, linuxProvider } from './fixtures';

function build(stack: TerraformStack, loadBalancer: LoadBalancerOptions): Ec2Service {
  const network = Network.fromAttributes(stack, 'shared', {
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidrBlock: '10.50.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    privateSubnetIds: ['subnet-0000000a', 'subnet-0000000b'],
  });
  const provider = linuxProvider({ subnets: network.privateSubnets });
  const taskDefinition = new TaskDefinition(stack, 'task', {
    family: 'orders',
    containers: [
      {
        name: 'orders',
        image: 'public.ecr.aws/nginx/nginx:1.27',
        memory: 256,
        portMappings: [{ containerPort: 8080 }],
      },
    ],
  });
  return new Ec2Service(stack, 'orders', {
    cluster: cluster({ network, capacityProviders: [provider] }),
    taskDefinition,
    serviceName: 'orders',
    loadBalancer,
  });
}

describe('a network with private subnets only', () => {
  test('runs the tasks and an internal load balancer in the private subnets', () => {
    const { app, stack } = newTestStack();
    build(stack, { scheme: LoadBalancerScheme.INTERNAL });
    const json = synthToDir(app).json;
    const lb = Object.values(resourcesOfType(json, 'aws_lb'))[0];
    expect(lb).toMatchObject({ internal: true, subnets: ['subnet-0000000a', 'subnet-0000000b'] });
    const service = Object.values(resourcesOfType(json, 'aws_ecs_service'))[0];
    expect(service).toHaveProperty('network_configuration.subnets', ['subnet-0000000a', 'subnet-0000000b']);
  });

  test('refuses an internet-facing load balancer, saying the network has no public subnets', () => {
    const { stack } = newTestStack();
    expect(() => build(stack, { scheme: LoadBalancerScheme.INTERNET_FACING })).toThrowProblem(
      'SERVICE_LB_NO_PUBLIC_SUBNETS',
      'Ec2Service.loadBalancer.scheme',
      'no public subnets',
      'Network.fromAttributes without publicSubnetIds',
      'LoadBalancerScheme.INTERNAL',
      'publicSubnetIds',
    );
  });
});
