import {
  buildCapacityReport,
  type ClusterBudgetInput,
  computeClusterBudget,
  computeSubnetBudget,
  renderCapacityReportJson,
  renderCapacityTable,
  subnetDemandOfCluster,
  type SubnetBudgetSubnet,
  TrunkingAccountSetting,
  trunkingPreflight,
} from './helpers';

const CLUSTER: ClusterBudgetInput = {
  capacityProviders: [
    { name: 'default', instanceType: 'c5.large', maxInstances: 4, trunking: true },
    { name: 'arm', instanceType: 'm6g.large', maxInstances: 2 },
    { name: 'fast', instanceType: 'c5n.large', maxInstances: 2, trunking: true },
  ],
  services: [
    { serviceName: 'api', desiredCount: 6, capacityProvider: 'default' },
    { serviceName: 'worker', desiredCount: 2, maximumPercent: 100, capacityProvider: 'arm' },
    { serviceName: 'edge', desiredCount: 1, capacityProvider: 'fast' },
  ],
};
const SUBNETS: SubnetBudgetSubnet[] = [
  { name: 'private-b', availabilityZone: 'us-east-1b', cidrBlock: '10.0.0.64/26' },
  { name: 'private-a', availabilityZone: 'us-east-1a', cidrBlock: '10.0.0.0/26' },
];

function report(cluster: ClusterBudgetInput = CLUSTER, subnets: SubnetBudgetSubnet[] = SUBNETS) {
  const budget = computeClusterBudget(cluster);
  const preflight = cluster.capacityProviders.flatMap((p) =>
    trunkingPreflight({
      capacityProvider: p.name,
      instanceType: p.instanceType,
      trunking: p.trunking ?? false,
      accountSetting: TrunkingAccountSetting.DECLARED_IN_APP,
    }),
  );
  return buildCapacityReport({
    name: 'platform',
    cluster: budget,
    subnets: computeSubnetBudget({ subnets, ...subnetDemandOfCluster(budget) }),
    diagnostics: preflight,
  });
}

