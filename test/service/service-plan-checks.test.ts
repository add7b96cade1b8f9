/** Each named check of `checkServicePlan` on its own: silent on a valid plan, its code on its mistake. */
import { OsFamily } from '../../modules/core';
import {
  checkAwsvpcConfiguration,
  checkCapacityProvider,
  checkDeploymentPercents,
  checkHostModeTaskRole,
  checkHostPortsExhausted,
  checkInstanceCeiling,
  checkNetworkConfigurationMode,
  checkPrivilegedCapacity,
  checkServiceBasics,
  checkServicePlan,
  NetworkMode,
  SERVICE_PLAN_CHECKS,
  type ServicePlan,
} from '../../modules/service';
import { linuxProvider } from './fixtures';
import { plan } from './plan-fixture';

const cases: [string, (p: ServicePlan) => { code: string }[], Partial<ServicePlan>, string][] = [
  ['checkServiceBasics', checkServiceBasics, { serviceName: 'web api' }, 'SERVICE_NAME_INVALID'],
  [
    'checkCapacityProvider',
    checkCapacityProvider,
    { capacityProvider: undefined },
    'SERVICE_CAPACITY_PROVIDER_MISSING',
  ],
  [
    'checkHostModeTaskRole',
    checkHostModeTaskRole,
    { networkMode: NetworkMode.HOST, taskRole: true, subnets: [] },
    'SERVICE_HOST_MODE_TASK_ROLE_NOT_ENABLED',
  ],
  [
    'checkNetworkConfigurationMode',
    checkNetworkConfigurationMode,
    { networkMode: NetworkMode.BRIDGE, subnetsGiven: true },
    'SERVICE_NETWORK_CONFIGURATION_NOT_AWSVPC',
  ],
  ['checkAwsvpcConfiguration', checkAwsvpcConfiguration, { securityGroupCount: 6 }, 'SERVICE_TOO_MANY_SECURITY_GROUPS'],
  [
    'checkDeploymentPercents',
    checkDeploymentPercents,
    { minHealthyPercent: 150 },
    'SERVICE_DEPLOYMENT_PERCENT_INVALID',
  ],
  ['checkInstanceCeiling', checkInstanceCeiling, { taskMemoryMiB: 8192 }, 'SERVICE_TASK_MEMORY_ABOVE_INSTANCE'],
  [
    'checkPrivilegedCapacity',
    checkPrivilegedCapacity,
    { privilegedContainers: ['agent'], capacityProvider: linuxProvider({ privilegedContainers: false }) },
    'SERVICE_PRIVILEGED_NOT_ALLOWED',
  ],
  [
    'checkHostPortsExhausted',
    checkHostPortsExhausted,
    { oneTaskPerInstance: true, desiredCount: 5 },
    'SERVICE_HOST_PORTS_EXHAUSTED',
  ],
];

describe('the named checks of a service plan', () => {
  test.each(cases)('%s is silent on a valid plan and reports its own mistake', (_name, check, mistake, code) => {
    expect(check(plan())).toEqual([]);
    expect(check(plan(mistake)).map((p) => p.code)).toEqual([code]);
    expect(checkServicePlan(plan(mistake)).map((p) => p.code)).toContain(code);
  });

  test('checkServicePlan runs every named check, in order', () => {
    expect(SERVICE_PLAN_CHECKS).toEqual(cases.map(([, check]) => check));
  });

  test('the awsvpc checks stay silent for bridge and host tasks, the mode check for awsvpc ones', () => {
    expect(checkAwsvpcConfiguration(plan({ networkMode: NetworkMode.HOST, subnets: [] }))).toEqual([]);
    expect(checkNetworkConfigurationMode(plan({ subnetsGiven: true }))).toEqual([]);
    expect(
      checkHostModeTaskRole(
        plan({
          networkMode: NetworkMode.HOST,
          taskRole: true,
          capacityProvider: linuxProvider({ osFamily: OsFamily.WINDOWS }),
        }),
      ),
    ).toEqual([]);
  });
});
