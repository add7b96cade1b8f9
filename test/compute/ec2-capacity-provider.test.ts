import { App, Fn, TerraformStack, Token } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AccountSettings, ITrunkingOptIn, TrunkingOptIn } from '../../modules/account';
import {
  CpuArchitecture,
  Ec2CapacityProvider,
  Ec2CapacityProviderOptions,
  EcsCluster,
  EcsClusterProps,
  EcsOptimizedAmi,
  OsFamily,
  TRUNKING_OPT_IN_TAG,
} from '../../modules/compute';
import { newTestStack, resourcesOfType, synthToDir, TerraformJson } from '../support/synth';
import { errorOf, fakeNetwork, newCluster, only } from './fixtures';

interface Built {
  readonly json: TerraformJson;
  readonly provider: Ec2CapacityProvider;
  readonly cluster: EcsCluster;
  /** The one resource of a type (the stack holds one capacity provider). */
  readonly one: (type: string) => any;
}

function build(
  options: Partial<Ec2CapacityProviderOptions> = {},
  clusterProps: Partial<EcsClusterProps> = {},
  before?: (stack: TerraformStack) => Partial<EcsClusterProps>,
): Built {
  const { app, stack } = newTestStack();
  const extra = before?.(stack) ?? {};
  const cluster = newCluster(stack, { ...clusterProps, ...extra });
  const provider = cluster.addCapacityProvider('linux', { instanceType: 'c5.large', maxSize: 4, ...options });
  const { json } = synthToDir(app);
  return { json, provider, cluster, one: (type) => only(resourcesOfType(json, type)) };
}

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

function tagsOf(asg: any): Record<string, { value: string; propagate: boolean }> {
  return Object.fromEntries(
    (asg.tag as any[]).map((t) => [t.key, { value: t.value, propagate: t.propagate_at_launch }]),
  );
}

