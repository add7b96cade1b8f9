import * as zlib from 'zlib';
import { Fn, TerraformStack } from 'cdktf';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default';
import { EbsVolume } from '@cdktf/provider-aws/lib/ebs-volume';
import { EcsCapacityProvider } from '@cdktf/provider-aws/lib/ecs-capacity-provider';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchConfiguration } from '@cdktf/provider-aws/lib/launch-configuration';
import { LaunchTemplate, LaunchTemplateConfig } from '@cdktf/provider-aws/lib/launch-template';
import {
  ec2EbsEncrypted,
  ec2EcsAgentBlocksImds,
  ec2Imdsv2Required,
  ec2NoPublicIp,
  FindingLevel,
} from '../../../modules/policy';
import { LINUX_USER_DATA } from '../fixtures';
import { base64, findingsOf, messages } from '../support';

const IMDSV2 = { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1 };

function launchTemplate(stack: TerraformStack, props: Partial<LaunchTemplateConfig> = {}, id = 'lt'): LaunchTemplate {
  return new LaunchTemplate(stack, id, { imageId: 'ami-0123456789abcdef0', instanceType: 't3.small', ...props });
}

/** A launch template behind an auto scaling group that an ECS capacity provider uses. */
function capacityFrom(stack: TerraformStack, lt: LaunchTemplate, id = 'lab'): void {
  const asg = new AutoscalingGroup(stack, `asg-${id}`, {
    minSize: 1,
    maxSize: 1,
    availabilityZones: ['us-east-1a'],
    launchTemplate: { id: lt.id },
  });
  new EcsCapacityProvider(stack, `cp-${id}`, { name: id, autoScalingGroupProvider: { autoScalingGroupArn: asg.arn } });
}

describe('AWSVPC-EC2-001 IMDSv2 with hop limit 1', () => {
  test('accepts launch templates and instances that require tokens with hop limit 1', () => {
    expect(
      findingsOf(ec2Imdsv2Required, (s) => {
        launchTemplate(s, { metadataOptions: IMDSV2 });
        new Instance(s, 'vm', {
          ami: 'ami-0123456789abcdef0',
          instanceType: 't3.micro',
          metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1 },
        });
      }),
    ).toEqual([]);
  });

  test('accepts metadata turned off, and instances that take their settings from a launch template', () => {
    expect(
      findingsOf(ec2Imdsv2Required, (s) => {
        const lt = launchTemplate(s, { metadataOptions: { httpEndpoint: 'disabled' } });
        new Instance(s, 'vm', { launchTemplate: { id: lt.id } });
      }),
    ).toEqual([]);
  });

  test('fails a launch template without metadata_options', () => {
    expect(
      messages(
        findingsOf(ec2Imdsv2Required, (s) => {
          launchTemplate(s);
        }),
      ),
    ).toEqual([
      'aws_launch_template.lt: has no metadata_options: IMDSv1 stays enabled and the hop limit is the AMI default',
    ]);
  });

  test('fails optional tokens and a hop limit above 1, naming both', () => {
    expect(
      messages(
        findingsOf(ec2Imdsv2Required, (s) => {
          launchTemplate(s, { metadataOptions: { httpTokens: 'optional', httpPutResponseHopLimit: 2 } });
          new LaunchConfiguration(s, 'lc', {
            imageId: 'ami-0123456789abcdef0',
            instanceType: 't3.micro',
            metadataOptions: { httpTokens: 'required' },
          });
        }),
      ),
    ).toEqual([
      'aws_launch_template.lt: metadata_options.http_tokens is "optional"; it must be "required"',
      'aws_launch_template.lt: metadata_options.http_put_response_hop_limit is 2; it must be 1',
      'aws_launch_configuration.lc: metadata_options.http_put_response_hop_limit is not set (the AMI default may be 2); it must be 1',
    ]);
  });

  test('warns when the settings are expressions', () => {
    const findings = findingsOf(ec2Imdsv2Required, (s) => {
      launchTemplate(s, { metadataOptions: { httpTokens: Fn.lower('REQUIRED'), httpPutResponseHopLimit: 1 } });
    });
    expect(messages(findings, FindingLevel.WARNING)).toEqual([
      'aws_launch_template.lt: metadata_options.http_tokens is an expression (${lower("REQUIRED")}) that cannot be checked at synth time',
    ]);
    expect(messages(findings)).toEqual([]);
  });
});

