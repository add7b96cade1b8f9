/**
 * The default app's configuration: one zod schema that validates `awsvpc.config.json` and generates
 * the published JSON Schema (`awsvpc.config.schema.json`, by scripts/generate-config-docs.ts).
 *
 * Every key has a default; an empty file (or no file) reproduces the seeds' lab: a VPC 10.0.0.0/16
 * with two public and two private subnets, a NAT gateway per AZ, trunking on, c5.large container
 * instances behind a capacity provider, and the nginx task (port 80, 512 MiB, awsvpc, two tasks)
 * behind an internal load balancer with IP targets and ECS Exec on: nothing is open to the world.
 *
 * Each key carries `fix` metadata: the advice printed when its value is rejected.
 */
import { z } from 'zod';
import { CLOUDWATCH_LOG_RETENTION_DAYS } from '../core/log-retention';
import { NetworkMode } from '../core/network-mode';

/**
 * Where the default app's default for a key differs from the default of the construct prop it
 * feeds, and why. The configuration reference lists every one (test/stacks/defaults.test.ts checks
 * the list against what the constructs synthesize). Keys without a default of their own leave the
 * value to the construct: that is the rule, and a deviation needs a reason.
 */
export interface Deviation {
  /** The construct prop, e.g. `Ec2Service.desiredCount`. */
  readonly construct: string;
  /** The construct's default, as its `@default` says. */
  readonly constructDefault: string;
  /** Why the default app differs. */
  readonly reason: string;
  /**
   * The app's default in words, when it is computed rather than a value.
   * @default - the key's default value
   */
  readonly appDefault?: string;
}

/** Metadata attached to schema nodes: the advice printed when a value is rejected. */
export interface KeyMeta {
  readonly description: string;
  readonly fix?: string;
  readonly deviation?: Deviation;
}

function doc<T extends z.ZodType>(schema: T, description: string, fix?: string): T {
  return schema.meta({ description, ...(fix ? { fix } : {}) }) as T;
}

/** Declares that the key's default differs from its construct's, and why. */
function differs<T extends z.ZodType>(schema: T, deviation: Deviation): T {
  return schema.meta({ ...(schema.meta() as KeyMeta), deviation }) as T;
}

const NAME = /^[a-z][a-z0-9-]{0,23}$/;
const IPV4_CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
const AZ_NAME = /^[a-z]{2}(-[a-z]+)+-\d[a-z]$/;

const cidr = (description: string) =>
  doc(
    z.string().regex(IPV4_CIDR, { message: 'an IPv4 CIDR block such as 10.0.0.0/16' }),
    description,
    'write an IPv4 block in CIDR notation, for example 10.0.0.0/16',
  );

const retentionDays = z.union(
  CLOUDWATCH_LOG_RETENTION_DAYS.map((n) => z.literal(n)) as unknown as [
    z.ZodLiteral<number>,
    z.ZodLiteral<number>,
    ...z.ZodLiteral<number>[],
  ],
);

const logRetention = (what: string, constructDefault: string) =>
  doc(
    retentionDays.optional(),
    `Retention in days of ${what} (one of CloudWatch Logs' allowed values); default: ${constructDefault}.`,
    `pick one of CloudWatch Logs' retention values: ${CLOUDWATCH_LOG_RETENTION_DAYS.join(', ')}`,
  );

export const ENDPOINT_SERVICES = [
  'ecr.api',
  'ecr.dkr',
  's3',
  'logs',
  'ecs',
  'ecs-agent',
  'ecs-telemetry',
  'ssm',
  'ssmmessages',
  'ec2messages',
] as const;

const backendSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('local'),
    path: doc(
      z.string().min(1).optional(),
      'State file path, relative to the project folder (where the app runs) or absolute, outside the output folder ({stack} is replaced by the stack name); default terraform.<stack>.tfstate in the project folder.',
    ),
  }),
  z.strictObject({
    type: z.literal('s3'),
    bucket: doc(
      z.string().min(3).max(63),
      'S3 bucket holding the state (3-63 lower-case letters, digits, dots and hyphens).',
      'name an existing S3 bucket',
    ),
    keyPrefix: doc(z.string().min(1).default('awsvpc'), 'Key prefix; each stack stores <keyPrefix>/<stack>.tfstate.'),
    region: doc(
      z
        .string()
        .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
        .optional(),
      "Region of the bucket; default: the app's region.",
    ),
    encrypt: doc(
      z.boolean().default(true),
      'Server-side encryption of the state object (off needs encryptDisabledReason).',
    ),
    encryptDisabledReason: doc(
      z.string().min(10).optional(),
      'Why the state object is stored unencrypted (state holds every attribute of every resource).',
      'say in at least 10 characters why the state needs no server-side encryption',
    ),
    useLockfile: doc(z.boolean().default(true), 'Native S3 state locking (Terraform >= 1.10), no DynamoDB table.'),
  }),
  z.strictObject({
    type: z.literal('hcp'),
    organization: doc(
      z.string().min(1),
      'HCP Terraform organization (letters, digits, - and _).',
      'name your HCP Terraform organization',
    ),
    workspacePrefix: doc(
      z.string().min(1).default('awsvpc'),
      'Workspaces are named <workspacePrefix>-<stack> (letters, digits, - and _; at most 90 characters in all).',
    ),
    hostname: doc(z.string().min(1).default('app.terraform.io'), 'HCP Terraform or Terraform Enterprise host.'),
  }),
]);

const networkSchema = z
  .strictObject({
    vpcCidr: cidr('IPv4 CIDR block of the VPC (/16 to /28).').default('10.0.0.0/16'),
    availabilityZoneCount: doc(
      z.number().int().min(1).max(6).default(2),
      'Number of availability zones (one public and one private subnet in each).',
      'use a whole number from 1 to 6',
    ),
    availabilityZones: doc(
      z.array(z.string().regex(AZ_NAME)).min(1).max(6).optional(),
      'AZ names; default: the first availabilityZoneCount zones of the region (aws_availability_zones).',
      'list AZ names such as ["us-east-1a", "us-east-1b"], or remove the key',
    ),
    publicSubnetCidrs: doc(
      z.array(z.string().regex(IPV4_CIDR)).optional(),
      'Public subnet blocks, one per AZ; default 10.0.<i>.0/24 inside the VPC.',
      'list one CIDR block per AZ',
    ),
    privateSubnetCidrs: doc(
      z.array(z.string().regex(IPV4_CIDR)).optional(),
      'Private subnet blocks, one per AZ; default 10.0.<100+i>.0/24 inside the VPC.',
      'list one CIDR block per AZ',
    ),
    natGatewayMode: doc(
      z.enum(['per-az', 'single', 'none']).default('per-az'),
      'NAT gateways: one per AZ, a single one, or none (private subnets isolated: image pulls need endpoints).',
    ),
    flowLogs: doc(z.boolean().default(true), 'VPC flow logs to CloudWatch Logs (off needs flowLogsDisabledReason).'),
    flowLogsDisabledReason: doc(
      z.string().min(10).optional(),
      "Why flow logs are off (listed as the policy suppression's reason).",
      'say in at least 10 characters why this VPC needs no flow logs',
    ),
    flowLogRetentionDays: logRetention(
      'the VPC flow log group',
      "Network's, 365 (a year, as Security Hub CloudWatch.16 asks)",
    ),
    endpointServices: doc(
      z.array(z.enum(ENDPOINT_SERVICES)).default([]),
      'VPC endpoints in the private subnets (s3 is a gateway endpoint, the rest interface endpoints).',
    ),
  })
  .prefault({})
  .meta({ description: 'The VPC: addresses, availability zones, NAT gateways, flow logs, endpoints.' });

const accountSchema = z
  .strictObject({
    enabled: doc(
      z.boolean().default(true),
      'Synthesize the account-settings stack (awsvpcTrunking opt-in). Turn off where another team owns the account settings.',
    ),
    awsvpcTrunking: doc(
      z.boolean().default(true),
      'Opt in to ENI trunking (the awsvpcTrunking account setting) and launch trunk-capable instances.',
    ),
    containerInsights: doc(
      z.enum(['enabled', 'enhanced', 'disabled']).optional(),
      'Account default for Container Insights; default: left as the account has it.',
    ),
    dualStackIPv6: doc(
      z.boolean().optional(),
      'Account default for dual-stack IPv6; default: left as the account has it.',
    ),
    createServiceLinkedRole: doc(
      z.boolean().default(false),
      'Create the ECS service-linked role (only in accounts that never used ECS; creating it twice fails).',
    ),
    preventDestroy: doc(
      z.boolean().default(true),
      'Protect the settings from terraform destroy (destroying them turns trunking off for the whole account and region).',
    ),
  })
  .prefault({})
  .meta({ description: 'The account-settings stack (applies to the whole account and region).' });

