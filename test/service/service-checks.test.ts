import { CpuArchitecture } from '../../modules/core';
import { checkServicePlan, NetworkMode, TaskOsFamily, type ServicePlan } from '../../modules/service';
import { linuxProvider, PRIVATE_SUBNETS, windowsProvider } from './fixtures';
import { plan } from './plan-fixture';

function codes(p: Partial<ServicePlan>): string[] {
  return checkServicePlan(plan(p)).map((x) => x.code);
}

function problem(p: Partial<ServicePlan>, code: string) {
  const found = checkServicePlan(plan(p)).find((x) => x.code === code);
  expect(found).toBeDefined();
  return found!;
}

describe('service checks', () => {
  test('accept the default plan', () => {
    expect(checkServicePlan(plan())).toEqual([]);
  });

  test('fail when assignPublicIp is on, and say why', () => {
    const p = problem({ assignPublicIp: true }, 'SERVICE_PUBLIC_IP_UNSUPPORTED');
    expect(p.path).toBe('Ec2Service.assignPublicIp');
    expect(p.allowed).toContain('task ENIs on EC2 never get public IPs');
    expect(p.allowed).toContain('Assign public IP is not supported for this launch type');
  });

  test('fail when a network configuration is given for bridge or host mode', () => {
    for (const mode of [NetworkMode.BRIDGE, NetworkMode.HOST]) {
      const p = problem(
        { networkMode: mode, subnets: [], subnetsGiven: true },
        'SERVICE_NETWORK_CONFIGURATION_NOT_AWSVPC',
      );
      expect(p.path).toBe('Ec2Service.subnets');
      expect(p.fix).toContain('Network Configuration is not valid for the given networkMode');
    }
    expect(
      problem(
        { networkMode: NetworkMode.HOST, subnets: [], securityGroupsGiven: true },
        'SERVICE_NETWORK_CONFIGURATION_NOT_AWSVPC',
      ).path,
    ).toBe('Ec2Service.securityGroup');
    expect(codes({ networkMode: NetworkMode.BRIDGE, subnets: [] })).toEqual([]);
  });

  test('fail when there are no subnets, more than 16, or duplicates', () => {
    expect(problem({ subnets: [] }, 'SERVICE_SUBNETS_EMPTY').allowed).toBe('1 to 16 subnets');
    const many = Array.from({ length: 17 }, (_, i) => ({
      subnetId: `subnet-${String(i).padStart(8, '0')}`,
      availabilityZone: 'us-east-1a',
    }));
    const p = problem({ subnets: many }, 'SERVICE_TOO_MANY_SUBNETS');
    expect(p.received).toBe('17 subnets');
    expect(p.allowed).toContain('at most 16');
    expect(problem({ subnets: [PRIVATE_SUBNETS[0]!, PRIVATE_SUBNETS[0]!] }, 'SERVICE_SUBNET_DUPLICATE').received).toBe(
      '"subnet-0a1b2c3d"',
    );
  });

  test('fail when there are more than 5 security groups', () => {
    const p = problem({ securityGroupCount: 6 }, 'SERVICE_TOO_MANY_SECURITY_GROUPS');
    expect(p.received).toContain('6 security groups');
    expect(p.allowed).toContain('at most 5');
    expect(codes({ securityGroupCount: 5 })).toEqual([]);
  });

  test('fail when a subnet is in an AZ where the capacity provider runs no instances', () => {
    const elsewhere = { subnetId: 'subnet-0c0c0c0c', availabilityZone: 'us-east-1c' };
    const p = problem(
      { subnets: [...PRIVATE_SUBNETS, elsewhere], subnetsGiven: true },
      'SERVICE_SUBNET_AZ_NOT_IN_CAPACITY',
    );
    expect(p.path).toBe('Ec2Service.subnets[2]');
    expect(p.received).toBe('"subnet-0c0c0c0c" in us-east-1c');
    expect(p.allowed).toContain('us-east-1a, us-east-1b');
    // Unresolvable AZs are not compared.
    expect(
      codes({
        capacityProvider: linuxProvider({ subnets: [{ subnetId: 's', availabilityZone: '${TfToken[TOKEN.1]}' }] }),
      }),
    ).toEqual([]);
  });

  test("fail when there is no capacity provider, or it is not the cluster's", () => {
    expect(
      problem({ capacityProvider: undefined, clusterCapacityProviders: [] }, 'SERVICE_CAPACITY_PROVIDER_MISSING').fix,
    ).toContain('add a capacity provider to the cluster');
    const other = linuxProvider({ capacityProviderName: 'other' });
    const p = problem(
      { capacityProvider: other, capacityProviderGiven: true },
      'SERVICE_CAPACITY_PROVIDER_NOT_IN_CLUSTER',
    );
    expect(p.received).toBe('"other"');
    expect(p.allowed).toContain('"demo-linux"');
  });

  test('fail when a Windows task is placed on Linux capacity, or the other way round', () => {
    const p = problem({ osFamily: TaskOsFamily.WINDOWS_SERVER_2022_CORE }, 'SERVICE_OS_MISMATCH');
    expect(p.received).toBe('"demo-linux" (LINUX instances) for a WINDOWS_SERVER_2022_CORE task');
    expect(p.fix).toContain('Windows container instances');
    const q = problem(
      { capacityProvider: windowsProvider(), clusterCapacityProviders: [windowsProvider()] },
      'SERVICE_OS_MISMATCH',
    );
    expect(q.allowed).toBe('a LINUX capacity provider');
    expect(
      codes({
        osFamily: TaskOsFamily.WINDOWS_SERVER_2022_FULL,
        capacityProvider: windowsProvider(),
        clusterCapacityProviders: [windowsProvider()],
      }),
    ).toEqual([]);
  });

  test("fail when the task's architecture differs from the instances'", () => {
    const p = problem({ cpuArchitecture: CpuArchitecture.ARM64 }, 'SERVICE_ARCHITECTURE_MISMATCH');
    expect(p.received).toBe('"demo-linux" (X86_64) for a ARM64 task');
  });

  test('fail when deployment percentages are out of range or leave no room', () => {
    expect(problem({ minHealthyPercent: 120 }, 'SERVICE_DEPLOYMENT_PERCENT_INVALID').path).toBe(
      'Ec2Service.minHealthyPercent',
    );
    expect(problem({ maxPercent: 90 }, 'SERVICE_DEPLOYMENT_PERCENT_INVALID').allowed).toBe(
      'an integer of at least 100',
    );
    expect(problem({ maxPercent: 100, minHealthyPercent: 100 }, 'SERVICE_DEPLOYMENT_PERCENT_INVALID').received).toBe(
      '100 (minHealthyPercent is 100)',
    );
    expect(codes({ minHealthyPercent: 50, maxPercent: 100 })).toEqual([]);
  });

  test('fail when a host-mode service wants more tasks than it has instances (RESOURCE:PORTS)', () => {
    const p = problem(
      { networkMode: NetworkMode.HOST, subnets: [], oneTaskPerInstance: true, desiredCount: 5 },
      'SERVICE_HOST_PORTS_EXHAUSTED',
    );
    expect(p.path).toBe('Ec2Service.desiredCount');
    expect(p.received).toBe('5 tasks on "demo-linux" (at most 4 instances)');
    expect(p.allowed).toContain('RESOURCE:PORTS');
    expect(p.fix).toContain('NetworkMode.AWSVPC');
    expect(codes({ networkMode: NetworkMode.HOST, subnets: [], oneTaskPerInstance: true, desiredCount: 4 })).toEqual(
      [],
    );
    expect(
      problem(
        { networkMode: NetworkMode.HOST, subnets: [], oneTaskPerInstance: true, autoScalingMax: 8 },
        'SERVICE_HOST_PORTS_EXHAUSTED',
      ).path,
    ).toBe('Ec2Service.autoScaling.maxCapacity');
    // awsvpc: many tasks per instance with the same container port.
    expect(codes({ desiredCount: 50 })).toEqual([]);
  });

  test('fail when the service name or desired count is invalid', () => {
    expect(problem({ serviceName: 'my service' }, 'SERVICE_NAME_INVALID').received).toBe('"my service"');
    expect(problem({ desiredCount: -1 }, 'SERVICE_DESIRED_COUNT_INVALID').allowed).toBe('a non-negative integer');
  });
});
