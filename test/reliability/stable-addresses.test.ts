/**
 * Reliability: a change of one setting never replaces unrelated infrastructure.
 *
 * Terraform addresses (`type.name`) come from construct ids; a renamed address is a destroyed and
 * recreated resource. The default app's addresses are pinned by a reviewed snapshot
 * (__snapshots__/stable-addresses.test.ts.snap, one address per line; CI runs Jest with --ci, so it
 * never writes snapshots: a change there is reviewed like code). And the usual edits of the
 * configuration (desired count, instance type, Auto Scaling group size, one more service) keep every
 * address and leave the VPC, subnets, NAT gateways and cluster exactly as they were.
 */
import { type AwsvpcConfigInput, parseConfig } from '../../modules/stacks';
import {
  addressList,
  resourcesOfTypes,
  synthDefaultApp,
  terraformAddresses,
  type SynthesizedApp,
} from './support/default-app';

/** What a change of service or capacity settings must leave exactly as it was. */
const NETWORK_AND_CLUSTER = [
  'aws_vpc',
  'aws_subnet',
  'aws_nat_gateway',
  'aws_eip',
  'aws_internet_gateway',
  'aws_route_table',
  'aws_route',
  'aws_route_table_association',
  'aws_default_security_group',
  'aws_flow_log',
  'aws_ecs_cluster',
  'aws_ecs_cluster_capacity_providers',
];

/** The seeds' lab written out in full (what `{}` means), to edit one setting at a time. */
function defaults(): AwsvpcConfigInput {
  return structuredClone(parseConfig({}));
}

function edited(edit: (config: AwsvpcConfigInput) => void): unknown {
  const config = defaults();
  edit(config);
  return config;
}

const CHANGES: ReadonlyArray<{ readonly change: string; readonly config: unknown; readonly adds?: string }> = [
  {
    change: 'changing the desired count of a service',
    config: edited((c) => {
      c.services![0]!.desiredCount = 3;
    }),
  },
  {
    change: 'changing the instance type (another x86 size)',
    config: edited((c) => {
      c.capacityProviders![0]!.instanceType = 'm5.xlarge';
    }),
  },
  {
    change: 'changing the instance type (x86 to Graviton)',
    config: edited((c) => {
      c.capacityProviders![0]!.instanceType = 'm6g.large';
    }),
  },
  {
    change: 'changing the Auto Scaling group size',
    config: edited((c) => Object.assign(c.capacityProviders![0]!, { minSize: 2, maxSize: 6, desiredCapacity: 3 })),
  },
  {
    change: 'adding a service',
    config: edited((c) => {
      c.services!.push({ name: 'api', containerPort: 8080, desiredCount: 1 });
    }),
    adds: 'api',
  },
];

describe('Terraform addresses are stable', () => {
  let lab: SynthesizedApp;
  beforeAll(() => {
    lab = synthDefaultApp({});
  });

  test('the default app declares the reviewed addresses', () => {
    expect([...lab.stacks.keys()]).toEqual(['lab-account', 'lab-platform']);
    expect(addressList(lab.stacks)).toMatchSnapshot();
  });

  test("the seeds' lab written out in full is the same app as the empty configuration", () => {
    expect(synthDefaultApp(defaults()).stacks).toEqual(lab.stacks);
  });

  describe.each(CHANGES)('$change', ({ config, adds }) => {
    let changed: SynthesizedApp;
    beforeAll(() => {
      changed = synthDefaultApp(config);
    });

    test(adds ? "keeps every address, and adds only the new service's" : 'keeps every address and adds none', () => {
      const platform = terraformAddresses(lab.stacks.get('lab-platform')!);
      const after = terraformAddresses(changed.stacks.get('lab-platform')!);
      expect(platform.filter((a) => !after.includes(a))).toEqual([]);
      const added = after.filter((a) => !platform.includes(a));
      if (adds) {
        expect(added.length).toBeGreaterThan(0);
        expect(added.filter((a) => !a.includes(`-${adds}_`))).toEqual([]);
      } else {
        expect(added).toEqual([]);
      }
    });

    test('leaves the VPC, subnets, NAT gateways, routes and cluster exactly as they were', () => {
      const before = resourcesOfTypes(lab.stacks.get('lab-platform')!, NETWORK_AND_CLUSTER);
      expect(Object.keys(before)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^aws_vpc\./),
          expect.stringMatching(/^aws_subnet\./),
          expect.stringMatching(/^aws_nat_gateway\./),
          expect.stringMatching(/^aws_ecs_cluster\./),
        ]),
      );
      expect(resourcesOfTypes(changed.stacks.get('lab-platform')!, NETWORK_AND_CLUSTER)).toEqual(before);
    });

    test('leaves the account-settings stack exactly as it was', () => {
      expect(changed.stacks.get('lab-account')).toEqual(lab.stacks.get('lab-account'));
    });
  });
});
