/**
 * Invalid configuration files fed to the default app's real entry point (`node .gen/main.js`), one
 * process each: the app exits 1, prints one line per problem naming the key path (or, for errors the
 * constructs find, the construct property), no stack trace, and writes nothing under cdktf.out; a
 * previous cdktf.out stays byte-identical.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { listFiles, runApp } from '../support/app-runner';

interface ExpectedProblem {
  /** The problem's stable code (`CONFIG_UNKNOWN_KEY`). */
  readonly code: string;
  /** The key path (or construct property, or stack address and rule for the policy pack) the line names. */
  readonly path: string;
  /** Text the line must contain (the value received, what is allowed, the fix). */
  readonly says?: readonly string[];
}

interface InvalidCase {
  readonly name: string;
  /** Written to awsvpc.config.json (a string as is); undefined: no file. */
  readonly config?: unknown;
  readonly env?: NodeJS.ProcessEnv;
  readonly problems: readonly ExpectedProblem[];
}

const p = (code: string, keyPath: string, ...says: string[]): ExpectedProblem => ({ code, path: keyPath, says });
const HOST_REASON = 'the agent exporter must see the instance network';
const hostService = (name: string, containerPort: number, desiredCount: number) => ({
  name,
  networkMode: 'host',
  hostNetworkModeReason: HOST_REASON,
  containerPort,
  desiredCount,
});