describe('AWSVPC-EC2-002 ECS agent blocks IMDS for awsvpc tasks', () => {
  test('accepts Linux user data that sets both agent settings, plain, gzip-compressed or MIME multi-part', () => {
    const gz = zlib.gzipSync(Buffer.from(LINUX_USER_DATA)).toString('base64');
    const mime = [
      'Content-Type: multipart/mixed; boundary="==BOUNDARY=="',
      'MIME-Version: 1.0',
      '',
      '--==BOUNDARY==',
      'Content-Type: text/x-shellscript; charset="us-ascii"',
      'Content-Transfer-Encoding: base64',
      '',
      base64(LINUX_USER_DATA),
      '--==BOUNDARY==--',
      '',
    ].join('\n');
    const findings = findingsOf(ec2EcsAgentBlocksImds, (s) => {
      // Each feeds a capacity provider, so user data the rule could not read would be reported.
      capacityFrom(s, launchTemplate(s, { userData: base64(LINUX_USER_DATA) }), 'plain');
      capacityFrom(s, launchTemplate(s, { userData: gz }, 'gzip'), 'gzip');
      capacityFrom(s, launchTemplate(s, { userData: base64(mime) }, 'mime'), 'mime');
    });
    expect(findings).toEqual([]);
  });

  test('accepts Windows user data that passes -AwsvpcBlockIMDS, and ignores instances that are not ECS hosts', () => {
    expect(
      findingsOf(ec2EcsAgentBlocksImds, (s) => {
        launchTemplate(s, {
          userData: base64(
            '<powershell>\nImport-Module ECSTools\nInitialize-ECSAgent -Cluster lab -EnableTaskIAMRole -AwsvpcBlockIMDS -EnableTaskENI\n</powershell>',
          ),
        });
        launchTemplate(s, { userData: base64('#!/bin/bash\nyum install -y nginx\n') }, 'web');
        new Instance(s, 'bastion', {
          ami: 'ami-0123456789abcdef0',
          instanceType: 't3.micro',
          userData: '#!/bin/bash\necho hello\n',
        });
      }),
    ).toEqual([]);
  });

  test('accepts user data built by an expression whose literal parts show both settings', () => {
    expect(
      findingsOf(ec2EcsAgentBlocksImds, (s) => {
        const cluster = new EcsCluster(s, 'cluster', { name: 'lab' });
        launchTemplate(s, {
          userData: Fn.base64encode(LINUX_USER_DATA.replace('ECS_CLUSTER=lab', `ECS_CLUSTER=${cluster.name}`)),
        });
      }),
    ).toEqual([]);
  });

  test('fails Linux user data that configures ECS without the settings, naming the agent defaults', () => {
    expect(
      messages(
        findingsOf(ec2EcsAgentBlocksImds, (s) => {
          launchTemplate(s, { userData: base64('#!/bin/bash\necho ECS_CLUSTER=lab >> /etc/ecs/ecs.config\n') });
        }),
      ),
    ).toEqual([
      "aws_launch_template.lt: user_data: ECS_AWSVPC_BLOCK_IMDS=true is not set (the agent's default is false)",
      "aws_launch_template.lt: user_data: ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false is not set (the agent's default is true)",
    ]);
  });

  test('fails wrong values, and Windows user data without -AwsvpcBlockIMDS', () => {
    expect(
      messages(
        findingsOf(ec2EcsAgentBlocksImds, (s) => {
          launchTemplate(s, {
            userData: base64(LINUX_USER_DATA.replace('ECS_AWSVPC_BLOCK_IMDS=true', 'ECS_AWSVPC_BLOCK_IMDS=false')),
          });
          launchTemplate(
            s,
            { userData: base64('<powershell>\nInitialize-ECSAgent -Cluster lab -EnableTaskIAMRole\n</powershell>') },
            'windows',
          );
          new Instance(s, 'host', {
            ami: 'ami-0123456789abcdef0',
            instanceType: 't3.micro',
            userData: LINUX_USER_DATA.replace('NETWORK_HOST=false', 'NETWORK_HOST=true'),
          });
        }),
      ),
    ).toEqual([
      'aws_launch_template.lt: user_data sets ECS_AWSVPC_BLOCK_IMDS=false (must be true)',
      'aws_launch_template.windows: user_data: Initialize-ECSAgent is not called with -AwsvpcBlockIMDS',
      'aws_instance.host: user_data sets ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true (must be false)',
    ]);
  });

  test('fails a launch template that feeds an ECS capacity provider without user data', () => {
    expect(
      messages(
        findingsOf(ec2EcsAgentBlocksImds, (s) => {
          capacityFrom(s, launchTemplate(s));
        }),
      ),
    ).toEqual([
      'aws_launch_template.lt: feeds an ECS capacity provider but has no user_data, so the ECS agent runs with its defaults (ECS_AWSVPC_BLOCK_IMDS=false)',
    ]);
  });

  test('warns that user data only known at apply time cannot be checked', () => {
    const findings = findingsOf(ec2EcsAgentBlocksImds, (s) => {
      const cluster = new EcsCluster(s, 'cluster', { name: 'lab' });
      launchTemplate(s, {
        userData: Fn.base64encode(`#!/bin/bash\necho ECS_CLUSTER=${cluster.name} >> /etc/ecs/ecs.config\n`),
      });
    });
    expect(messages(findings)).toEqual([]);
    expect(messages(findings, FindingLevel.WARNING)).toEqual([
      expect.stringMatching(
        /^aws_launch_template\.lt: user_data is a Terraform expression, only known at apply time, .*ECS_AWSVPC_BLOCK_IMDS=true is not set.*: it cannot be checked at synth time$/,
      ),
    ]);
  });
});

