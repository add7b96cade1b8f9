/**
 * The deploy tier's override file (test/deploy/override.ts): what it changes in the scratch copy of a
 * stack, and how it reads a plan. The tier itself runs with `npm run test:deploy`, not here.
 */
import { deployOverride, endpointsOf, MOTO_GAPS, plannedAttributeChanges } from './override';

const stack = {
  terraform: { backend: { local: { path: '/repo/terraform.platform.tfstate' } } },
  provider: { aws: [{ region: 'us-east-1' }] },
  resource: {
    aws_vpc: { vpc: { cidr_block: '10.0.0.0/16' } },
    aws_ecs_service: { web: { name: 'web', lifecycle: { ignore_changes: ['desired_count'] } } },
    aws_ecs_account_setting_default: {
      trunking: { name: 'awsvpcTrunking', value: 'enabled', lifecycle: { prevent_destroy: true } },
    },
  },
  data: {
    aws_caller_identity: { me: {} },
    terraform_remote_state: { account: { backend: 'local', config: { path: '/repo/terraform.account.tfstate' } } },
  },
};
const options = {
  endpoint: 'http://127.0.0.1:4566',
  statePath: '/scratch/platform/terraform.tfstate',
  remoteStatePaths: new Map([['/repo/terraform.account.tfstate', '/scratch/account/terraform.tfstate']]),
  ignoreMotoGaps: true,
};

describe('deployOverride', () => {
  test('points the provider at moto for exactly the services the stack uses, with test credentials', () => {
    const aws = deployOverride(stack, options).provider.aws;
    expect(aws.endpoints).toEqual([
      { ec2: 'http://127.0.0.1:4566', ecs: 'http://127.0.0.1:4566', sts: 'http://127.0.0.1:4566' },
    ]);
    expect(aws).toMatchObject({
      access_key: 'test',
      secret_key: 'test',
      skip_credentials_validation: true,
      skip_metadata_api_check: true,
    });
    expect(aws).not.toHaveProperty('skip_requesting_account_id');
  });

  test('keeps state in the scratch folder and reads remote state from the scratch copy of its stack', () => {
    const o = deployOverride(stack, options);
    expect(o.terraform.backend.local.path).toBe('/scratch/platform/terraform.tfstate');
    expect(o.data?.terraform_remote_state.account).toEqual({ config: { path: '/scratch/account/terraform.tfstate' } });
  });

  test('refuses remote state that no stack of the deploy writes', () => {
    expect(() => deployOverride(stack, { ...options, remoteStatePaths: new Map() })).toThrow(
      /terraform_remote_state.account reads/,
    );
  });

  test("lifts prevent_destroy and adds the moto gaps to the stack's own ignore_changes", () => {
    const o = deployOverride(stack, options);
    expect(o.resource?.aws_ecs_account_setting_default?.trunking?.lifecycle).toEqual({ prevent_destroy: false });
    const ignored = o.resource?.aws_ecs_service?.web?.lifecycle.ignore_changes;
    expect(ignored?.[0]).toBe('desired_count');
    expect(ignored).toEqual(
      expect.arrayContaining(MOTO_GAPS.filter((g) => g.resourceType === 'aws_ecs_service').map((g) => g.attribute)),
    );
    expect(deployOverride(stack, { ...options, ignoreMotoGaps: false }).resource?.aws_ecs_service).toBeUndefined();
  });

  test('fails on a resource type whose endpoint it does not know', () => {
    expect(() => endpointsOf({ resource: { aws_sagemaker_model: { m: {} } } })).toThrow(/aws_sagemaker_model/);
  });
});

describe('the moto gap list', () => {
  test('every entry names a resource type, an attribute and what moto does', () => {
    expect(MOTO_GAPS.length).toBeGreaterThan(0);
    for (const g of MOTO_GAPS) {
      expect(g.resourceType).toMatch(/^aws_[a-z0-9_]+$/);
      expect(g.attribute).toMatch(/^[a-z0-9_]+$/);
      expect(g.motoBehaviour.length).toBeGreaterThan(20);
    }
  });
});

describe('plannedAttributeChanges', () => {
  test('names the attributes that cause a change, not the ones that become unknown because of it', () => {
    const plan = {
      resource_changes: [
        { address: 'aws_vpc.vpc', type: 'aws_vpc', change: { actions: ['no-op'], before: {}, after: {} } },
        {
          address: 'aws_ecs_service.web',
          type: 'aws_ecs_service',
          change: {
            actions: ['delete', 'create'],
            replace_paths: [['capacity_provider_strategy']],
            before: { id: 'arn:1', capacity_provider_strategy: [], health_check_grace_period_seconds: 0, name: 'web' },
            after: {
              capacity_provider_strategy: [{ capacity_provider: 'cp', weight: 1, base: 0 }],
              health_check_grace_period_seconds: 60,
              name: 'web',
            },
            after_unknown: { id: true },
          },
        },
      ],
    };
    expect(plannedAttributeChanges(plan)).toEqual([
      {
        address: 'aws_ecs_service.web',
        resourceType: 'aws_ecs_service',
        attributes: ['capacity_provider_strategy', 'health_check_grace_period_seconds'],
      },
    ]);
  });
});