const capacityProviderSchema = z.strictObject({
  name: doc(
    z.string().regex(NAME),
    'Capacity provider name suffix (lowercase, digits, dashes; up to 24 characters).',
    'use lowercase letters, digits and dashes, starting with a letter',
  ),
  instanceType: doc(
    z.string().regex(INSTANCE_TYPE).default('c5.large'),
    'EC2 instance type.',
    'use an EC2 instance type such as c5.large',
  ),
  amiFamily: doc(
    z.enum(['amazon-linux-2023', 'amazon-linux-2', 'windows-server-2022-full']).default('amazon-linux-2023'),
    'ECS-optimized AMI family (arm64 variants are picked automatically for Graviton types).',
  ),
  minSize: doc(z.number().int().min(0).max(1000).default(1), 'Auto Scaling group minimum size.'),
  maxSize: doc(z.number().int().min(1).max(1000).default(2), 'Auto Scaling group maximum size.'),
  desiredCapacity: doc(
    z.number().int().min(0).max(1000).optional(),
    'Initial desired size; default: managed scaling decides.',
  ),
  managedScaling: doc(z.boolean().default(true), 'ECS managed scaling of the Auto Scaling group.'),
  targetCapacityPercent: doc(z.number().int().min(1).max(100).default(100), 'Managed scaling target capacity.'),
  managedTerminationProtection: differs(
    doc(z.boolean().default(false), 'Keep instances that run tasks from being scaled in (needs managedScaling).'),
    {
      construct: 'Ec2CapacityProviderOptions.managedTerminationProtection',
      constructDefault: 'the value of managedScaling (true)',
      reason:
        "the lab's group of one or two instances should shrink back to one as soon as ECS can move the tasks " +
        '(managed draining moves them first); with protection, an instance that runs any task is never scaled in and keeps ' +
        'costing. Production configurations turn it on (examples/config/prod.json).',
    },
  ),
  detailedMonitoring: doc(z.boolean().default(false), 'EC2 detailed (1-minute) monitoring.'),
  taskIamRoleNetworkHost: doc(
    z.boolean().default(false),
    'Let host-mode tasks with a task role (ECS Exec needs one) run here: ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true ' +
      '(needs taskIamRoleNetworkHostReason).',
  ),
  taskIamRoleNetworkHostReason: doc(
    z.string().min(10).optional(),
    "Why host-mode tasks here may have task roles (they share the instance's network, instance metadata included); " +
      "listed as the policy suppression's reason.",
    'say in at least 10 characters why host-mode tasks on these instances need task roles',
  ),
});

const loadBalancerSchema = z.strictObject({
  type: doc(z.enum(['application', 'network']).default('application'), 'Load balancer type.'),
  scheme: doc(
    z.enum(['internet-facing', 'internal']).default('internal'),
    'internal (in the private subnets: reachable from the VPC) or internet-facing (in the public subnets: ' +
      'needs certificateArn or withoutCertificateReason).',
  ),
  listenerPort: doc(
    z.number().int().min(1).max(65535).optional(),
    'Listener port; default: 443 with a certificate, else 80.',
  ),
  certificateArn: doc(
    z
      .string()
      .regex(/^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d:\d{12}:certificate\/[A-Za-z0-9-]+$/)
      .optional(),
    "ACM certificate in the app's region: the listener becomes HTTPS and port 80 redirects to it.",
    'use an ACM certificate ARN, arn:aws:acm:<region>:<account>:certificate/<id>',
  ),
  withoutCertificateReason: doc(
    z.string().min(10).optional(),
    'Why an internet-facing load balancer serves plain HTTP/TCP without a certificate.',
    'say in at least 10 characters why this public listener needs no TLS, or set certificateArn',
  ),
  allowedCidrs: doc(
    z.array(z.string().regex(IPV4_CIDR)).optional(),
    'Who may reach the listener; default 0.0.0.0/0 when internet-facing, the VPC when internal.',
    'list IPv4 CIDR blocks',
  ),
  healthCheckPath: doc(z.string().startsWith('/').default('/'), 'HTTP health check path (application load balancers).'),
});

