/**
 * The seed documents' facts, one by one, and what in the product covers each: a synth-time check
 * (its ValidationError or warning code), a plan-time check, a default, an output of the default app,
 * or only a document. `test/seed-facts/seed-facts.test.ts` holds every reference to the code: each
 * code exists in modules/, each output in the default app's platform stack, each document anchor in
 * its file. `npm run generate:seed-facts` writes docs/seed-facts.md from this list.
 */

/** The five documents the product comes from. */
export enum Seed {
  WORKSHOP_AWSVPC = 'workshop: awsvpc lab',
  WORKSHOP_HOST = 'workshop: host-mode lab',
  BLOG_TASK_NETWORKING = 'blog: task networking',
  BLOG_WINDOWS = 'blog: Windows awsvpc',
  DEVELOPER_GUIDE = 'developer guide: awsvpc on EC2',
}

/** How a fact is covered. */
export enum Handling {
  /** Refused (or warned about) at synth time: codes name the ValidationError or warning. */
  SYNTH_CHECK = 'synth check',
  /** A Terraform precondition or postcondition fails the plan. */
  PLAN_CHECK = 'plan check',
  /** What the library does unless told otherwise. */
  DEFAULT = 'default',
  /** A ready-to-paste output of the default app. */
  OUTPUT = 'output',
  /** Only written down: nothing in code can see it. */
  DOC = 'doc only',
  /** Not handled: `reason` says why. */
  NOT_HANDLED = 'not handled',
}

export interface SeedFact {
  /** Stable id (kebab-case). */
  readonly id: string;
  readonly seeds: readonly Seed[];
  /** The fact, in one sentence. */
  readonly fact: string;
  readonly handling: Handling;
  /** ValidationError, warning or policy rule codes that cover it (each must occur in modules/). */
  readonly codes?: readonly string[];
  /** Outputs of the default app's platform stack that cover it. */
  readonly outputs?: readonly string[];
  /** Where it is written down: `path` or `path#anchor`, relative to the repository root. */
  readonly docs: readonly string[];
  /** Required for NOT_HANDLED (and for DOC: why code cannot cover it). */
  readonly reason?: string;
}

const S = Seed;
const H = Handling;

