/**
 * The invalid configuration files of test/stacks/invalid-config.test.ts, part two: problems the
 * constructs find, surfacing through the app; the document read strictly; what AWS would refuse at
 * apply time.
 */
import { InvalidCase, p } from './invalid-config-cases';

const HOST_REASON = 'the agent exporter must see the instance network';
const hostService = (name: string, containerPort: number, desiredCount: number) => ({
  name,
  networkMode: 'host',
  hostNetworkModeReason: HOST_REASON,
  containerPort,
  desiredCount,
});

export const CONSTRUCT_AND_STRICT_CASES: readonly InvalidCase[] = [
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
        'container "api" runs as user "root"',
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