const CASES: readonly InvalidCase[] = [
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

  // --- found by the constructs, surfacing through the app ---
  {
    name: 'a /8 VPC',
    config: { network: { vpcCidr: '10.0.0.0/8' } },
    problems: [
      p('NETWORK_VPC_CIDR_PREFIX_OUT_OF_RANGE', 'network (Network.vpcCidr)', 'received "10.0.0.0/8"', '/16', '/28'),
    ],
  },
  {
    name: 'overlapping subnets',
    config: { network: { publicSubnetCidrs: ['10.0.0.0/24', '10.0.0.128/25'] } },
    problems: [p('NETWORK_SUBNETS_OVERLAP', 'network (Network.publicSubnetCidrs[1])', 'overlaps "10.0.0.0/24"')],
  },
  {
    name: 'private subnets outside the VPC (two problems, two lines)',
    config: { network: { privateSubnetCidrs: ['192.168.0.0/24', '192.168.1.0/24'] } },
    problems: [
      p('NETWORK_SUBNET_OUTSIDE_VPC', 'network (Network.privateSubnetCidrs[0])', '10.0.0.0/16'),
      p('NETWORK_SUBNET_OUTSIDE_VPC', 'network (Network.privateSubnetCidrs[1])', '10.0.0.0/16'),
    ],
  },
  {
    name: 'one AZ named twice',
    config: { network: { availabilityZones: ['us-east-1a', 'us-east-1a'] } },
    problems: [p('NETWORK_AZ_DUPLICATE', 'network (Network.availabilityZones[1])', 'received "us-east-1a"')],
  },
  {
    name: 'more awsvpc tasks than the capacity provider can place',
    config: { services: [{ name: 'nginx', enableExecuteCommand: true, desiredCount: 15 }] },
    problems: [
      p(
        'CAPACITY_ENI_OVERCOMMITTED',
        'capacityProviders["lab-linux"]',
        'received 30 awsvpc tasks at peak',
        'at most 20: 2 instances (ASG maximum) x 10 awsvpc tasks per c5.large with trunking',
      ),
    ],
  },
  {
    name: 'host mode with more tasks than instances',
    config: { services: [{ name: 'web', networkMode: 'host', hostNetworkModeReason: HOST_REASON, desiredCount: 5 }] },
    problems: [
      p(
        'SERVICE_HOST_PORTS_EXHAUSTED',
        'services[0] (Ec2Service.desiredCount)',
        'received 5 tasks',
        'at most 2 tasks',
        'RESOURCE:PORTS',
      ),
    ],
  },
  {
    name: 'Windows capacity on a Graviton instance type',
    config: {
      capacityProviders: [{ name: 'win', amiFamily: 'windows-server-2022-full', instanceType: 'c6g.large' }],
      services: [],
    },
    problems: [
      p(
        'COMPUTE_AMI_ARCHITECTURE_UNSUPPORTED',
        'capacityProviders[0] (Ec2CapacityProvider(capacity-win).machineImage.architecture)',
        'x86_64 only',
      ),
    ],
  },
  {
    name: 'managed termination protection without managed scaling',
    config: { capacityProviders: [{ name: 'linux', managedScaling: false, managedTerminationProtection: true }] },
    problems: [
      p(
        'COMPUTE_TERMINATION_PROTECTION_WITHOUT_SCALING',
        'capacityProviders[0] (Ec2CapacityProvider(capacity-linux).managedTerminationProtection)',
        'Turn managedScaling on',
      ),
    ],
  },
  {
    name: 'a container that runs as root (a policy violation)',
    config: { services: [{ name: 'api', image: 'public.ecr.aws/docker/library/httpd:2.4', user: 'root' }] },
    problems: [
      p(
        'POLICY_VIOLATION',
        'lab-platform/aws_ecs_task_definition.task-api_task-definition_B41A87B2 [AWSVPC-ECS-004]',
        'container "api" runs as user \"root\"',
        'set "user"',
        'PolicyPack.suppress',
      ),
    ],
  },

  {
    name: 'flow logs off without a reason',
    config: { network: { flowLogs: false } },
    problems: [p('CONFIG_FLOW_LOGS_OFF_UNJUSTIFIED', 'network.flowLogs', 'network.flowLogsDisabledReason')],
  },
  {
    name: 'a writable root filesystem without a reason',
    config: { services: [{ name: 'web', readonlyRootFilesystem: false }] },
    problems: [
      p('CONFIG_WRITABLE_ROOT_UNJUSTIFIED', 'services[0].readonlyRootFilesystem', 'writableRootFilesystemReason'),
    ],
  },

  // --- the document, read strictly ---
  {
    name: 'a key given twice (the last would win silently)',
    config: '{\n  "region": "us-east-1",\n  "region": "eu-west-1"\n}\n',
    problems: [
      p(
        'CONFIG_DUPLICATE_KEY',
        'region',
        'the key "region" twice in one object (line 2, column 3 and line 3, column 3)',
        'delete the other',
      ),
    ],
  },
  {
    name: 'a key given twice deep in a list',
    config: '{"services": [{"name": "web", "environment": {"A": "1", "A": "2"}}]}',
    problems: [p('CONFIG_DUPLICATE_KEY', 'services[0].environment.A', 'twice in one object')],
  },
  {
    name: 'a __proto__ key',
    config: '{"tags": {"__proto__": {"Owner": "x"}}}',
    problems: [p('CONFIG_PROTO_KEY', 'tags.__proto__', 'remove the "__proto__" entry')],
  },
  {
    name: 'a number too large for a double (1e400)',
    config: '{"network": {"availabilityZoneCount": 1e400}}',
    problems: [
      p(
        'CONFIG_NUMBER_TOO_LARGE',
        'network.availabilityZoneCount',
        'received 1e400 (line 1, column 39)',
        'magnitude at most 1.7976931348623157e308',
      ),
    ],
  },
  {
    name: 'AWSVPC_CONFIG naming a directory',
    env: { AWSVPC_CONFIG: '.' },
    problems: [
      p('CONFIG_FILE_NOT_A_FILE', 'AWSVPC_CONFIG', 'received "." (a directory, not a file)', 'awsvpc.config.json'),
    ],
  },

  // --- what AWS would refuse at apply time ---
  {
    name: 'availabilityZoneCount contradicting availabilityZones',
    config: { network: { availabilityZoneCount: 3, availabilityZones: ['us-east-1a', 'us-east-1b'] } },
    problems: [
      p(
        'CONFIG_AZ_COUNT_MISMATCH',
        'network.availabilityZoneCount',
        'received 3 (network.availabilityZones lists 2 zones)',
        'remove availabilityZoneCount',
      ),
    ],
  },
  {
    name: 'a tag with the reserved aws: prefix',
    config: { tags: { 'aws:owner': 'platform' } },
    problems: [p('CORE_TAG_KEY_RESERVED', 'tags["aws:owner"]', 'does not start with "aws:"', '"app:owner"')],
  },
  {
    name: 'more than 50 tags',
    config: { tags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`Tag${i}`, 'x'])) },
    problems: [p('CORE_TOO_MANY_TAGS', 'tags', 'received 51 tags', 'at most 50')],
  },
  {
    name: 'a tag value with a Terraform interpolation',
    config: { tags: { Owner: '${file("/etc/hostname")}' } },
    problems: [p('CORE_TAG_VALUE_INVALID', 'tags["Owner"]', 'letters, digits, spaces and _ . : / = + - @')],
  },
  {
    name: 'an image with upper-case letters',
    config: { services: [{ name: 'web', image: 'Nginx:1.27' }] },
    problems: [p('SERVICE_CONTAINER_IMAGE_INVALID', 'services[0] (TaskDefinition.containers[0].image)', 'upper-case')],
  },
  {
    name: 'an image of 300 characters',
    config: { services: [{ name: 'web', image: `registry.example.com/${'a'.repeat(276)}:v1` }] },
    problems: [
      p(
        'SERVICE_CONTAINER_IMAGE_INVALID',
        'services[0] (TaskDefinition.containers[0].image)',
        '300 characters (ECS takes at most 255)',
      ),
    ],
  },
  {
    name: "a host-mode service on the agent's port 51678",
    config: { services: [hostService('agent', 51678, 1)] },
    problems: [
      p(
        'SERVICE_HOST_PORT_RESERVED',
        'services[0] (TaskDefinition.containers[0].portMappings[0].containerPort)',
        '51678 as a host port in host mode',
      ),
    ],
  },
  {
    name: 'two host-mode services holding one port beyond the instances',
    config: { services: [hostService('a', 8080, 2), hostService('b', 8080, 1)] },
    problems: [
      p(
        'CAPACITY_HOST_PORTS_EXHAUSTED',
        'capacityProviders["lab-linux"]',
        '3 tasks binding host port 8080',
        'at most 2',
      ),
    ],
  },
  {
    name: 'task cpu above what a c5.large registers',
    config: { services: [{ name: 'web', cpu: 4096, memoryMiB: 1024 }] },
    problems: [
      p(
        'SERVICE_TASK_CPU_ABOVE_INSTANCE',
        'services[0] (TaskDefinition.cpu)',
        'c5.large: at most 2 vCPUs',
        'at most 2048 CPU units',
      ),
    ],
  },
  {
    name: 'task memory above what a c5.large has',
    config: { services: [{ name: 'web', memoryMiB: 8192 }] },
    problems: [
      p('SERVICE_TASK_MEMORY_ABOVE_INSTANCE', 'services[0] (TaskDefinition.memoryMiB)', '8192 MiB', 'at most 5376 MiB'),
    ],
  },
  {
    name: 'a user that is root in another spelling (00:0)',
    config: { services: [{ name: 'api', image: 'public.ecr.aws/docker/library/httpd:2.4', user: '00:0' }] },
    problems: [
      p(
        'POLICY_VIOLATION',
        'lab-platform/aws_ecs_task_definition.task-api_task-definition_B41A87B2 [AWSVPC-ECS-004]',
        'runs as user "00:0"',
      ),
    ],
  },
  {
    name: 'a certificate of another region',
    config: {
      services: [
        {
          name: 'web',
          loadBalancer: {
            scheme: 'internet-facing',
            listenerPort: 443,
            certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000',
          },
        },
      ],
    },
    problems: [
      p(
        'CONFIG_CERTIFICATE_REGION',
        'services[0].loadBalancer.certificateArn',
        'a certificate of eu-west-1',
        'region us-east-1',
      ),
    ],
  },
  {
    name: 'an S3 bucket name S3 refuses',
    config: { backend: { type: 's3', bucket: 'Team_State' } },
    problems: [
      p('CONFIG_S3_BUCKET_NAME_INVALID', 'backend.bucket', '"Team_State": characters other than lower-case letters'),
    ],
  },
  {
    name: 'an S3 bucket name with a reserved prefix',
    config: { backend: { type: 's3', bucket: 'xn--state' } },
    problems: [p('CONFIG_S3_BUCKET_NAME_INVALID', 'backend.bucket', 'the prefix "xn--" is reserved')],
  },
  {
    name: 'an HCP organization with a space',
    config: { backend: { type: 'hcp', organization: 'acme corp' } },
    problems: [p('CONFIG_HCP_NAME_INVALID', 'backend.organization', 'received "acme corp"')],
  },
  {
    name: 'an HCP workspace name over 90 characters',
    config: { backend: { type: 'hcp', organization: 'acme', workspacePrefix: 'w'.repeat(80) } },
    problems: [p('CONFIG_HCP_NAME_INVALID', 'backend.workspacePrefix', '93 characters', 'at most 90 characters')],
  },

  // --- weakening a default needs a written reason ---
  {
    name: 'host network mode without a reason',
    config: { services: [{ name: 'web', networkMode: 'host' }] },
    problems: [
      p('CONFIG_HOST_MODE_UNJUSTIFIED', 'services[0].networkMode', 'received "host"', 'hostNetworkModeReason'),
    ],
  },
  {
    name: 'unencrypted S3 state without a reason',
    config: { backend: { type: 's3', bucket: 'team-state', encrypt: false } },
    problems: [p('CONFIG_STATE_UNENCRYPTED_UNJUSTIFIED', 'backend.encrypt', 'backend.encryptDisabledReason')],
  },
  {
    name: 'an internet-facing load balancer without a certificate or a reason',
    config: { services: [{ name: 'web', loadBalancer: { scheme: 'internet-facing' } }] },
    problems: [
      p(
        'CONFIG_PUBLIC_LOAD_BALANCER_WITHOUT_TLS',
        'services[0].loadBalancer.scheme',
        'without certificateArn',
        'withoutCertificateReason',
      ),
    ],
  },

  // --- several problems at once ---
  {
    name: 'three problems in one file (three lines)',
    config: { region: 5, namePrefix: 'Lab', network: { availabilityZoneCount: 0 } },
    problems: [
      p('CONFIG_INVALID_TYPE', 'region'),
      p('CONFIG_INVALID_FORMAT', 'namePrefix'),
      p('CONFIG_TOO_SMALL', 'network.availabilityZoneCount'),
    ],
  },
];

