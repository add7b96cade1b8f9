import { Token } from 'cdktf';
import { CpuArchitecture, Ec2CapacityProvider, EcsCluster, OsFamily, TRUNKING_OPT_IN_TAG } from '../../modules/compute';
import { listArg, newTestStack, resourcesOfType, stringArg, synthToDir } from '../support/synth';
import { newCluster, only } from './fixtures';
import { thrownValidationError } from '../support/problem-matcher';
import { build, decode, tagsOf } from './capacity-provider-build';

describe('Ec2CapacityProvider by default, the instances', () => {
  const b = build();

  test('defines a launch template with IMDSv2 required, hop limit 1 and no public IP', () => {
    const lt = b.one('aws_launch_template');
    expect(lt.metadata_options).toEqual({
      http_endpoint: 'enabled',
      http_tokens: 'required',
      http_put_response_hop_limit: 1,
      instance_metadata_tags: 'disabled',
    });
    expect(lt.network_interfaces).toEqual([
      {
        device_index: 0,
        associate_public_ip_address: 'false',
        delete_on_termination: 'true',
        security_groups: [expect.stringMatching(/^\$\{aws_security_group\..*\.id\}$/)],
      },
    ]);
    expect(lt.vpc_security_group_ids).toBeUndefined();
    expect(lt.instance_type).toBe('c5.large');
    expect(lt.monitoring).toEqual({ enabled: false });
    expect(lt.update_default_version).toBe(true);
    expect(lt.iam_instance_profile).toEqual({
      name: expect.stringMatching(/^\$\{aws_iam_instance_profile\..*\.name\}$/),
    });
  });

  test('defines an encrypted gp3 root volume of 30 GiB', () => {
    expect(b.one('aws_launch_template').block_device_mappings).toEqual([
      {
        device_name: '/dev/xvda',
        ebs: { volume_size: 30, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' },
      },
    ]);
  });

  test('reads the AL2023 x86_64 AMI from SSM and guards it with a precondition', () => {
    const param = only(b.json.data!.aws_ssm_parameter!);
    expect(param.name).toBe('/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id');
    const lt = b.one('aws_launch_template');
    expect(lt.image_id).toMatch(/^\$\{data\.aws_ssm_parameter\..*\.insecure_value\}$/);
    expect(lt).toHaveProperty('lifecycle.precondition', [
      {
        condition: expect.stringMatching(
          /^\$\{can\(regex\("\^ami-\[0-9a-f\]\+\$", data\.aws_ssm_parameter\..*\.insecure_value\)\)\}$/,
        ),
        error_message: expect.stringContaining(
          '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id did not hold an AMI id',
        ),
      },
    ]);
    expect(b.provider.ami.architecture).toBe(CpuArchitecture.X86_64);
  });

  test('writes the user data as a literal base64 string with the agent configuration', () => {
    const lt = b.one('aws_launch_template');
    expect(lt.user_data).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const lines = decode(stringArg(lt, 'user_data')).split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'ECS_CLUSTER=seed',
        'ECS_ENABLE_TASK_IAM_ROLE=true',
        'ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false',
        'ECS_AWSVPC_BLOCK_IMDS=true',
        'ECS_ENABLE_HIGH_DENSITY_ENI=true',
      ]),
    );
    expect(decode(stringArg(lt, 'user_data'))).toBe(b.provider.userDataScript);
  });

  test('defines an instance security group with no ingress and HTTPS egress only', () => {
    const sg = b.one('aws_security_group');
    expect(sg.ingress).toBeUndefined();
    expect(sg.egress).toBeUndefined();
    expect(sg.vpc_id).toBe('vpc-0a1b2c3d4e5f60718');
    expect(resourcesOfType(b.json, 'aws_vpc_security_group_ingress_rule')).toEqual({});
    expect(b.one('aws_vpc_security_group_egress_rule')).toMatchObject({
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '0.0.0.0/0',
      description: expect.stringContaining('HTTPS to the ECS'),
    });
    expect(Token.isUnresolved(b.provider.instanceSecurityGroupId)).toBe(true);
  });

  test('gives the instances a role trusted by EC2 with exactly the ECS and SSM managed policies', () => {
    const role = b.one('aws_iam_role');
    expect(JSON.parse(stringArg(role, 'assume_role_policy'))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(role.managed_policy_arns).toBeUndefined();
    expect(role.inline_policy).toBeUndefined();
    const arns = Object.values(resourcesOfType(b.json, 'aws_iam_role_policy_attachment'))
      .map((a) => (a as { policy_arn: string }).policy_arn)
      .sort();
    expect(arns).toEqual([
      expect.stringMatching(
        /^arn:\$\{data\.aws_partition\..*\.partition\}:iam::aws:policy\/AmazonSSMManagedInstanceCore$/,
      ),
      expect.stringMatching(
        /^arn:\$\{data\.aws_partition\..*\.partition\}:iam::aws:policy\/service-role\/AmazonEC2ContainerServiceforEC2Role$/,
      ),
    ]);
    expect(resourcesOfType(b.json, 'aws_iam_role_policy')).toEqual({});
    expect(b.one('aws_iam_instance_profile').role).toMatch(/^\$\{aws_iam_role\..*\.name\}$/);
  });
});

