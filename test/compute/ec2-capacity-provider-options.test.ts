import { App, Fn, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AccountSettings, ITrunkingOptIn, TrunkingOptIn } from '../../modules/account';
import { CpuArchitecture, EcsCluster, EcsOptimizedAmi, OsFamily, TRUNKING_OPT_IN_TAG } from '../../modules/compute';
import { listArg, newTestStack, resourcesOfType, stringArg, synthToDir, valueAt } from '../support/synth';
import { fakeNetwork, newCluster, only } from './fixtures';
import { build, decode, tagsOf } from './capacity-provider-build';

describe('Ec2CapacityProvider options', () => {
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
    expect(b.one('aws_ecs_capacity_provider')).toHaveProperty('auto_scaling_group_provider.managed_scaling', {
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
    expect(b.one('aws_ecs_capacity_provider')).toHaveProperty(
      'auto_scaling_group_provider.managed_termination_protection',
      'DISABLED',
    );
  });

  test('turns managed draining off', () => {
    expect(build({ managedDraining: false }).one('aws_ecs_capacity_provider')).toHaveProperty(
      'auto_scaling_group_provider.managed_draining',
      'DISABLED',
    );
  });

  test('turns detailed monitoring on', () => {
    expect(build({ detailedMonitoring: true }).one('aws_launch_template').monitoring).toEqual({ enabled: true });
  });

  test('sizes the root volume and encrypts it with the given key', () => {
    const key = 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-0000-0000-0000-000000000000';
    const lt = build({ rootVolumeSizeGiB: 100, rootVolumeKmsKeyArn: key }).one('aws_launch_template');
    const ebs = valueAt(lt, 'block_device_mappings', 0, 'ebs');
    expect(ebs).toMatchObject({ volume_size: 100, kms_key_id: key, encrypted: 'true' });
  });

  test('adds extra agent configuration lines', () => {
    const lt = build({ extraEcsConfig: ['ECS_IMAGE_PULL_BEHAVIOR=prefer-cached'] }).one('aws_launch_template');
    expect(decode(stringArg(lt, 'user_data')).split('\n')).toContain('ECS_IMAGE_PULL_BEHAVIOR=prefer-cached');
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

describe('Ec2CapacityProvider Graviton', () => {
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

describe('Ec2CapacityProvider Windows', () => {
  const b = build({
    instanceType: 'm5.large',
    machineImage: EcsOptimizedAmi.windowsServer2022(),
    extraEcsConfig: ['ECS_ENABLE_AWSLOGS_EXECUTIONROLE_OVERRIDE=true'],
  });

  test('initializes the agent with PowerShell', () => {
    const script = decode(stringArg(b.one('aws_launch_template'), 'user_data'));
    expect(script).toContain('Import-Module ECSTools');
    expect(script).toContain("Initialize-ECSAgent -Cluster 'seed' -EnableTaskIAMRole -EnableTaskENI -AwsvpcBlockIMDS");
    expect(script).toContain(
      "[Environment]::SetEnvironmentVariable('ECS_ENABLE_AWSLOGS_EXECUTIONROLE_OVERRIDE', 'true', 'Machine')",
    );
    expect(script).not.toContain('ECS_ENABLE_HIGH_DENSITY_ENI');
  });

  test('reads the Windows Server 2022 Full parameter and boots from a 50 GiB /dev/sda1', () => {
    expect(only(b.json.data!.aws_ssm_parameter!).name).toBe(
      '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-ECS_Optimized/image_id',
    );
    expect(valueAt(b.one('aws_launch_template'), 'block_device_mappings', 0)).toMatchObject({
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
        .map((c) => (c as { name: string }).name)
        .sort(),
    ).toEqual(['seed-linux', 'seed-windows']);
    expect(Object.keys(resourcesOfType(json, 'aws_autoscaling_group'))).toHaveLength(2);
  });
});

describe('Ec2CapacityProvider trunking', () => {
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
    expect(listArg(asg, 'depends_on').some((d) => String(d).includes('account_setting'))).toBe(false);
    expect(computeStack.dependencies).toContain(accountStack);
    const accountJson = synthToDir(app, 'account').json;
    expect(Object.values(accountJson.output ?? {}).map((o) => (o as { value: unknown }).value)).toEqual(
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
    expect(listArg(asg, 'depends_on').some((d) => String(d).includes('account_setting'))).toBe(false);
  });

  test("trunking false on Linux turns the agent's trunking off and drops the dependency", () => {
    const b = build({ trunking: false }, {}, (stack) => ({ trunkingOptIn: new AccountSettings(stack, 'account') }));
    expect(decode(stringArg(b.one('aws_launch_template'), 'user_data')).split('\n')).toContain(
      'ECS_ENABLE_HIGH_DENSITY_ENI=false',
    );
    expect(tagsOf(b.one('aws_autoscaling_group'))[TRUNKING_OPT_IN_TAG]).toBeUndefined();
    expect(b.provider.trunking).toBe(false);
  });
});