const autoScalingSchema = z.strictObject({
  minCapacity: doc(z.number().int().min(0).max(5000).default(1), 'Fewest tasks.'),
  maxCapacity: doc(z.number().int().min(1).max(5000), 'Most tasks.', 'set maxCapacity to a whole number of tasks'),
  targetCpuUtilizationPercent: doc(
    z.number().min(1).max(100).optional(),
    'Target average CPU utilization; default: 70 when targetMemoryUtilizationPercent is not given, else no CPU policy.',
  ),
  targetMemoryUtilizationPercent: doc(z.number().min(1).max(100).optional(), 'Target average memory utilization.'),
});

const serviceSchema = z.strictObject({
  name: doc(
    z.string().regex(NAME),
    'Service name (lowercase, digits, dashes; up to 24 characters).',
    'use lowercase letters, digits and dashes, starting with a letter',
  ),
  image: doc(
    z.string().min(1).default('public.ecr.aws/nginx/nginx:1.27-alpine'),
    "Container image (the default has the lab's in-container tools: ip, curl).",
  ),
  containerPort: doc(z.number().int().min(1).max(65535).default(80), 'Container port.'),
  cpu: doc(z.number().int().min(128).max(196608).default(256), 'Task CPU units (1024 = one vCPU).'),
  memoryMiB: doc(z.number().int().min(6).max(786432).default(512), 'Task memory in MiB.'),
  desiredCount: differs(doc(z.number().int().min(0).max(5000).default(2), 'Number of tasks.'), {
    construct: 'Ec2ServiceProps.desiredCount',
    constructDefault: '1',
    reason:
      'a service of the platform runs one task per availability zone (placement spreads them), so losing an ' +
      "instance or an AZ leaves it up; the seeds' lab shows two tasks with their own ENIs and addresses.",
  }),
  networkMode: doc(
    z.enum(NetworkMode).default(NetworkMode.AWSVPC),
    "Task network mode (host needs hostNetworkModeReason: its tasks share the instance's network and can reach the instance role).",
  ),
  hostNetworkModeReason: doc(
    z.string().min(10).optional(),
    'Why the service runs in host network mode (its tasks can reach the instance metadata and so the instance role).',
    "say in at least 10 characters why the tasks need the instance's network, or use awsvpc",
  ),
  capacityProvider: doc(
    z.string().regex(NAME).optional(),
    'Name of one of capacityProviders; default: the first.',
    'name one of the capacityProviders',
  ),
  enableExecuteCommand: doc(z.boolean().default(false), 'ECS Exec (aws ecs execute-command) into the tasks.'),
  readonlyRootFilesystem: differs(
    doc(
      z.boolean().optional(),
      'Read-only root filesystem; default: read-only, except with enableExecuteCommand (ECS Exec needs a writable one). ' +
        'Setting false without enableExecuteCommand needs writableRootFilesystemReason.',
    ),
    {
      appDefault: 'read-only, except with enableExecuteCommand',
      construct: 'ContainerSpec.readonlyRootFilesystem (TaskDefinition containers)',
      constructDefault: 'as the container definition says (unset: writable, the ECS default)',
      reason:
        'the app is stricter than the construct: it knows its one container and whether ECS Exec is on. ' +
        'TaskDefinition passes container definitions through as the ECS API takes them; the policy pack ' +
        '(AWSVPC-ECS-005) reports a container without a read-only root filesystem in any app.',
    },
  ),
  writableRootFilesystemReason: doc(
    z.string().min(10).optional(),
    "Why the container needs a writable root filesystem (listed as the policy suppression's reason).",
    'say in at least 10 characters why the image must write to its root filesystem',
  ),
  user: doc(
    z
      .string()
      .regex(/^[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)?$/)
      .optional(),
    'User (and group) the container runs as, e.g. "101" or "nginx:nginx"; default: the image\'s (root for most).',
    'give a user name or uid, optionally with :group',
  ),
  environment: doc(
    z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({}),
    'Plain environment variables (never secrets).',
  ),
  loadBalancer: doc(loadBalancerSchema.optional(), 'Put the service behind a load balancer with IP targets.'),
  autoScaling: doc(
    autoScalingSchema.optional(),
    'Service auto scaling (target tracking); Terraform then ignores desiredCount.',
  ),
  serviceDiscovery: doc(
    z.boolean().default(false),
    'Register tasks in Cloud Map (A records in a private DNS namespace).',
  ),
  maxHealthyPercent: doc(z.number().int().min(100).max(400).default(200), 'Deployment maximum percent.'),
  minHealthyPercent: doc(z.number().int().min(0).max(100).default(100), 'Deployment minimum healthy percent.'),
});

