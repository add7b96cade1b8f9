import * as fc from 'fast-check';
import { ALL_RULES, FindingLevel, StackIndex, TerraformAttributes } from '../../modules/policy';

// Attribute names the rules read, so that random documents reach the rules' code paths.
const KEYS = [
  'metadata_options',
  'http_tokens',
  'http_put_response_hop_limit',
  'http_endpoint',
  'launch_template',
  'user_data',
  'user_data_base64',
  'network_interfaces',
  'associate_public_ip_address',
  'block_device_mappings',
  'ebs',
  'encrypted',
  'root_block_device',
  'ebs_block_device',
  'device_name',
  'map_public_ip_on_launch',
  'vpc_id',
  'ingress',
  'egress',
  'security_group_id',
  'cidr_blocks',
  'ipv6_cidr_blocks',
  'cidr_ipv4',
  'cidr_ipv6',
  'from_port',
  'to_port',
  'protocol',
  'ip_protocol',
  'type',
  'security_groups',
  'load_balancer_arn',
  'port',
  'retention_in_days',
  'kms_key_id',
  'container_definitions',
  'runtime_platform',
  'operating_system_family',
  'task_role_arn',
  'execution_role_arn',
  'assume_role_policy',
  'policy',
  'inline_policy',
  'name',
  'statement',
  'actions',
  'not_actions',
  'principals',
  'identifiers',
  'condition',
  'test',
  'variable',
  'values',
  'effect',
  'load_balancer_type',
  'drop_invalid_header_fields',
  'certificate_arn',
  'default_action',
  'redirect',
  'enable_execute_command',
  'task_definition',
  'network_configuration',
  'assign_public_ip',
  'enabled',
  'tags',
];

const LEAVES = [
  'true',
  'false',
  'required',
  'optional',
  'disabled',
  '0.0.0.0/0',
  '::/0',
  '10.0.0.0/8',
  '-1',
  'tcp',
  '6',
  'HTTP',
  'HTTPS',
  'redirect',
  'application',
  'network',
  'WINDOWS_SERVER_2022_CORE',
  'ingress',
  'egress',
  'Service',
  'ecs-tasks.amazonaws.com',
  'aws:SourceAccount',
  '${aws_vpc.a.id}',
  '${aws_lb.l.arn}',
  '${aws_security_group.s.id}',
  '${aws_iam_role.r.arn}',
  '${aws_ecs_task_definition.t.arn}',
  '${data.aws_iam_policy_document.d.json}',
  '${jsonencode({})}',
  'ECS_CLUSTER=x\nECS_AWSVPC_BLOCK_IMDS=maybe',
  'RUNfQ1NfQ0xVU1RFUj14',
  'H4sI',
  '[{"name":"x","privileged":true,"user":0,"image":7,"linuxParameters":{"capabilities":{"add":"ALL"}}}]',
  '[1,null,"x"]',
  '{"a":1}',
  '{"Statement":[{"Action":"*","Principal":"*","Condition":{"StringEquals":null}},7]}',
  '{"Statement":{"NotAction":5,"Principal":{"AWS":[1]}}}',
  '<powershell>Initialize-ECSAgent -AwsvpcBlockIMDS:$maybe</powershell>',
];

const leaf = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -2, max: 70000 }),
  fc.constantFrom(...LEAVES),
  fc.string({ maxLength: 12 }),
  fc.constant(null),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 4, depthSize: 'small' },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 5 }),
  ),
}));
const attributes = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 8 }) as fc.Arbitrary<TerraformAttributes>;

describe('every rule', () => {
  test('returns findings, and never throws, for any attributes of the types it inspects (property)', () => {
    for (const rule of ALL_RULES) {
      fc.assert(
        fc.property(attributes, attributes, attributes, attributes, attributes, (subjectAttrs, vpc, lb, sg, doc) => {
          for (const typeKey of rule.appliesTo) {
            const isData = typeKey.startsWith('data.');
            const type = isData ? typeKey.slice(5) : typeKey;
            const index = StackIndex.fromTerraformJson({
              resource: {
                aws_vpc: { a: vpc },
                aws_lb: { l: lb },
                aws_security_group: { s: sg },
                aws_iam_role: { r: subjectAttrs },
                aws_ecs_task_definition: { t: subjectAttrs },
                aws_lb_listener: { x: lb },
                ...(isData ? {} : { [type]: { subject: subjectAttrs } }),
              },
              data: { aws_iam_policy_document: { d: doc, ...(isData ? { subject: subjectAttrs } : {}) } },
            });
            const subject = index.get(`${typeKey}.subject`)!;
            const results = rule.check(subject, index);
            for (const r of results) {
              expect(Object.values(FindingLevel)).toContain(r.level);
              expect(typeof r.message).toBe('string');
            }
          }
        }),
        { numRuns: 60 },
      );
    }
  });
});