describe('the capacity report', () => {
  test('holds every number of the budgets, sorted, with the worst status', () => {
    const r = report();
    expect(r.formatVersion).toBe(1);
    expect(r.name).toBe('platform');
    expect(r.status).toBe('error'); // the pre-flight's error on 'fast'
    expect(r.capacityProviders.map((p) => [p.capacityProvider, p.capacity, p.demand, p.headroom, p.status])).toEqual([
      ['arm', 4, 2, 0.5, 'ok'],
      ['default', 40, 12, 0.7, 'ok'],
      ['fast', 4, 2, 0.5, 'ok'],
    ]);
    expect(r.subnets.map((s) => [s.subnet, s.needed, s.usable, s.free])).toEqual([
      ['private-a', 14, 59, 45],
      ['private-b', 14, 59, 45],
    ]);
    expect(r.subnetSkew).toBe(1);
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['error CAPACITY_TRUNKING_UNSUPPORTED']);
    expect(r.sources.some((s) => s.includes('amazon-ecs-developer-guide'))).toBe(true);
  });

  test('is deterministic JSON: the order of the inputs does not matter, keys come in a fixed order', () => {
    const reversed: ClusterBudgetInput = {
      capacityProviders: [...CLUSTER.capacityProviders].reverse(),
      services: [...CLUSTER.services].reverse(),
    };
    const a = renderCapacityReportJson(report());
    expect(renderCapacityReportJson(report(reversed, [...SUBNETS].reverse()))).toBe(a);
    expect(Object.keys(JSON.parse(a))).toEqual([
      'formatVersion',
      'name',
      'status',
      'capacityProviders',
      'subnetSkew',
      'subnets',
      'diagnostics',
      'sources',
    ]);
    expect(a.endsWith('}\n')).toBe(true);
  });

  test('lists each diagnostic once, errors first', () => {
    const budget = computeClusterBudget({
      capacityProviders: [
        { name: 'x', instanceType: 'c9x.large', maxInstances: 1, trunking: true },
        { name: 'y', instanceType: 'c5.large', maxInstances: 1 },
      ],
      services: [
        { serviceName: 'a', desiredCount: 1, capacityProvider: 'x' },
        { serviceName: 'b', desiredCount: 5, capacityProvider: 'y' },
      ],
    });
    const preflight = trunkingPreflight({ capacityProvider: 'x', instanceType: 'c9x.large', trunking: true });
    const r = buildCapacityReport({ cluster: budget, diagnostics: [...preflight, ...preflight] });
    expect(r.name).toBeNull();
    expect(r.subnets).toEqual([]);
    expect(r.status).toBe('error');
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`)).toEqual([
      'error CAPACITY_ENI_OVERCOMMITTED capacityProviders["y"]',
      'warning CAPACITY_TRUNKING_ACCOUNT_SETTING capacityProviders["x"].trunking',
      'warning CAPACITY_UNKNOWN_INSTANCE_TYPE capacityProviders["x"].instanceType',
    ]);
    expect(r.capacityProviders[0]).toMatchObject({ capacity: null, minimumNetworkInterfaces: null, headroom: null });
  });

  test('prints a short fixed-width table', () => {
    expect(renderCapacityTable(report(), { diagnostics: false, services: false })).toBe(
      [
        'capacity provider  instance type  trunking          tasks w/o trunk  with trunk  instances  capacity  demand  headroom  status',
        'arm                m6g.large      off                             2          10          2         4       2       50%  ok',
        'default            c5.large       on                              2          10          4        40      12       70%  ok',
        'fast               c5n.large      on (unsupported)                2           -          2         4       2       50%  ok',
        '',
        'subnet     availability zone  cidr          addresses needed  usable  free  status',
        'private-a  us-east-1a         10.0.0.0/26                 14      59    45  ok',
        'private-b  us-east-1b         10.0.0.64/26                14      59    45  ok',
      ].join('\n'),
    );
    const withDiagnostics = renderCapacityTable(report()).split('\n');
    expect(withDiagnostics[withDiagnostics.length - 1]).toMatch(
      /^error CAPACITY_TRUNKING_UNSUPPORTED capacityProviders\["fast"\]\.instanceType: /,
    );
  });

  test('shows the daemon, the weighted strategy split and the Spot group (its smallest type) in the table', () => {
    const cluster: ClusterBudgetInput = {
      capacityProviders: [
        { name: 'on-demand', instanceType: 'c5.large', maxInstances: 4, trunking: true },
        {
          name: 'spot',
          instanceType: 'c5.xlarge',
          instanceTypes: ['c5.xlarge', 'm5.large'],
          spot: true,
          maxInstances: 3,
          trunking: true,
        },
      ],
      services: [
        { serviceName: 'log-agent', desiredCount: 0, daemon: true },
        {
          serviceName: 'worker',
          desiredCount: 8,
          maximumPercent: 100,
          capacityProviderStrategy: [
            { capacityProvider: 'on-demand', base: 2, weight: 1 },
            { capacityProvider: 'spot', weight: 2 },
          ],
        },
      ],
    };
    const table = renderCapacityTable(report(cluster), { diagnostics: false });
    const lines = table.split('\n');
    expect(lines[2]).toMatch(/^spot +m5\.large \(smallest of 2, Spot\) +on +2 +10 +3 +30 +7 +76% +ok$/);
    expect(lines).toContain(
      'spot: mixed instances (Spot) of c5.xlarge, m5.large; the ENI budget counts the smallest, m5.large (10 awsvpc tasks per instance)',
    );
    const services = lines.slice(lines.findIndex((l) => l.startsWith('capacity provider  service')));
    expect(services.slice(0, 5).map((l) => l.replace(/ +/g, ' '))).toEqual([
      'capacity provider service tasks at peak ENIs how counted',
      'on-demand log-agent (daemon) 4 4 daemon: 1 per instance x 4 instances',
      'on-demand worker 4 4 ceil(8 x 100%) = 8 -> 4 here (base 2, weight 1/3)',
      'spot log-agent (daemon) 3 3 daemon: 1 per instance x 3 instances',
      'spot worker 4 4 ceil(8 x 100%) = 8 -> 4 here (base 0, weight 2/3)',
    ]);
  });
});
