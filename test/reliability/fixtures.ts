/** Configuration documents the reliability tests share. */

/**
 * Far from the defaults: another region and prefix, an S3 backend, three AZs with a single NAT
 * gateway and endpoints, x86 and Graviton capacity providers, and four services (an HTTPS ALB
 * service with ECS Exec, an internal NLB service with auto scaling and service discovery on
 * Graviton, a worker without a load balancer, a bridge-mode service).
 */
export const SHOP_CONFIG = {
  namePrefix: 'shop',
  region: 'eu-west-1',
  backend: { type: 's3', bucket: 'shop-terraform-state' },
  network: {
    vpcCidr: '10.20.0.0/16',
    availabilityZoneCount: 3,
    natGatewayMode: 'single',
    endpointServices: ['ecr.api', 'ecr.dkr', 's3', 'logs'],
  },
  capacityProviders: [
    { name: 'x86', instanceType: 'm5.xlarge', minSize: 1, maxSize: 4 },
    { name: 'arm', instanceType: 'm6g.large', minSize: 0, maxSize: 3, desiredCapacity: 1 },
  ],
  services: [
    {
      name: 'web',
      enableExecuteCommand: true,
      desiredCount: 3,
      loadBalancer: { listenerPort: 443, certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' },
    },
    {
      name: 'api',
      image: 'ghcr.io/acme/api:2.1',
      user: '1000:1000',
      containerPort: 8080,
      cpu: 512,
      memoryMiB: 1024,
      capacityProvider: 'arm',
      autoScaling: { minCapacity: 2, maxCapacity: 6 },
      serviceDiscovery: true,
      loadBalancer: { type: 'network', scheme: 'internal', listenerPort: 8080 },
    },
    {
      name: 'worker',
      image: 'ghcr.io/acme/worker:2.1',
      user: '1000',
      desiredCount: 1,
      environment: { QUEUE: 'orders', LOG_LEVEL: 'info' },
    },
    { name: 'legacy', image: 'nginx:1.27', networkMode: 'bridge', desiredCount: 2, enableExecuteCommand: true },
  ],
};

/** The seeds' lab with one change: more tasks than two c5.large instances can hold without trunking. */
export const OVER_CAPACITY_CONFIG = {
  account: { awsvpcTrunking: false },
  services: [{ name: 'nginx', enableExecuteCommand: true, desiredCount: 40 }],
};

/** A service whose container runs as root: the policy pack's AWSVPC-ECS-004 fails the synth. */
export const POLICY_VIOLATION_CONFIG = {
  services: [{ name: 'api', image: 'ghcr.io/acme/api:2.1', user: 'root' }],
};

/** A document with three problems the schema finds. */
export const INVALID_CONFIG = {
  network: { availabilityZoneCount: 0, natGatewayMode: 'both' },
  capacityProviders: [{ name: 'linux', instanceType: 'C5.LARGE' }],
};
