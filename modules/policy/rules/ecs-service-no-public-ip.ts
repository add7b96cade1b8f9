import { asBoolean, block } from '../attributes';
import { PolicyRule, Severity, violation } from '../rule';

/** AWSVPC-ECS-001: tasks get no public IP address. */
export const ecsServiceNoPublicIp: PolicyRule = {
  id: 'AWSVPC-ECS-001',
  industryIds: ['CKV_AWS_333'],
  severity: Severity.HIGH,
  summary: 'ECS services do not assign public IP addresses to their tasks (network_configuration.assign_public_ip).',
  explanation: [
    'In awsvpc mode each task has its own network interface; with assign_public_ip it is reachable from the internet',
    'whenever its security group allows it. Tasks belong in private subnets, reached through a load balancer.',
    '(On EC2 capacity the ECS API rejects assign_public_ip = true anyway; the rule keeps the intent explicit.)',
  ].join(' '),
  fix: 'set network_configuration { assign_public_ip = false } (the default) and use private subnets',
  appliesTo: ['aws_ecs_service'],
  check(subject) {
    const nc = block(subject.attributes.network_configuration);
    return nc && asBoolean(nc.assign_public_ip) === true
      ? [violation('network_configuration.assign_public_ip is true')]
      : [];
  },
};
