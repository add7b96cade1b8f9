/** A valid service plan (awsvpc, Linux, 2 tasks on the fixtures' Linux provider), for the plan checks' tests. */
import { NetworkMode, TaskOsFamily, type ServicePlan } from '../../modules/service';
import { linuxProvider, PRIVATE_SUBNETS } from './fixtures';

export function plan(overrides: Partial<ServicePlan> = {}): ServicePlan {
  return {
    serviceName: 'web',
    desiredCount: 2,
    networkMode: NetworkMode.AWSVPC,
    osFamily: TaskOsFamily.LINUX,
    capacityProvider: linuxProvider(),
    clusterCapacityProviders: [linuxProvider()],
    capacityProviderGiven: false,
    subnets: PRIVATE_SUBNETS,
    subnetsGiven: false,
    securityGroupCount: 1,
    securityGroupsGiven: false,
    assignPublicIp: false,
    minHealthyPercent: 100,
    maxPercent: 200,
    oneTaskPerInstance: false,
    ...overrides,
  };
}