const PROBLEM_LINE = /^ {2}\[([A-Z][A-Z0-9_]+)\] (.+?): received .*; allowed: .*\. Fix: .+$/;

/** Every file under `dir` with a digest of its contents. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((f) => [
      f,
      createHash('sha256')
        .update(fs.readFileSync(path.join(dir, f)))
        .digest('hex'),
    ]),
  );
}

/** The printed problems as `{ code, path, line }`, or a description of the first line that is none. */
function parseProblems(stderr: string): { header: string; problems: { code: string; path: string; line: string }[] } {
  const [header = '', ...rest] = stderr.trimEnd().split('\n');
  const problems = rest.map((line) => {
    const m = PROBLEM_LINE.exec(line);
    if (m) return { code: m[1]!, path: m[2]!, line };
    throw new Error(`not a one-line problem: ${JSON.stringify(line)}\nin:\n${stderr}`);
  });
  return { header, problems };
}

describe('the app with an invalid configuration', () => {
  let previousOutput: string;
  const scratchDirs: string[] = [];
  afterEach(() => scratchDirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  beforeAll(() => {
    // A real earlier synth, to check that a failed one leaves it byte-identical.
    const ok = runApp({ args: ['--synth-only'] });
    expect(ok.code).toBe(0);
    previousOutput = ok.outdir;
  }, 30_000);

  afterAll(() => fs.rmSync(path.dirname(previousOutput), { recursive: true, force: true }));

  test(`covers at least 30 files (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  test.each(CASES.map((c, i) => [c.name, c, i % 2 === 1] as const))('%s', (_name, c, withPreviousOutput) => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-invalid-'));
    scratchDirs.push(cwd);
    if (withPreviousOutput) fs.cpSync(previousOutput, path.join(cwd, 'cdktf.out'), { recursive: true });
    const before = snapshot(path.join(cwd, 'cdktf.out'));
    const run = runApp({ cwd, config: c.config, args: ['--synth-only'], ...(c.env ? { env: c.env } : {}) });

    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 1, stderr: expect.any(String) });
    // No stack trace, anywhere.
    expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at /m);

    const { header, problems } = parseProblems(run.stderr);
    const n = c.problems.length;
    expect(header).toBe(`synth failed: ${n} problem${n === 1 ? '' : 's'} (nothing was written)`);
    // One line per problem, each naming its code and key path.
    expect(problems.map(({ code, path: at }) => ({ code, path: at }))).toEqual(
      c.problems.map(({ code, path: at }) => ({ code, path: at })),
    );
    c.problems.forEach((expected, i) => {
      for (const text of expected.says ?? []) expect(problems[i]!.line).toContain(text);
    });

    // Nothing written: no cdktf.out (or the earlier one, byte-identical) and no scratch folder left behind.
    expect(snapshot(path.join(cwd, 'cdktf.out'))).toEqual(before);
    const expectedEntries = [
      ...(withPreviousOutput ? ['cdktf.out'] : []),
      ...(c.config !== undefined ? ['awsvpc.config.json'] : []),
    ];
    expect(fs.readdirSync(cwd).sort()).toEqual(expectedEntries.sort());
  });
});
