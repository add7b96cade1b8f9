/**
 * The invalid configuration files of test/stacks/invalid-config.test.ts, part one: the document itself,
 * wrong types, values out of range, unknown enum values and keys, and the cross-field rules of the
 * configuration loader. Part two is invalid-config-cases-constructs.ts.
 */
export interface ExpectedProblem {
  /** The problem's stable code (`CONFIG_UNKNOWN_KEY`). */
  readonly code: string;
  /** The key path (or construct property, or stack address and rule for the policy pack) the line names. */
  readonly path: string;
  /** Text the line must contain (the value received, what is allowed, the fix). */
  readonly says?: readonly string[];
}

export interface InvalidCase {
  readonly name: string;
  /** Written to awsvpc.config.json (a string as is); undefined: no file. */
  readonly config?: unknown;
  readonly env?: NodeJS.ProcessEnv;
  readonly problems: readonly ExpectedProblem[];
}

/** An expected problem: its code, the path the line names and text the line must say. */
export const p = (code: string, keyPath: string, ...says: string[]): ExpectedProblem => ({ code, path: keyPath, says });

export const LOADER_CASES: readonly InvalidCase[] = [
  // --- the document itself ---
  {
    name: 'bad JSON syntax (a trailing comma)',
    config: '{\n  "region": "us-east-1",\n}\n',
    problems: [p('CONFIG_NOT_JSON', 'awsvpc.config.json', 'position', 'fix the JSON syntax')],
  },
  {
    name: 'an empty file',
    config: '',
    problems: [p('CONFIG_NOT_JSON', 'awsvpc.config.json', 'Unexpected end of JSON input')],
  },
  {
    name: 'a document that is not an object',
    config: '[]',
    problems: [p('CONFIG_INVALID_TYPE', '(root)', 'received []', 'object')],
  },
  {
    name: 'AWSVPC_CONFIG naming a missing file',
    env: { AWSVPC_CONFIG: 'configs/prod.json' },
    problems: [
      p(
        'CONFIG_FILE_NOT_FOUND',
        'AWSVPC_CONFIG',
        'received "configs/prod.json"',
        'point AWSVPC_CONFIG at an existing file',
      ),
    ],
  },

  // --- wrong types ---
  {
    name: 'region is a number',
    config: { region: 5 },
    problems: [p('CONFIG_INVALID_TYPE', 'region', 'received 5', 'string', 'us-east-1')],
  },
  {
    name: 'availabilityZoneCount is a string',
    config: { network: { availabilityZoneCount: 'two' } },
    problems: [p('CONFIG_INVALID_TYPE', 'network.availabilityZoneCount', 'received "two"', 'number')],
  },
  {
    name: 'flowLogs is a string',
    config: { network: { flowLogs: 'yes' } },
    problems: [p('CONFIG_INVALID_TYPE', 'network.flowLogs', 'boolean')],
  },
  {
    name: 'services is an object',
    config: { services: { name: 'web' } },
    problems: [p('CONFIG_INVALID_TYPE', 'services', 'array')],
  },
  {
    name: 'a tag value is a number',
    config: { tags: { Team: 7 } },
    problems: [p('CONFIG_INVALID_TYPE', 'tags.Team', 'received 7', 'string')],
  },
  {
    name: 'minSize is a fraction',
    config: { capacityProviders: [{ name: 'linux', minSize: 1.5 }] },
    problems: [p('CONFIG_INVALID_TYPE', 'capacityProviders[0].minSize', 'received 1.5', 'int')],
  },

  // --- out of range ---
  {
    name: 'availabilityZoneCount above 6',
    config: { network: { availabilityZoneCount: 9 } },
    problems: [p('CONFIG_TOO_BIG', 'network.availabilityZoneCount', 'received 9', 'at most 6')],
  },
  {
    name: 'a negative minSize',
    config: { capacityProviders: [{ name: 'linux', minSize: -1 }] },
    problems: [p('CONFIG_TOO_SMALL', 'capacityProviders[0].minSize', 'received -1', 'at least 0')],
  },
  {
    name: 'a container port above 65535',
    config: { services: [{ name: 'web', containerPort: 70000 }] },
    problems: [p('CONFIG_TOO_BIG', 'services[0].containerPort', 'received 70000', 'at most 65535')],
  },
  {
    name: 'task memory below 6 MiB',
    config: { services: [{ name: 'web', memoryMiB: 4 }] },
    problems: [p('CONFIG_TOO_SMALL', 'services[0].memoryMiB', 'received 4', 'at least 6')],
  },
  {
    name: 'no capacity provider',
    config: { capacityProviders: [] },
    problems: [p('CONFIG_TOO_SMALL', 'capacityProviders', 'at least 1 items')],
  },
  {
    name: 'a name prefix too long',
    config: { namePrefix: 'a'.repeat(21) },
    problems: [p('CONFIG_INVALID_FORMAT', 'namePrefix', 'at most 20 characters')],
  },

  // --- unknown enum values ---
  {
    name: 'an unknown NAT mode',
    config: { network: { natGatewayMode: 'per_az' } },
    problems: [p('CONFIG_INVALID_VALUE', 'network.natGatewayMode', 'received "per_az"', '"per-az", "single", "none"')],
  },
  {
    name: 'an unknown AMI family',
    config: { capacityProviders: [{ name: 'linux', amiFamily: 'ubuntu-22.04' }] },
    problems: [p('CONFIG_INVALID_VALUE', 'capacityProviders[0].amiFamily', '"amazon-linux-2023"')],
  },
  {
    name: 'an unknown network mode',
    config: { services: [{ name: 'web', networkMode: 'nat' }] },
    problems: [p('CONFIG_INVALID_VALUE', 'services[0].networkMode', '"awsvpc", "host", "bridge"')],
  },
  {
    name: 'an unknown VPC endpoint',
    config: { network: { endpointServices: ['ssm', 'dynamodb'] } },
    problems: [p('CONFIG_INVALID_VALUE', 'network.endpointServices[1]', 'received "dynamodb"', '"ecr.api"')],
  },
  {
    name: 'a retention CloudWatch Logs does not offer',
    config: { network: { flowLogRetentionDays: 45 } },
    problems: [
      p('CONFIG_INVALID_UNION', 'network.flowLogRetentionDays', 'received 45', 'one of 1, 3, 5, 7, 14, 30, 60, 90'),
    ],
  },
  {
    name: 'an unknown backend type',
    config: { backend: { type: 'gcs' } },
    problems: [p('CONFIG_INVALID_UNION', 'backend.type', 'received "gcs"', 'one of "local", "s3", "hcp"')],
  },

  // --- unknown keys, at several depths ---
  {
    name: 'a misspelt top-level key',
    config: { regoin: 'eu-west-1' },
    problems: [p('CONFIG_UNKNOWN_KEY', 'regoin', 'rename "regoin" to "region"')],
  },
  {
    name: 'a misspelt network key',
    config: { network: { azcount: 3 } },
    problems: [p('CONFIG_UNKNOWN_KEY', 'network.azcount', 'rename "azcount" to "availabilityZoneCount"')],
  },
  {
    name: 'a misspelt key in a list item',
    config: { capacityProviders: [{ name: 'linux', instancetype: 'c5.xlarge' }] },
    problems: [p('CONFIG_UNKNOWN_KEY', 'capacityProviders[0].instancetype', 'rename "instancetype" to "instanceType"')],
  },
  {
    name: 'a misspelt key four levels down',
    config: { services: [{ name: 'web', loadBalancer: { shceme: 'internal' } }] },
    problems: [p('CONFIG_UNKNOWN_KEY', 'services[0].loadBalancer.shceme', 'rename "shceme" to "scheme"')],
  },
  {
    name: 'a misspelt key of the S3 backend',
    config: { backend: { type: 's3', bucket: 'my-state', keyprefix: 'lab' } },
    problems: [p('CONFIG_UNKNOWN_KEY', 'backend.keyprefix', 'rename "keyprefix" to "keyPrefix"')],
  },
  {
    name: 'assignPublicIp, which EC2 tasks cannot have',
    config: { services: [{ name: 'web', assignPublicIp: 'ENABLED' }] },
    problems: [p('CONFIG_UNKNOWN_KEY', 'services[0].assignPublicIp', 'remove "assignPublicIp"')],
  },

  // --- across fields ---
  {
    name: 'a service naming an unknown capacity provider',
    config: { services: [{ name: 'web', capacityProvider: 'linx' }] },
    problems: [
      p('CONFIG_UNKNOWN_CAPACITY_PROVIDER', 'services[0].capacityProvider', 'received "linx"', 'did you mean "linux"?'),
    ],
  },
  {
    name: 'minSize above maxSize',
    config: { capacityProviders: [{ name: 'linux', minSize: 3, maxSize: 2 }] },
    problems: [p('CONFIG_MIN_ABOVE_MAX', 'capacityProviders[0].minSize', '3 (maxSize is 2)')],
  },
  {
    name: 'desiredCapacity outside [minSize, maxSize]',
    config: { capacityProviders: [{ name: 'linux', minSize: 1, maxSize: 2, desiredCapacity: 5 }] },
    problems: [
      p(
        'CONFIG_DESIRED_OUT_OF_RANGE',
        'capacityProviders[0].desiredCapacity',
        'received 5',
        'from minSize (1) to maxSize (2)',
      ),
    ],
  },
  {
    name: 'two services with one name',
    config: { services: [{ name: 'web' }, { name: 'web' }] },
    problems: [p('CONFIG_DUPLICATE_NAME', 'services[1].name', 'received "web"')],
  },
  {
    name: 'two capacity providers with one name',
    config: { capacityProviders: [{ name: 'linux' }, { name: 'linux', instanceType: 'm5.large' }] },
    problems: [p('CONFIG_DUPLICATE_NAME', 'capacityProviders[1].name', 'received "linux"')],
  },
  {
    name: 'three private subnets for two AZs',
    config: { network: { privateSubnetCidrs: ['10.0.100.0/24', '10.0.101.0/24', '10.0.102.0/24'] } },
    problems: [p('CONFIG_SUBNET_COUNT', 'network.privateSubnetCidrs', '3 blocks', 'one block per AZ (2)')],
  },
  {
    name: 'AZs of another region',
    config: { region: 'us-east-1', network: { availabilityZones: ['eu-west-1a', 'eu-west-1b'] } },
    problems: [p('CONFIG_AZ_REGION', 'network.availabilityZones', 'zones of the region us-east-1')],
  },
  {
    name: 'a name prefix starting with ecs',
    config: { namePrefix: 'ecs-lab' },
    problems: [
      p(
        'CONFIG_NAME_PREFIX_RESERVED',
        'namePrefix',
        'received "ecs-lab"',
        'does not start with "aws", "ecs" or "fargate"',
      ),
    ],
  },
  {
    name: 'auto scaling minCapacity above maxCapacity',
    config: {
      services: [{ name: 'nginx', enableExecuteCommand: true, autoScaling: { minCapacity: 4, maxCapacity: 2 } }],
    },
    problems: [p('CONFIG_MIN_ABOVE_MAX', 'services[0].autoScaling.minCapacity', '4 (maxCapacity is 2)')],
  },
];