export const SEED_FACTS: readonly SeedFact[] = [
  // --- What awsvpc gives a task ---
  {
    id: 'task-own-eni',
    seeds: [S.DEVELOPER_GUIDE, S.BLOG_TASK_NETWORKING, S.WORKSHOP_AWSVPC],
    handling: H.DEFAULT,
    fact: 'In awsvpc mode every task gets its own ENI and primary private IPv4 address.',
    codes: ['SERVICE_NETWORK_MODE_INVALID'],
    docs: ['docs/service.md#defaults'],
  },
  {
    id: 'task-ip-visible',
    seeds: [S.WORKSHOP_AWSVPC, S.DEVELOPER_GUIDE],
    handling: H.OUTPUT,
    fact: "A task's private IP address is in its ENI attachment (describe-tasks).",
    outputs: ['DescribeTaskIpCommand'],
    docs: ['README.md#outputs'],
  },
  {
    id: 'task-own-security-groups',
    seeds: [S.BLOG_TASK_NETWORKING, S.DEVELOPER_GUIDE],
    handling: H.DEFAULT,
    fact: 'Each task ENI carries its own security groups: rules apply per task, not per instance.',
    codes: ['SECURITY_INGRESS_PORT_NOT_ALLOWED', 'SECURITY_INGRESS_OPEN_TO_WORLD'],
    docs: ['docs/service.md#modulessecurity'],
  },
  {
    id: 'instances-stay-closed',
    seeds: [S.BLOG_TASK_NETWORKING],
    handling: H.DEFAULT,
    fact: "Allow port 80 to the containers and block it for the instances: the instances' group needs no ingress.",
    codes: ['AWSVPC-SG-001'],
    docs: ['docs/compute.md#ec2capacityprovider', 'examples/network-modes/README.md'],
  },
  {
    id: 'same-port-many-tasks',
    seeds: [S.BLOG_TASK_NETWORKING, S.WORKSHOP_AWSVPC],
    handling: H.DEFAULT,
    fact: 'Several copies of a task run on one instance with the same container port (no port conflicts).',
    docs: ['examples/network-modes/README.md'],
  },
  {
    id: 'shared-network-namespace',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.SYNTH_CHECK,
    fact: 'Containers of one awsvpc task share a network namespace: a port is used once per task.',
    codes: ['SERVICE_CONTAINER_PORT_DUPLICATE'],
    docs: ['docs/service.md#choices-made-where-the-issue-was-silent'],
  },
  {
    id: 'host-port-equals-container-port',
    seeds: [S.DEVELOPER_GUIDE, S.WORKSHOP_HOST],
    handling: H.SYNTH_CHECK,
    fact: 'In awsvpc and host mode the host port, if given, equals the container port (no remapping).',
    codes: ['SERVICE_HOST_PORT_MISMATCH'],
    docs: ['docs/service.md#synth-time-checks'],
  },
  {
    id: 'no-links',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.SYNTH_CHECK,
    fact: 'Container links are not supported outside bridge mode.',
    codes: ['SERVICE_LINKS_UNSUPPORTED'],
    docs: ['docs/service.md#synth-time-checks'],
  },
  {
    id: 'ip-targets',
    seeds: [S.WORKSHOP_AWSVPC, S.BLOG_TASK_NETWORKING],
    handling: H.SYNTH_CHECK,
    fact: 'awsvpc tasks are ip targets of ALBs and NLBs; bridge and host tasks are instance targets.',
    codes: ['SERVICE_LB_TARGET_TYPE_MISMATCH'],
    docs: ['docs/service.md#defaults'],
  },
  {
    id: 'network-configuration-awsvpc-only',
    seeds: [S.DEVELOPER_GUIDE, S.WORKSHOP_AWSVPC],
    handling: H.SYNTH_CHECK,
    fact: 'Only awsvpc tasks take a network configuration (subnets, security groups).',
    codes: ['SERVICE_NETWORK_CONFIGURATION_NOT_AWSVPC'],
    docs: ['docs/service.md#synth-time-checks'],
  },
  {
    id: 'service-discovery-records',
    seeds: [S.BLOG_TASK_NETWORKING],
    handling: H.SYNTH_CHECK,
    fact: 'awsvpc tasks register A records in service discovery; bridge and host tasks need SRV records with a port.',
    codes: ['SERVICE_DISCOVERY_PORT_MISSING'],
    docs: ['docs/service.md#defaults'],
  },
  {
    id: 'flow-logs-see-tasks',
    seeds: [S.WORKSHOP_AWSVPC],
    handling: H.DEFAULT,
    fact: 'Task ENIs are observable in VPC flow logs.',
    codes: ['AWSVPC-VPC-002'],
    docs: ['docs/network.md#flow-logs'],
  },

  // --- Public IPs and routes out ---
  {
    id: 'no-public-ip-on-ec2',
    seeds: [S.DEVELOPER_GUIDE, S.WORKSHOP_AWSVPC],
    handling: H.SYNTH_CHECK,
    fact: 'Task ENIs on EC2 never get public IPs (assignPublicIp is not supported for the EC2 launch type).',
    codes: ['SERVICE_PUBLIC_IP_UNSUPPORTED', 'AWSVPC-ECS-001'],
    docs: ['docs/service.md#synth-time-checks'],
  },
  {
    id: 'private-subnets-with-nat',
    seeds: [S.DEVELOPER_GUIDE, S.BLOG_TASK_NETWORKING],
    handling: H.DEFAULT,
    fact: 'Tasks reach the internet from private subnets through a NAT gateway.',
    codes: ['SERVICE_TASKS_IN_PUBLIC_SUBNETS'],
    docs: ['docs/network.md#nat-modes'],
  },
  {
    id: 'endpoints-without-nat',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.SYNTH_CHECK,
    fact: 'Without NAT, image pulls and instance registration need the ECR (api, dkr), S3, ECS (agent, telemetry) and CloudWatch Logs endpoints.',
    codes: ['SERVICE_IMAGE_PULL_NO_ROUTE', 'COMPUTE_NO_ROUTE_TO_ECS'],
    docs: ['docs/service.md#routes-out-of-private-subnets'],
  },
  {
    id: 'image-pulls-use-instance-eni',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.DEFAULT,
    fact: "On EC2, image pulls and awslogs go through the instance's ENI and security group, not the task's.",
    docs: ['docs/service.md#choices-made-where-the-issue-was-silent'],
  },

  // --- ENIs per instance, trunking ---
  {
    id: 'eni-limit-per-type',
    seeds: [S.DEVELOPER_GUIDE, S.BLOG_TASK_NETWORKING, S.WORKSHOP_AWSVPC],
    handling: H.SYNTH_CHECK,
    fact: 'An instance type attaches a fixed number of ENIs, the primary included: c4.large has 3, so 2 awsvpc tasks.',
    codes: ['CAPACITY_ENI_OVERCOMMITTED'],
    docs: ['docs/capacity.md#rules'],
  },
  {
    id: 'eni-limit-unknown-type',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.PLAN_CHECK,
    fact: "The ENI limit of a type the library's table does not know is read at plan time.",
    codes: ['CAPACITY_UNKNOWN_INSTANCE_TYPE'],
    docs: ['docs/reliability.md#plan-time-checks'],
  },
  {
    id: 'trunking-density',
    seeds: [S.DEVELOPER_GUIDE, S.WORKSHOP_AWSVPC],
    handling: H.DEFAULT,
    fact: 'ENI trunking adds a trunk ENI: a c5.large goes from 2 to 10 awsvpc tasks.',
    docs: ['docs/trunking.md#what-trunking-changes'],
  },
  {
    id: 'trunking-opt-in',
    seeds: [S.DEVELOPER_GUIDE, S.WORKSHOP_AWSVPC],
    handling: H.SYNTH_CHECK,
    fact: 'Trunking needs the awsvpcTrunking account setting.',
    codes: ['COMPUTE_TRUNKING_NOT_OPTED_IN', 'CAPACITY_TRUNKING_ACCOUNT_SETTING'],
    docs: ['docs/trunking.md#who-must-opt-in'],
  },
  {
    id: 'trunking-new-instances',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.DEFAULT,
    fact: 'Only instances launched after the opt-in get a trunk ENI.',
    docs: ['docs/trunking.md#why-only-new-instances-get-it'],
  },
  {
    id: 'trunking-supported-types',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.SYNTH_CHECK,
    fact: 'Only some instance types support trunking.',
    codes: ['CAPACITY_TRUNKING_UNSUPPORTED', 'CAPACITY_TRUNKING_SUPPORT_UNKNOWN'],
    docs: ['docs/capacity.md#trunking-pre-flight'],
  },
  {
    id: 'trunking-proof',
    seeds: [S.WORKSHOP_AWSVPC],
    handling: H.OUTPUT,
    fact: 'Container instances with a trunk ENI carry the ecs.awsvpc-trunk-id attribute.',
    outputs: ['ListTrunkAttributesCommand'],
    docs: ['README.md#outputs'],
  },
  {
    id: 'trunking-not-windows',
    seeds: [S.BLOG_WINDOWS, S.DEVELOPER_GUIDE],
    handling: H.SYNTH_CHECK,
    fact: 'Windows instances do not support ENI trunking: each Windows task takes a whole ENI.',
    codes: ['COMPUTE_TRUNKING_WINDOWS', 'CAPACITY_TRUNKING_WINDOWS'],
    docs: ['docs/trunking.md#windows'],
  },
  {
    id: 'enis-attached-by-hand',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.DOC,
    fact: 'ENIs attached to an instance by hand are not counted by the budget and make tasks stop.',
    docs: ['docs/capacity.md#enis-attached-by-hand'],
    reason: 'Nothing at synth or plan time can see ENIs attached outside Terraform.',
  },
  {
    id: 'task-enis-not-detachable',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.DOC,
    fact: 'Task ENIs cannot be detached by hand and are released when the task stops.',
    docs: ['docs/capacity.md#task-enis-cannot-be-detached'],
    reason: 'A run-time behaviour of ECS; the subnet budget counts deployment peaks because of it.',
  },
  {
    id: 'subnet-addresses',
    seeds: [S.DEVELOPER_GUIDE, S.BLOG_TASK_NETWORKING],
    handling: H.SYNTH_CHECK,
    fact: 'Every task takes a private IP address of its subnet.',
    codes: ['CAPACITY_SUBNET_EXHAUSTED'],
    docs: ['docs/capacity.md#subnet-budget'],
  },
  {
    id: 'subnet-az-of-instance',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.PLAN_CHECK,
    fact: "A task ENI attaches only to an instance in its own AZ: task subnets must be in the capacity's AZs.",
    codes: ['SERVICE_SUBNET_AZ_NOT_IN_CAPACITY'],
    docs: ['docs/service.md#subnet-azs-at-plan-time'],
  },
  {
    id: 'service-subnet-limits',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.SYNTH_CHECK,
    fact: 'An awsvpcConfiguration takes at most 16 subnets and 5 security groups.',
    codes: ['SERVICE_TOO_MANY_SUBNETS', 'SERVICE_TOO_MANY_SECURITY_GROUPS'],
    docs: ['docs/service.md#synth-time-checks'],
  },
  {
    id: 'ipv6-prefix-delegation',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.NOT_HANDLED,
    fact: 'Tasks can get IPv6 addresses in dual-stack subnets (dualStackIPv6 account setting).',
    docs: ['docs/capacity.md#left-out-and-why'],
    reason:
      'The account setting can be managed (AccountSettings dualStackIPv6), but subnets are IPv4 only and the budgets model IPv4.',
  },

  // --- Roles and metadata ---
  {
    id: 'service-linked-role',
    seeds: [S.DEVELOPER_GUIDE, S.BLOG_TASK_NETWORKING],
    handling: H.PLAN_CHECK,
    fact: 'ECS manages task ENIs with the service-linked role AWSServiceRoleForECS.',
    docs: ['docs/trunking.md#service-linked-role-check', 'README.md#outputs'],
  },
  {
    id: 'task-iam-role',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.DEFAULT,
    fact: 'Task IAM roles need ECS_ENABLE_TASK_IAM_ROLE=true in the agent configuration.',
    codes: ['COMPUTE_ECS_CONFIG_KEY_RESERVED'],
    docs: ['docs/compute.md#ec2capacityprovider'],
  },
  {
    id: 'block-imds',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.DEFAULT,
    fact: 'ECS_AWSVPC_BLOCK_IMDS=true keeps awsvpc tasks from the instance metadata and the instance role.',
    codes: ['AWSVPC-EC2-002'],
    docs: ['docs/security.md#awsvpc-ec2-002'],
  },
  {
    id: 'host-mode-task-roles',
    seeds: [S.WORKSHOP_HOST, S.DEVELOPER_GUIDE],
    handling: H.SYNTH_CHECK,
    fact: 'A host-mode task with a task role is placed only where the agent sets ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true.',
    codes: ['SERVICE_HOST_MODE_TASK_ROLE_NOT_ENABLED', 'COMPUTE_TASK_ROLE_HOST_NETWORK_REASON_MISSING'],
    docs: ['docs/service.md#host-mode-and-task-roles', 'docs/compute.md#task-iam-role-network-host'],
  },
  {
    id: 'host-mode-shares-metadata',
    seeds: [S.WORKSHOP_HOST],
    handling: H.DEFAULT,
    fact: "Host-mode tasks share the instance's network, instance metadata included.",
    codes: ['AWSVPC-EC2-002'],
    docs: ['docs/security.md#awsvpc-ec2-002'],
  },
  {
    id: 'instance-role',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.DEFAULT,
    fact: 'Container instances need an instance role with the ECS and SSM managed policies.',
    docs: ['docs/compute.md#ec2capacityprovider'],
  },
  {
    id: 'ecs-optimized-ami',
    seeds: [S.DEVELOPER_GUIDE, S.BLOG_WINDOWS],
    handling: H.PLAN_CHECK,
    fact: 'Container instances run the ECS-optimized AMI, read from its public SSM parameter.',
    docs: ['docs/compute.md#ec2capacityprovider', 'docs/reliability.md#plan-time-checks'],
  },

  // --- Host and bridge mode (the comparison) ---
  {
    id: 'host-one-task-per-port',
    seeds: [S.WORKSHOP_HOST],
    handling: H.SYNTH_CHECK,
    fact: 'In host mode a port can be used by one task per instance.',
    codes: ['SERVICE_HOST_PORTS_EXHAUSTED', 'SERVICE_HOST_PORTS_DEPLOYMENT_STALLS'],
    docs: ['docs/service.md#choices-made-where-the-issue-was-silent'],
  },
  {
    id: 'host-port-on-instance',
    seeds: [S.WORKSHOP_HOST],
    handling: H.DEFAULT,
    fact: "A host-mode container's port is the instance's port: its rule goes on the instances' group.",
    docs: ['examples/network-modes/README.md'],
  },
  {
    id: 'host-no-range',
    seeds: [S.DEVELOPER_GUIDE],
    handling: H.SYNTH_CHECK,
    fact: 'Container port ranges are not supported in host mode.',
    codes: ['SERVICE_PORT_RANGE_UNSUPPORTED'],
    docs: ['docs/service.md#synth-time-checks'],
  },
  {
    id: 'bridge-dynamic-ports',
    seeds: [S.BLOG_TASK_NETWORKING],
    handling: H.DEFAULT,
    fact: 'Bridge mode maps container ports to dynamic host ports (32768-65535) through docker0.',
    docs: ['examples/network-modes/README.md', 'docs/service.md#choices-made-where-the-issue-was-silent'],
  },

  // --- The labs' commands ---
  {
    id: 'run-task-awsvpc',
    seeds: [S.WORKSHOP_AWSVPC],
    handling: H.OUTPUT,
    fact: 'run-task takes an awsvpcConfiguration with subnets, security groups and assignPublicIp.',
    outputs: ['RunTaskCommand'],
    docs: ['README.md#outputs'],
  },
  {
    id: 'ecs-exec',
    seeds: [S.WORKSHOP_AWSVPC, S.WORKSHOP_HOST],
    handling: H.OUTPUT,
    fact: 'The labs open a shell in the task with ECS Exec.',
    outputs: ['ExecuteCommandCommand', 'ListTasksCommand'],
    docs: ['README.md#outputs', 'examples/network-modes/README.md'],
  },
  {
    id: 'ecs-exec-route',
    seeds: [S.WORKSHOP_AWSVPC],
    handling: H.SYNTH_CHECK,
    fact: 'ECS Exec needs a route to the SSM messages endpoint and a writable root filesystem.',
    codes: ['SERVICE_EXEC_NO_ROUTE_TO_SSM', 'SERVICE_EXEC_READ_ONLY_ROOT_FS'],
    docs: ['docs/service.md#synth-time-checks'],
  },
  {
    id: 'in-container-tools',
    seeds: [S.WORKSHOP_AWSVPC, S.WORKSHOP_HOST],
    handling: H.DEFAULT,
    fact: 'ip a sh, ip r sh and curl localhost must exist in the image (nginx alpine has them).',
    docs: ['README.md#outputs', 'examples/network-modes/README.md'],
  },
  {
    id: 'stop-task',
    seeds: [S.WORKSHOP_AWSVPC, S.WORKSHOP_HOST],
    handling: H.OUTPUT,
    fact: 'The labs stop the task they ran.',
    outputs: ['StopTaskCommand'],
    docs: ['README.md#outputs'],
  },
  {
    id: 'instance-lookup',
    seeds: [S.WORKSHOP_HOST],
    handling: H.OUTPUT,
    fact: 'The instance id comes from list-container-instances and describe-container-instances, for ssm start-session.',
    outputs: ['ContainerInstanceIdsCommand', 'StartSessionCommand'],
    docs: ['README.md#outputs'],
  },
  {
    id: 'client-prerequisites',
    seeds: [S.WORKSHOP_AWSVPC, S.WORKSHOP_HOST],
    handling: H.DOC,
    fact: 'ECS Exec and Session Manager need a current AWS CLI and the Session Manager plugin on the client.',
    docs: ['README.md#outputs'],
    reason: "A property of the operator's machine, not of the stacks.",
  },
  {
    id: 'eni-attach-latency',
    seeds: [S.BLOG_TASK_NETWORKING],
    handling: H.NOT_HANDLED,
    fact: 'awsvpc tasks take longer to start: ECS attaches the ENI before the containers start.',
    docs: ['docs/service.md#defaults'],
    reason:
      'A timing fact no setting changes; the default 60 s health check grace period with a load balancer absorbs it.',
  },

  // --- Windows ---
  {
    id: 'windows-awsvpc-only',
    seeds: [S.BLOG_WINDOWS],
    handling: H.SYNTH_CHECK,
    fact: 'Windows tasks here run in awsvpc mode (no host or bridge mode for them).',
    codes: ['SERVICE_NETWORK_MODE_UNSUPPORTED_ON_WINDOWS'],
    docs: ['docs/service.md#synth-time-checks'],
  },
  {
    id: 'windows-agent-settings',
    seeds: [S.BLOG_WINDOWS],
    handling: H.DEFAULT,
    fact: 'Windows instances enable task ENIs, task roles and the IMDS block through Initialize-ECSAgent.',
    docs: ['docs/compute.md#ec2capacityprovider'],
  },
  {
    id: 'windows-task-resources',
    seeds: [S.BLOG_WINDOWS],
    handling: H.SYNTH_CHECK,
    fact: 'Windows ignores task-level CPU and memory: containers must reserve them.',
    codes: ['SERVICE_WINDOWS_TASK_RESOURCES_IGNORED'],
    docs: ['docs/service.md#synth-time-checks'],
  },
  {
    id: 'windows-os-placement',
    seeds: [S.BLOG_WINDOWS],
    handling: H.SYNTH_CHECK,
    fact: 'A Windows task runs only on Windows container instances of a matching architecture.',
    codes: ['SERVICE_OS_MISMATCH', 'SERVICE_ARCHITECTURE_MISMATCH'],
    docs: ['docs/service.md#synth-time-checks'],
  },
  {
    id: 'windows-gmsa',
    seeds: [S.BLOG_WINDOWS],
    handling: H.DOC,
    fact: 'Windows awsvpc tasks can use gMSA (Active Directory identities).',
    docs: ['docs/service.md#gmsa-and-fsx', 'examples/windows-iis/README.md'],
    reason: "credentialSpecs passes through; the domain join and its permissions are the user's, untested.",
  },
  {
    id: 'windows-fsx',
    seeds: [S.BLOG_WINDOWS],
    handling: H.NOT_HANDLED,
    fact: 'Windows awsvpc tasks can mount FSx for Windows File Server volumes.',
    docs: ['docs/service.md#gmsa-and-fsx', 'examples/windows-iis/README.md'],
    reason: 'Task definitions have no volumes prop yet; written down as untested, with the escape hatch.',
  },
];