export const configSchema = z.strictObject({
  $schema: doc(z.string().optional(), 'Path of the JSON Schema, for editors.'),
  region: doc(
    z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/)
      .default('us-east-1'),
    'AWS region.',
    'use a region name such as us-east-1',
  ),
  namePrefix: doc(
    z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,19}$/)
      .default('lab'),
    'Prefix of stack and resource names (lowercase, digits, dashes; up to 20 characters).',
    'use lowercase letters, digits and dashes, starting with a letter, at most 20 characters',
  ),
  tags: doc(
    z.record(z.string().min(1).max(128), z.string().max(256)).default({ Project: 'awsvpc-lab' }),
    'Tags on every resource (provider default_tags).',
  ),
  backend: doc(backendSchema.default({ type: 'local' }), 'Where Terraform keeps state: local, s3 or hcp.'),
  account: accountSchema,
  network: networkSchema,
  clusterName: doc(
    z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,254}$/)
      .optional(),
    'ECS cluster name; default <namePrefix>-cluster.',
    'use letters, digits, dashes and underscores',
  ),
  containerInsights: doc(z.boolean().default(true), 'Container Insights on the cluster.'),
  execLogRetentionDays: logRetention(
    'the ECS Exec session log group',
    "EcsCluster's, 365 (session logs are audit records)",
  ),
  capacityProviders: doc(
    z
      .array(capacityProviderSchema)
      .min(1)
      .max(10)
      .default([
        {
          name: 'linux',
          instanceType: 'c5.large',
          amiFamily: 'amazon-linux-2023',
          minSize: 1,
          maxSize: 2,
          managedScaling: true,
          targetCapacityPercent: 100,
          managedTerminationProtection: false,
          detailedMonitoring: false,
          taskIamRoleNetworkHost: false,
        },
      ]),
    'Capacity providers (Auto Scaling groups of ECS-optimized instances).',
    'list at least one capacity provider',
  ),
  services: doc(
    z
      .array(serviceSchema)
      .max(2000)
      .default([
        {
          name: 'nginx',
          image: 'public.ecr.aws/nginx/nginx:1.27-alpine',
          containerPort: 80,
          cpu: 256,
          memoryMiB: 512,
          desiredCount: 2,
          networkMode: NetworkMode.AWSVPC,
          enableExecuteCommand: true,
          environment: {},
          loadBalancer: { type: 'application', scheme: 'internal', listenerPort: 80, healthCheckPath: '/' },
          serviceDiscovery: false,
          maxHealthyPercent: 200,
          minHealthyPercent: 100,
        },
      ]),
    'awsvpc services (or host/bridge ones, for the comparison).',
  ),
  capacitySubnetSkew: doc(
    z.number().min(1).max(4).default(1),
    'How unevenly tasks may land across AZs in the subnet budget (1 = evenly).',
  ),
});

/** The configuration as written (every key optional). */
export type AwsvpcConfigInput = z.input<typeof configSchema>;
/** The configuration with every default filled in. */
export type AwsvpcConfig = z.output<typeof configSchema>;
export type ServiceConfig = AwsvpcConfig['services'][number];
export type CapacityProviderConfig = AwsvpcConfig['capacityProviders'][number];
