import { isExpression, isPresent } from '../attributes';
import { PolicyRule, RuleResult, Severity, violation, warning } from '../rule';
import type { PolicySubject } from '../stack-index';
import type { StackIndex } from '../stack-index';
import { inspectEcsAgentSettings, userDataText } from '../user-data';

const LINUX_FIX =
  'write ECS_AWSVPC_BLOCK_IMDS=true and ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false to /etc/ecs/ecs.config in the user data';
const WINDOWS_FIX = 'call Initialize-ECSAgent with -AwsvpcBlockIMDS in the PowerShell user data';

/** True when an ECS capacity provider uses this launch template or launch configuration through an auto scaling group. */
function feedsCapacityProvider(subject: PolicySubject, index: StackIndex): boolean {
  if (subject.type === 'aws_instance') return false;
  return index
    .referrers(subject.address, 'aws_autoscaling_group')
    .some((asg) => index.referrers(asg.address, 'aws_ecs_capacity_provider').length > 0);
}

/** AWSVPC-EC2-002: the ECS agent keeps awsvpc tasks away from the instance metadata and the instance role. */
export const ec2EcsAgentBlocksImds: PolicyRule = {
  id: 'AWSVPC-EC2-002',
  industryIds: [],
  severity: Severity.HIGH,
  summary:
    'ECS container instances set ECS_AWSVPC_BLOCK_IMDS=true and ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false (Windows: -AwsvpcBlockIMDS).',
  explanation: [
    'Tasks in awsvpc mode get their own network interface, but by default they can still reach the instance metadata',
    "service and so the container instance's IAM role, which can register instances, pull any image and more.",
    'ECS_AWSVPC_BLOCK_IMDS=true (agent default false) closes the metadata to awsvpc tasks.',
    'ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false (agent default true) turns off task roles for host-network tasks: those',
    "share the instance's network stack, metadata included, so they can never be kept from the instance role, and AWS's",
    'guidance for task roles sets both. On Windows, Initialize-ECSAgent -AwsvpcBlockIMDS closes the metadata to awsvpc',
    'tasks (host-network task roles do not exist there). The rule decodes the user data (base64, gzip, MIME multi-part) of launch templates, launch configurations and',
    'instances whose user data configures the ECS agent or that feed an aws_ecs_capacity_provider. User data built by a',
    'Terraform expression is checked on its literal parts; when they do not show the settings, the rule warns that it',
    'cannot check them before apply.',
  ].join(' '),
  fix: `${LINUX_FIX} (Windows: ${WINDOWS_FIX})`,
  appliesTo: ['aws_launch_template', 'aws_launch_configuration', 'aws_instance'],
  check(subject, index) {
    const a = subject.attributes;
    const linked = feedsCapacityProvider(subject, index);
    const base64Attr = isPresent(a.user_data_base64);
    const value = base64Attr ? a.user_data_base64 : a.user_data;
    const attr = base64Attr ? 'user_data_base64' : 'user_data';
    const base64 = base64Attr || subject.type === 'aws_launch_template';
    if (typeof value !== 'string' || value.length === 0) {
      if (subject.type === 'aws_instance' && isPresent(a.launch_template)) return [];
      return linked
        ? [
            violation(
              `feeds an ECS capacity provider but has no ${attr}, so the ECS agent runs with its defaults (ECS_AWSVPC_BLOCK_IMDS=false)`,
              LINUX_FIX,
            ),
          ]
        : [];
    }
    if (isExpression(value)) {
      const literal = inspectEcsAgentSettings(value);
      if (!literal.configuresEcs && !linked) return [];
      const fix = literal.windows ? WINDOWS_FIX : LINUX_FIX;
      const results: RuleResult[] = literal.wrong.map((w) => violation(`${attr} sets ${w}`, fix));
      if (literal.missing.length > 0) {
        results.push(
          warning(
            `${attr} is a Terraform expression, only known at apply time, and its literal parts do not show the ECS agent settings (${literal.missing.join('; ')}): it cannot be checked at synth time`,
            fix,
          ),
        );
      }
      return results;
    }
    const decoded = userDataText(value, base64);
    if (decoded.text === undefined) {
      return linked || /ECS/.test(value) ? [warning(`${attr} cannot be read: ${decoded.problem}`, LINUX_FIX)] : [];
    }
    const settings = inspectEcsAgentSettings(decoded.text);
    if (!settings.configuresEcs && !linked) return [];
    const fix = settings.windows ? WINDOWS_FIX : LINUX_FIX;
    return [
      ...settings.wrong.map((w) => violation(`${attr} sets ${w}`, fix)),
      ...settings.missing.map((m) => violation(`${attr}: ${m}`, fix)),
    ];
  },
};
