import { asBoolean, block, blocks, isExpression, isPresent } from '../attributes';
import type { TerraformAttributes } from '../../core/terraform-json';
import { PolicyRule, RuleResult, Severity, violation, warning } from '../rule';

function checkEncrypted(what: string, value: unknown, results: RuleResult[]): void {
  if (asBoolean(value) === true) return;
  if (isExpression(value))
    results.push(warning(`${what} is an expression (${value}) that cannot be checked at synth time`));
  else
    results.push(
      violation(
        `${what} is ${value === undefined || value === null ? 'not set' : JSON.stringify(value)}; it must be true`,
      ),
    );
}

function deviceLabel(b: TerraformAttributes, i: number, list: string): string {
  return typeof b.device_name === 'string' ? `${list}[${i}] (${b.device_name})` : `${list}[${i}]`;
}

/** AWSVPC-EC2-004: EBS volumes are encrypted. */
export const ec2EbsEncrypted: PolicyRule = {
  id: 'AWSVPC-EC2-004',
  industryIds: ['CKV_AWS_8', 'CKV_AWS_3', 'AVD-AWS-0131', 'AVD-AWS-0008', 'AVD-AWS-0026', 'AwsSolutions-EC26'],
  severity: Severity.MEDIUM,
  summary: 'EBS volumes of instances, launch templates, launch configurations and aws_ebs_volume are encrypted.',
  explanation: [
    'Container instances keep image layers, container logs and volumes on EBS. Encryption costs nothing measurable and',
    'protects snapshots and detached volumes. The ECS-optimized AMIs ship unencrypted snapshots, so a launch template',
    'that does not map its root device with ebs { encrypted = true } launches unencrypted volumes. An',
    'aws_ebs_encryption_by_default resource (enabled) in the same stack satisfies the rule for every volume.',
  ].join(' '),
  fix: 'map every EBS device with encrypted = true (launch templates: block_device_mappings { device_name = "/dev/xvda", ebs { encrypted = "true" } }), or enable aws_ebs_encryption_by_default',
  appliesTo: ['aws_launch_template', 'aws_launch_configuration', 'aws_instance', 'aws_ebs_volume'],
  check(subject, index) {
    const byDefault = index
      .ofType('aws_ebs_encryption_by_default')
      .some((d) => asBoolean(d.attributes.enabled) !== false);
    if (byDefault) return [];
    const a = subject.attributes;
    const results: RuleResult[] = [];
    switch (subject.type) {
      case 'aws_ebs_volume':
        checkEncrypted('encrypted', a.encrypted, results);
        break;
      case 'aws_launch_template': {
        const mappings = blocks(a.block_device_mappings);
        if (mappings.length === 0) {
          results.push(
            violation('has no block_device_mappings, so its volumes come from the AMI snapshot, unencrypted'),
          );
        }
        mappings.forEach((m, i) => {
          const ebs = block(m.ebs);
          if (ebs)
            checkEncrypted(`${deviceLabel(m, i, 'block_device_mappings')}.ebs.encrypted`, ebs.encrypted, results);
        });
        break;
      }
      default: {
        // aws_instance and aws_launch_configuration
        const root = block(a.root_block_device);
        if (root) checkEncrypted('root_block_device.encrypted', root.encrypted, results);
        else if (!(subject.type === 'aws_instance' && isPresent(a.launch_template))) {
          results.push(
            violation('has no root_block_device, so the root volume comes from the AMI snapshot, unencrypted'),
          );
        }
        blocks(a.ebs_block_device).forEach((d, i) =>
          checkEncrypted(`${deviceLabel(d, i, 'ebs_block_device')}.encrypted`, d.encrypted, results),
        );
      }
    }
    return results;
  },
};