describe('Ec2CapacityProvider by default, the group and the capacity provider', () => {
  const b = build();

  test('defines an Auto Scaling group in the private subnets, 1 to maxSize, desired left to managed scaling', () => {
    const asg = b.one('aws_autoscaling_group');
    expect(asg).toMatchObject({
      name: 'seed-linux',
      min_size: 1,
      max_size: 4,
      vpc_zone_identifier: ['subnet-0a1b2c3d', 'subnet-0e4f5a6b'],
      force_delete: true,
      protect_from_scale_in: true,
      lifecycle: { ignore_changes: ['desired_capacity'] },
    });
    expect(asg.desired_capacity).toBeUndefined();
    expect(asg.launch_template).toEqual({
      name: expect.stringMatching(/^\$\{aws_launch_template\..*\.name\}$/),
      version: expect.stringMatching(/^\$\{aws_launch_template\..*\.latest_version\}$/),
    });
    expect(b.provider.subnets.map((s) => s.subnetId)).toEqual(['subnet-0a1b2c3d', 'subnet-0e4f5a6b']);
  });

  test('declares the AmazonECSManaged tag, propagated at launch', () => {
    expect(tagsOf(b.one('aws_autoscaling_group')).AmazonECSManaged).toEqual({ value: 'true', propagate: true });
  });

  test('rolls the instances with an instance refresh when the launch template or tags change', () => {
    expect(b.one('aws_autoscaling_group').instance_refresh).toEqual({
      strategy: 'Rolling',
      triggers: ['tag'],
      preferences: {
        min_healthy_percentage: 100,
        max_healthy_percentage: 200,
        scale_in_protected_instances: 'Refresh',
        standby_instances: 'Terminate',
      },
    });
  });

  test("defines the capacity provider on the group's ARN with managed scaling, termination protection and draining", () => {
    const cp = b.one('aws_ecs_capacity_provider');
    expect(cp.name).toBe('seed-linux');
    expect(cp.auto_scaling_group_provider).toEqual({
      auto_scaling_group_arn: expect.stringMatching(/^\$\{aws_autoscaling_group\..*\.arn\}$/),
      managed_termination_protection: 'ENABLED',
      managed_draining: 'ENABLED',
      managed_scaling: {
        status: 'ENABLED',
        target_capacity: 100,
        minimum_scaling_step_size: 1,
        maximum_scaling_step_size: 10,
        instance_warmup_period: 300,
      },
    });
  });

  test('describes itself through ICapacityProvider', () => {
    expect(b.provider).toMatchObject({
      capacityProviderName: 'seed-linux',
      osFamily: OsFamily.LINUX,
      architecture: CpuArchitecture.X86_64,
      instanceType: 'c5.large',
      maxSize: 4,
      minSize: 1,
      trunking: true,
    });
    expect(b.cluster.capacityProviders).toEqual([b.provider]);
  });

  test('has no trunking dependency when neither it nor the cluster names an opt-in', () => {
    const asg = b.one('aws_autoscaling_group');
    expect(tagsOf(asg)[TRUNKING_OPT_IN_TAG]).toBeUndefined();
    expect(listArg(asg, 'depends_on').some((d) => String(d).startsWith('aws_ecs_account_setting_default'))).toBe(false);
  });
});

test('can be created with new Ec2CapacityProvider(scope, id, { cluster }) and adopted by the cluster', () => {
  const { app, stack } = newTestStack();
  const cluster = newCluster(stack);
  const p = new Ec2CapacityProvider(stack, 'extra', {
    cluster,
    instanceType: 'c5.large',
    maxSize: 2,
    capacityProviderName: 'seed-extra',
  });
  expect(cluster.capacityProviders).toEqual([]);
  cluster.adoptCapacityProvider(p);
  cluster.adoptCapacityProvider(p);
  expect(cluster.capacityProviders).toEqual([p]);
  expect(
    only(resourcesOfType(synthToDir(app).json, 'aws_ecs_cluster_capacity_providers')).capacity_providers,
  ).toHaveLength(1);
});

test('fails the synth when the cluster never adopted it', () => {
  const { app, stack } = newTestStack();
  const cluster = newCluster(stack);
  new Ec2CapacityProvider(stack, 'stray', {
    cluster,
    instanceType: 'c5.large',
    maxSize: 2,
    capacityProviderName: 'seed-stray',
  });
  const e = thrownValidationError(() => app.synth());
  expect(e).toMatchObject({
    code: 'COMPUTE_CAPACITY_PROVIDER_NOT_ADOPTED',
    path: 'Ec2CapacityProvider(stray).cluster',
  });
  expect(e.fix).toContain('cluster.adoptCapacityProvider(provider)');
});

test('refuses to be adopted by another cluster than the one its instances join', () => {
  const { stack } = newTestStack();
  const cluster = newCluster(stack);
  const other = new EcsCluster(stack, 'other', { clusterName: 'other', network: cluster.network });
  const p = new Ec2CapacityProvider(stack, 'extra', {
    cluster,
    instanceType: 'c5.large',
    maxSize: 2,
    capacityProviderName: 'seed-extra',
  });
  const e = thrownValidationError(() => other.adoptCapacityProvider(p));
  expect(e.code).toBe('COMPUTE_CAPACITY_PROVIDER_OTHER_CLUSTER');
  cluster.adoptCapacityProvider(p);
});
