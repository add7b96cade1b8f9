import { ProblemCollector } from '../../modules/core';
import { checkConfigCrossFields, s3BucketNameProblem } from '../../modules/stacks/config-cross-fields';
import { AwsvpcConfig, parseConfig } from '../../modules/stacks';

/** The defaults (the seeds' lab), which break no cross-field rule. */
const LAB = parseConfig({}, { onWarning: () => undefined });

function crossFieldProblems(c: AwsvpcConfig, rawAzCount?: unknown): string[] {
  const problems = new ProblemCollector();
  checkConfigCrossFields(c, rawAzCount, problems);
  return problems.problems.map((p) => `${p.code} ${p.path}`);
}

describe('checkConfigCrossFields', () => {
  test("finds nothing in the seeds' lab", () => {
    expect(crossFieldProblems(LAB)).toEqual([]);
  });

  test("reports every rule group's problems, in a fixed order", () => {
    const { flowLogsDisabledReason: _reason, ...network } = LAB.network;
    const broken: AwsvpcConfig = {
      ...LAB,
      namePrefix: 'ecs-lab',
      network: {
        ...network,
        availabilityZones: ['eu-west-1a', 'eu-west-1b'],
        flowLogs: false,
        publicSubnetCidrs: ['10.0.0.0/24'],
      },
      capacityProviders: [{ ...LAB.capacityProviders[0]!, minSize: 5, maxSize: 1 }],
      services: [{ ...LAB.services[0]!, capacityProvider: 'lniux' }],
    };
    expect(crossFieldProblems(broken, 3)).toEqual([
      'CONFIG_AZ_COUNT_MISMATCH network.availabilityZoneCount',
      'CONFIG_MIN_ABOVE_MAX capacityProviders[0].minSize',
      'CONFIG_NAME_PREFIX_RESERVED namePrefix',
      'CONFIG_UNKNOWN_CAPACITY_PROVIDER services[0].capacityProvider',
      'CONFIG_FLOW_LOGS_OFF_UNJUSTIFIED network.flowLogs',
      'CONFIG_SUBNET_COUNT network.publicSubnetCidrs',
      'CONFIG_AZ_REGION network.availabilityZones',
    ]);
  });

  test('checks a service after the one before it: a repeated name is reported on the second', () => {
    const service = LAB.services[0]!;
    expect(crossFieldProblems({ ...LAB, services: [service, service] })).toEqual([
      'CONFIG_DUPLICATE_NAME services[1].name',
    ]);
  });
});

describe('s3BucketNameProblem', () => {
  test.each([
    ['team-state', undefined],
    ['ab', '2 characters (3 to 63)'],
    ['Team_State', 'characters other than lower-case letters, digits, dots and hyphens'],
    ['state..bucket', 'two dots in a row'],
    ['10.0.0.1', 'it is written as an IP address'],
    ['xn--state', 'the prefix "xn--" is reserved'],
    ['state-s3alias', 'the suffix "-s3alias" is reserved'],
  ])('%p: %p', (bucket, problem) => {
    expect(s3BucketNameProblem(bucket)).toBe(problem);
  });
});