describe('AWSVPC-EC2-003 no public IPs on instances', () => {
  test('accepts instances and templates without public addresses', () => {
    expect(
      findingsOf(ec2NoPublicIp, (s) => {
        new Instance(s, 'vm', {
          ami: 'ami-0123456789abcdef0',
          instanceType: 't3.micro',
          associatePublicIpAddress: false,
        });
        launchTemplate(s, { networkInterfaces: [{ associatePublicIpAddress: 'false', deviceIndex: 0 }] });
      }),
    ).toEqual([]);
  });

  test('fails instances, launch templates and launch configurations that associate one', () => {
    expect(
      messages(
        findingsOf(ec2NoPublicIp, (s) => {
          new Instance(s, 'vm', {
            ami: 'ami-0123456789abcdef0',
            instanceType: 't3.micro',
            associatePublicIpAddress: true,
          });
          launchTemplate(s, { networkInterfaces: [{ associatePublicIpAddress: 'true', deviceIndex: 0 }] });
          new LaunchConfiguration(s, 'lc', {
            imageId: 'ami-0123456789abcdef0',
            instanceType: 't3.micro',
            associatePublicIpAddress: true,
          });
        }),
      ),
    ).toEqual([
      'aws_instance.vm: associate_public_ip_address is true',
      'aws_launch_template.lt: network_interfaces[0].associate_public_ip_address is true',
      'aws_launch_configuration.lc: associate_public_ip_address is true',
    ]);
  });
});

describe('AWSVPC-EC2-004 encrypted EBS', () => {
  test('accepts encrypted mappings, root devices and volumes', () => {
    expect(
      findingsOf(ec2EbsEncrypted, (s) => {
        launchTemplate(s, { blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: 'true' } }] });
        new Instance(s, 'vm', {
          ami: 'ami-0123456789abcdef0',
          instanceType: 't3.micro',
          rootBlockDevice: { encrypted: true },
        });
        new EbsVolume(s, 'data', { availabilityZone: 'us-east-1a', size: 10, encrypted: true });
      }),
    ).toEqual([]);
  });

  test('accepts anything when EBS encryption by default is enabled in the stack', () => {
    expect(
      findingsOf(ec2EbsEncrypted, (s) => {
        new EbsEncryptionByDefault(s, 'ebs-default', { enabled: true });
        launchTemplate(s);
      }),
    ).toEqual([]);
  });

  test('fails unencrypted or unmapped volumes', () => {
    expect(
      messages(
        findingsOf(ec2EbsEncrypted, (s) => {
          launchTemplate(s);
          launchTemplate(
            s,
            { blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: 'false' } }] },
            'plain',
          );
          new Instance(s, 'vm', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro' });
          new EbsVolume(s, 'data', { availabilityZone: 'us-east-1a', size: 10 });
        }),
      ),
    ).toEqual([
      'aws_launch_template.lt: has no block_device_mappings, so its volumes come from the AMI snapshot, unencrypted',
      'aws_launch_template.plain: block_device_mappings[0] (/dev/xvda).ebs.encrypted is "false"; it must be true',
      'aws_instance.vm: has no root_block_device, so the root volume comes from the AMI snapshot, unencrypted',
      'aws_ebs_volume.data: encrypted is not set; it must be true',
    ]);
  });
});
