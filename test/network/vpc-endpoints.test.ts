import { endpointServiceName, isGatewayEndpoint, VpcEndpointService, VpcEndpointSets } from '../../modules/network';

describe('VpcEndpointService', () => {
  test("names a service's endpoint for a region", () => {
    expect(endpointServiceName('eu-west-1', VpcEndpointService.ECR_DKR)).toBe('com.amazonaws.eu-west-1.ecr.dkr');
    expect(endpointServiceName('us-east-1', VpcEndpointService.ECS_AGENT)).toBe('com.amazonaws.us-east-1.ecs-agent');
  });

  test('reaches S3 through a gateway endpoint and everything else through interface endpoints', () => {
    expect(Object.values(VpcEndpointService).filter(isGatewayEndpoint)).toEqual([VpcEndpointService.S3]);
  });

  test('offers the image-pull set and the full ECS set', () => {
    expect(VpcEndpointSets.IMAGE_PULL).toEqual(['ecr.api', 'ecr.dkr', 's3', 'logs']);
    expect([...VpcEndpointSets.ALL_ECS].sort()).toEqual(Object.values(VpcEndpointService).sort());
  });
});