describe('Ec2CapacityProvider', () => {
  describe('by default', () => {
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
      expect(lt.lifecycle.precondition).toEqual([
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
      const lines = decode(lt.user_data).split('\n');
      expect(lines).toEqual(
        expect.arrayContaining([
          'ECS_CLUSTER=seed',
          'ECS_ENABLE_TASK_IAM_ROLE=true',
          'ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false',
          'ECS_AWSVPC_BLOCK_IMDS=true',
          'ECS_ENABLE_HIGH_DENSITY_ENI=true',
        ]),
      );
      expect(decode(lt.user_data)).toBe(b.provider.userDataScript);
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
      expect(JSON.parse(role.assume_role_policy)).toEqual({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      });
      expect(role.managed_policy_arns).toBeUndefined();
      expect(role.inline_policy).toBeUndefined();
      const arns = Object.values(resourcesOfType(b.json, 'aws_iam_role_policy_attachment'))
        .map((a: any) => a.policy_arn)
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
      expect(asg.depends_on.some((d: string) => d.startsWith('aws_ecs_account_setting_default'))).toBe(false);
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
    const e = errorOf(() => app.synth());
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
    const e = errorOf(() => other.adoptCapacityProvider(p));
    expect(e.code).toBe('COMPUTE_CAPACITY_PROVIDER_OTHER_CLUSTER');
    cluster.adoptCapacityProvider(p);
  });

  describe('options', () => {
    test('sets desiredCapacity, minSize and the managed scaling parameters', () => {
      const b = build({
        minSize: 2,
        desiredCapacity: 3,
        maxSize: 6,
        targetCapacityPercent: 80,
        minimumScalingStepSize: 2,
        maximumScalingStepSize: 4,
        instanceWarmupPeriodSeconds: 120,
      });
      expect(b.one('aws_autoscaling_group')).toMatchObject({ min_size: 2, desired_capacity: 3, max_size: 6 });
      expect(b.one('aws_ecs_capacity_provider').auto_scaling_group_provider.managed_scaling).toEqual({
        status: 'ENABLED',
        target_capacity: 80,
        minimum_scaling_step_size: 2,
        maximum_scaling_step_size: 4,
        instance_warmup_period: 120,
      });
    });

    test('without managed scaling: no termination protection, no scale-in protection, desired managed by Terraform', () => {
      const b = build({ managedScaling: false, desiredCapacity: 2 });
      const asg = b.one('aws_autoscaling_group');
      expect(asg.protect_from_scale_in).toBe(false);
      expect(asg.lifecycle).toBeUndefined();
      expect(asg.desired_capacity).toBe(2);
      expect(b.one('aws_ecs_capacity_provider').auto_scaling_group_provider).toMatchObject({
        managed_termination_protection: 'DISABLED',
        managed_scaling: { status: 'DISABLED' },
      });
    });

    test('managed scaling without termination protection leaves scale-in protection off', () => {
      const b = build({ managedTerminationProtection: false });
      expect(b.one('aws_autoscaling_group').protect_from_scale_in).toBe(false);
      expect(b.one('aws_ecs_capacity_provider').auto_scaling_group_provider.managed_termination_protection).toBe(
        'DISABLED',
      );
    });

    test('turns managed draining off', () => {
      expect(
        build({ managedDraining: false }).one('aws_ecs_capacity_provider').auto_scaling_group_provider.managed_draining,
      ).toBe('DISABLED');
    });

    test('turns detailed monitoring on', () => {
      expect(build({ detailedMonitoring: true }).one('aws_launch_template').monitoring).toEqual({ enabled: true });
    });

    test('sizes the root volume and encrypts it with the given key', () => {
      const key = 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-0000-0000-0000-000000000000';
      const ebs = build({ rootVolumeSizeGiB: 100, rootVolumeKmsKeyArn: key }).one('aws_launch_template')
        .block_device_mappings[0].ebs;
      expect(ebs).toMatchObject({ volume_size: 100, kms_key_id: key, encrypted: 'true' });
    });

    test('adds extra agent configuration lines', () => {
      const lt = build({ extraEcsConfig: ['ECS_IMAGE_PULL_BEHAVIOR=prefer-cached'] }).one('aws_launch_template');
      expect(decode(lt.user_data).split('\n')).toContain('ECS_IMAGE_PULL_BEHAVIOR=prefer-cached');
    });

    test('leaves instance refresh out when instanceRefresh is false', () => {
      expect(build({ instanceRefresh: false }).one('aws_autoscaling_group').instance_refresh).toBeUndefined();
    });

    test('tags the resources and, through the group, the instances', () => {
      const b = build({ tags: { team: 'seed', Name: 'ignored-on-the-group' } });
      expect(tagsOf(b.one('aws_autoscaling_group'))).toMatchObject({
        team: { value: 'seed', propagate: true },
        Name: { value: 'seed-linux', propagate: true },
      });
      expect(b.one('aws_ecs_capacity_provider').tags).toMatchObject({ team: 'seed' });
      expect(b.one('aws_iam_role').tags).toMatchObject({ team: 'seed' });
    });

    test('takes its name from capacityProviderName', () => {
      const b = build({ capacityProviderName: 'orders-linux' });
      expect(b.one('aws_ecs_capacity_provider').name).toBe('orders-linux');
      expect(b.one('aws_autoscaling_group').name).toBe('orders-linux');
      expect(b.one('aws_launch_template').name_prefix).toBe('orders-linux-');
    });

    test('renders the user data with base64encode when the cluster name is a token', () => {
      const lt = build({}, { clusterName: Fn.lower('SEED') }).one('aws_launch_template');
      expect(lt.user_data).toMatch(/^\$\{base64encode\(/);
    });

    test('skips the synth-time checks of an instance type known only at apply time', () => {
      const b = build({ instanceType: Fn.lower('C5.LARGE') });
      expect(b.provider.architecture).toBe(CpuArchitecture.X86_64);
    });
  });

  describe('Graviton', () => {
    test('picks the arm64 AMI for a Graviton instance type', () => {
      const b = build({ instanceType: 'c7g.large' });
      expect(only(b.json.data!.aws_ssm_parameter!).name).toBe(
        '/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id',
      );
      expect(b.provider.architecture).toBe(CpuArchitecture.ARM64);
    });

    test('picks the arm64 Amazon Linux 2 AMI', () => {
      const b = build({ instanceType: 'm6g.large', machineImage: EcsOptimizedAmi.amazonLinux2() });
      expect(only(b.json.data!.aws_ssm_parameter!).name).toBe(
        '/aws/service/ecs/optimized-ami/amazon-linux-2/arm64/recommended/image_id',
      );
    });
  });

  describe('Windows', () => {
    const b = build({
      instanceType: 'm5.large',
      machineImage: EcsOptimizedAmi.windowsServer2022(),
      extraEcsConfig: ['ECS_ENABLE_AWSLOGS_EXECUTIONROLE_OVERRIDE=true'],
    });

    test('initializes the agent with PowerShell', () => {
      const script = decode(b.one('aws_launch_template').user_data);
      expect(script).toContain('Import-Module ECSTools');
      expect(script).toContain(
        "Initialize-ECSAgent -Cluster 'seed' -EnableTaskIAMRole -EnableTaskENI -AwsvpcBlockIMDS",
      );
      expect(script).toContain(
        "[Environment]::SetEnvironmentVariable('ECS_ENABLE_AWSLOGS_EXECUTIONROLE_OVERRIDE', 'true', 'Machine')",
      );
      expect(script).not.toContain('ECS_ENABLE_HIGH_DENSITY_ENI');
    });

    test('reads the Windows Server 2022 Full parameter and boots from a 50 GiB /dev/sda1', () => {
      expect(only(b.json.data!.aws_ssm_parameter!).name).toBe(
        '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-ECS_Optimized/image_id',
      );
      expect(b.one('aws_launch_template').block_device_mappings[0]).toMatchObject({
        device_name: '/dev/sda1',
        ebs: { volume_size: 50 },
      });
    });

    test('does not use trunking, and so does not depend on the opt-in', () => {
      const w = build({ instanceType: 'm5.large', machineImage: EcsOptimizedAmi.windowsServer2022() }, {}, (stack) => ({
        trunkingOptIn: new AccountSettings(stack, 'account'),
      }));
      expect(w.provider.trunking).toBe(false);
      expect(w.provider.osFamily).toBe(OsFamily.WINDOWS);
      expect(w.provider.trunkingOptIn).toBeUndefined();
      expect(tagsOf(w.one('aws_autoscaling_group'))[TRUNKING_OPT_IN_TAG]).toBeUndefined();
    });

    test('runs beside a Linux provider in one cluster', () => {
      const { app, stack } = newTestStack();
      const cluster = newCluster(stack);
      cluster.addCapacityProvider('linux', { instanceType: 'c5.large', maxSize: 2 });
      cluster.addCapacityProvider('windows', {
        instanceType: 'm5.large',
        maxSize: 2,
        machineImage: EcsOptimizedAmi.windowsServer2022(),
      });
      const { json } = synthToDir(app);
      expect(
        Object.values(resourcesOfType(json, 'aws_ecs_capacity_provider'))
          .map((c: any) => c.name)
          .sort(),
      ).toEqual(['seed-linux', 'seed-windows']);
      expect(Object.keys(resourcesOfType(json, 'aws_autoscaling_group'))).toHaveLength(2);
    });
  });

  describe('trunking', () => {
    test('depends on the opt-in in the same stack: depends_on plus a tag that references the setting', () => {
      const b = build({}, {}, (stack) => ({ trunkingOptIn: new AccountSettings(stack, 'account') }));
      const asg = b.one('aws_autoscaling_group');
      expect(tagsOf(asg)[TRUNKING_OPT_IN_TAG]).toEqual({
        value: expect.stringMatching(/^\$\{aws_ecs_account_setting_default\..*\.value\}$/),
        propagate: true,
      });
      expect(asg.depends_on).toEqual(
        expect.arrayContaining([expect.stringMatching(/^aws_ecs_account_setting_default\./)]),
      );
    });

    test('depends on an opt-in in another stack through a cross-stack reference, without depends_on', () => {
      const app = new App({ outdir: newTestStack().app.outdir });
      const accountStack = new TerraformStack(app, 'account');
      new AwsProvider(accountStack, 'aws', { region: 'us-east-1' });
      const account = new AccountSettings(accountStack, 'settings');
      const computeStack = new TerraformStack(app, 'compute');
      new AwsProvider(computeStack, 'aws', { region: 'us-east-1' });
      const cluster = new EcsCluster(computeStack, 'cluster', {
        clusterName: 'seed',
        network: fakeNetwork(),
        trunkingOptIn: account,
      });
      cluster.addCapacityProvider('linux', { instanceType: 'c5.large', maxSize: 2 });
      const compute = synthToDir(app, 'compute').json;
      const asg = only(resourcesOfType(compute, 'aws_autoscaling_group'));
      expect(tagsOf(asg)[TRUNKING_OPT_IN_TAG]!.value).toMatch(
        /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-account\.outputs\./,
      );
      expect(asg.depends_on.some((d: string) => d.includes('account_setting'))).toBe(false);
      expect(computeStack.dependencies).toContain(accountStack);
      const accountJson = synthToDir(app, 'account').json;
      expect(Object.values(accountJson.output ?? {}).map((o: any) => o.value)).toEqual(
        expect.arrayContaining([expect.stringMatching(/aws_ecs_account_setting_default\..*\.value/)]),
      );
    });

    test("uses its own opt-in over the cluster's", () => {
      const own: ITrunkingOptIn = TrunkingOptIn.external();
      const b = build({ trunkingOptIn: own }, {}, (stack) => ({
        trunkingOptIn: new AccountSettings(stack, 'account'),
      }));
      expect(b.provider.trunkingOptIn).toBe(own);
      const asg = b.one('aws_autoscaling_group');
      expect(tagsOf(asg)[TRUNKING_OPT_IN_TAG]!.value).toBe('enabled');
      expect(asg.depends_on.some((d: string) => d.includes('account_setting'))).toBe(false);
    });

    test("trunking false on Linux turns the agent's trunking off and drops the dependency", () => {
      const b = build({ trunking: false }, {}, (stack) => ({ trunkingOptIn: new AccountSettings(stack, 'account') }));
      expect(decode(b.one('aws_launch_template').user_data).split('\n')).toContain('ECS_ENABLE_HIGH_DENSITY_ENI=false');
      expect(tagsOf(b.one('aws_autoscaling_group'))[TRUNKING_OPT_IN_TAG]).toBeUndefined();
      expect(b.provider.trunking).toBe(false);
    });
  });

  describe('fails', () => {
    function fails(options: Partial<Ec2CapacityProviderOptions>, clusterProps: Partial<EcsClusterProps> = {}) {
      const { stack } = newTestStack();
      const cluster = newCluster(stack, clusterProps);
      return errorOf(() => cluster.addCapacityProvider('linux', { instanceType: 'c5.large', maxSize: 4, ...options }));
    }

    test('when minSize is above maxSize', () => {
      const e = fails({ minSize: 5, maxSize: 2 });
      expect(e.code).toBe('COMPUTE_ASG_MIN_ABOVE_MAX');
      expect(e.message).toContain('Ec2CapacityProvider(linux).minSize: received minSize 5 with maxSize 2');
      expect(e.fix).toContain('Lower minSize to at most 2');
    });

    test.each([
      [0, 1, 3],
      [4, 1, 3],
    ])('when desiredCapacity %p is outside [%p, %p]', (desiredCapacity, minSize, maxSize) => {
      const e = fails({ desiredCapacity, minSize, maxSize });
      expect(e.code).toBe('COMPUTE_ASG_DESIRED_OUT_OF_RANGE');
      expect(e.path).toBe('Ec2CapacityProvider(linux).desiredCapacity');
      expect(e.allowed).toBe('an integer from 1 to 3');
    });

    test.each([
      [{ minSize: -1 }, 'minSize'],
      [{ maxSize: 2.5 }, 'maxSize'],
      [{ desiredCapacity: NaN }, 'desiredCapacity'],
    ])('when a size is not a whole number (%p)', (opts, prop) => {
      const e = fails(opts);
      expect(e.code).toBe('COMPUTE_ASG_SIZE_INVALID');
      expect(e.path).toBe(`Ec2CapacityProvider(linux).${prop}`);
    });

    test('when managed termination protection is asked for without managed scaling', () => {
      const e = fails({ managedScaling: false, managedTerminationProtection: true });
      expect(e.code).toBe('COMPUTE_TERMINATION_PROTECTION_WITHOUT_SCALING');
      expect(e.message).toContain('managedTerminationProtection true with managedScaling false');
      expect(e.fix).toContain('Turn managedScaling on');
    });

    test.each(['aws-linux', 'ecs-linux', 'fargate-spot', 'ECS_Linux', 'AWSome'])(
      'when the capacity provider name %p starts with a reserved prefix',
      (name) => {
        const e = fails({ capacityProviderName: name });
        expect(e.code).toBe('COMPUTE_CAPACITY_PROVIDER_NAME_RESERVED');
        expect(e.path).toBe('Ec2CapacityProvider(linux).capacityProviderName');
        expect(e.message).toContain(JSON.stringify(name));
        expect(e.allowed).toContain('"aws", "ecs" or "fargate"');
      },
    );

    test('when the default name starts with a reserved prefix (cluster "ecs-seed")', () => {
      const e = fails({}, { clusterName: 'ecs-seed' });
      expect(e.code).toBe('COMPUTE_CAPACITY_PROVIDER_NAME_RESERVED');
      expect(e.message).toContain('"ecs-seed-linux"');
    });

    test.each(['', 'seed linux', 'seed/linux', 'x'.repeat(256)])(
      'when the capacity provider name %p has bad characters or length',
      (name) => {
        const e = fails({ capacityProviderName: name });
        expect(e.code).toBe('COMPUTE_CAPACITY_PROVIDER_NAME_INVALID');
        expect(e.allowed).toContain('1-255 characters');
      },
    );

    test.each(['c5', 'C5.LARGE', 'c5 large'])('when the instance type %p is malformed', (instanceType) => {
      const e = fails({ instanceType });
      expect(e.problems.map((p) => p.code)).toContain('COMPUTE_INSTANCE_TYPE_INVALID');
      expect(e.message).toContain(`received ${JSON.stringify(instanceType)}`);
    });

    test('for an unknown AMI family', () => {
      const e = errorOf(() => build({ machineImage: EcsOptimizedAmi.fromFamilyName('ubuntu-22.04') }));
      expect(e.code).toBe('COMPUTE_AMI_FAMILY_UNKNOWN');
      expect(e.message).toContain('"ubuntu-22.04"');
    });

    test('when the AMI architecture does not match the instance type', () => {
      const e = fails({ machineImage: EcsOptimizedAmi.amazonLinux2023({ architecture: CpuArchitecture.ARM64 }) });
      expect(e.code).toBe('COMPUTE_AMI_ARCHITECTURE_MISMATCH');
      expect(e.path).toBe('Ec2CapacityProvider(linux).machineImage.architecture');
    });

    test('for Windows on a Graviton instance type', () => {
      const e = fails({ instanceType: 'c7g.large', machineImage: EcsOptimizedAmi.windowsServer2022() });
      expect(e.code).toBe('COMPUTE_AMI_ARCHITECTURE_UNSUPPORTED');
      expect(e.fix).toContain('x86_64 instance type');
    });

    test('when trunking is asked for with a Windows AMI', () => {
      const e = fails({ instanceType: 'm5.large', machineImage: EcsOptimizedAmi.windowsServer2022(), trunking: true });
      expect(e.code).toBe('COMPUTE_TRUNKING_WINDOWS');
      expect(e.path).toBe('Ec2CapacityProvider(linux).trunking');
      expect(e.message).toContain('trunking true with a Windows AMI');
      expect(e.fix).toContain('Leave trunking unset for Windows');
    });

    test('when trunking is on but the opt-in has awsvpcTrunking off', () => {
      const { stack } = newTestStack();
      const cluster = newCluster(stack, {
        trunkingOptIn: new AccountSettings(stack, 'account', { awsvpcTrunking: false }),
      });
      const e = errorOf(() => cluster.addCapacityProvider('linux', { instanceType: 'c5.large', maxSize: 2 }));
      expect(e.code).toBe('COMPUTE_TRUNKING_NOT_OPTED_IN');
      expect(e.fix).toContain('Enable awsvpcTrunking');
    });

    test.each([
      [{ targetCapacityPercent: 0 }, 'COMPUTE_TARGET_CAPACITY_INVALID', 'targetCapacityPercent'],
      [{ targetCapacityPercent: 101 }, 'COMPUTE_TARGET_CAPACITY_INVALID', 'targetCapacityPercent'],
      [{ minimumScalingStepSize: 0 }, 'COMPUTE_SCALING_STEP_INVALID', 'minimumScalingStepSize'],
      [{ maximumScalingStepSize: 10001 }, 'COMPUTE_SCALING_STEP_INVALID', 'maximumScalingStepSize'],
      [
        { minimumScalingStepSize: 5, maximumScalingStepSize: 2 },
        'COMPUTE_SCALING_STEP_INVALID',
        'minimumScalingStepSize',
      ],
      [{ instanceWarmupPeriodSeconds: -1 }, 'COMPUTE_WARMUP_INVALID', 'instanceWarmupPeriodSeconds'],
      [{ rootVolumeSizeGiB: 20 }, 'COMPUTE_ROOT_VOLUME_SIZE_INVALID', 'rootVolumeSizeGiB'],
    ])('for %p', (opts, code, prop) => {
      const e = fails(opts);
      expect(e.code).toBe(code);
      expect(e.path).toBe(`Ec2CapacityProvider(linux).${prop}`);
    });

    test('when a Windows root volume is smaller than the AMI', () => {
      const e = fails({
        instanceType: 'm5.large',
        machineImage: EcsOptimizedAmi.windowsServer2022(),
        rootVolumeSizeGiB: 40,
      });
      expect(e.code).toBe('COMPUTE_ROOT_VOLUME_SIZE_INVALID');
      expect(e.allowed).toContain('from 50');
    });

    test('for an extra agent line that overrides a reserved key', () => {
      const e = fails({ extraEcsConfig: ['ECS_AWSVPC_BLOCK_IMDS=false'] });
      expect(e.code).toBe('COMPUTE_ECS_CONFIG_KEY_RESERVED');
      expect(e.path).toBe('Ec2CapacityProvider(linux).extraEcsConfig[0]');
    });

    test('when the network has no private subnets', () => {
      const e = fails({}, { network: fakeNetwork({ privateSubnets: [] }) });
      expect(e.code).toBe('COMPUTE_NO_PRIVATE_SUBNETS');
      expect(e.fix).toContain('never get public IPs');
    });

    test('with every problem of its props at once', () => {
      const e = fails({
        capacityProviderName: 'ecs-linux',
        minSize: 3,
        maxSize: 1,
        managedScaling: false,
        managedTerminationProtection: true,
        instanceType: 'c7g.large',
        machineImage: EcsOptimizedAmi.windowsServer2022(),
        trunking: true,
      });
      expect(e.problems.map((p) => p.code)).toEqual([
        'COMPUTE_AMI_ARCHITECTURE_UNSUPPORTED',
        'COMPUTE_CAPACITY_PROVIDER_NAME_RESERVED',
        'COMPUTE_ASG_MIN_ABOVE_MAX',
        'COMPUTE_TERMINATION_PROTECTION_WITHOUT_SCALING',
        'COMPUTE_TRUNKING_WINDOWS',
      ]);
    });
  });
});
