/** The default app's configuration loader (modules/stacks/config.ts), in process. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { keyPath, loadConfig, parseConfig } from '../../modules/stacks/config';
import { thrownValidationError } from '../support/problem-matcher';

const scratchDirs: string[] = [];
afterAll(() => scratchDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function scratch(files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-config-'));
  scratchDirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('keyPath', () => {
  test.each([
    [[], '(root)'],
    [['region'], 'region'],
    [['network', 'availabilityZoneCount'], 'network.availabilityZoneCount'],
    [['services', 0, 'loadBalancer', 'scheme'], 'services[0].loadBalancer.scheme'],
    [['capacityProviders', 1, 'name'], 'capacityProviders[1].name'],
    [['network', 'endpointServices', 2], 'network.endpointServices[2]'],
    [[0], '[0]'],
  ] as const)('renders %j as %s', (segments, expected) => {
    expect(keyPath(segments)).toBe(expected);
  });
});

describe('parseConfig defaults', () => {
  test("reproduce the seeds' lab", () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      region: 'us-east-1',
      namePrefix: 'lab',
      backend: { type: 'local' },
      account: { enabled: true, awsvpcTrunking: true, preventDestroy: true, createServiceLinkedRole: false },
      network: {
        vpcCidr: '10.0.0.0/16',
        availabilityZoneCount: 2,
        natGatewayMode: 'per-az',
        flowLogs: true,
        endpointServices: [],
      },
      containerInsights: true,
    });
    // The subnets are planned by the network layer (10.0.0.0/24, 10.0.1.0/24, 10.0.100.0/24, 10.0.101.0/24).
    expect(c.network.publicSubnetCidrs).toBeUndefined();
    expect(c.network.privateSubnetCidrs).toBeUndefined();
    expect(c.network.availabilityZones).toBeUndefined();
    expect(c.capacityProviders).toEqual([
      expect.objectContaining({
        name: 'linux',
        instanceType: 'c5.large',
        amiFamily: 'amazon-linux-2023',
        minSize: 1,
        maxSize: 2,
        managedScaling: true,
      }),
    ]);
    expect(c.capacityProviders[0]!.desiredCapacity).toBeUndefined();
    expect(c.services).toEqual([
      expect.objectContaining({
        name: 'nginx',
        image: expect.stringMatching(/(^|\/)nginx:[0-9.]+-alpine$/),
        containerPort: 80,
        memoryMiB: 512,
        desiredCount: 2,
        networkMode: 'awsvpc',
        enableExecuteCommand: true,
        loadBalancer: expect.objectContaining({ type: 'application', listenerPort: 80 }),
      }),
    ]);
    expect(c.services[0]!.capacityProvider).toBeUndefined();
  });

  test('fill in the keys a file leaves out (a service gets the service defaults)', () => {
    const c = parseConfig({ services: [{ name: 'web' }] });
    expect(c.services).toEqual([
      expect.objectContaining({
        name: 'web',
        containerPort: 80,
        cpu: 256,
        memoryMiB: 512,
        desiredCount: 2,
        networkMode: 'awsvpc',
        enableExecuteCommand: false,
      }),
    ]);
    expect(c.services[0]!.loadBalancer).toBeUndefined();
    expect(c.network.vpcCidr).toBe('10.0.0.0/16');
  });

  test('accept the $schema key that editors use', () => {
    expect(parseConfig({ $schema: './awsvpc.config.schema.json' }).region).toBe('us-east-1');
  });

  test('are a fixed point: parsing a parsed configuration changes nothing', () => {
    const arbitraryConfig = fc.record(
      {
        region: fc.constantFrom('us-east-1', 'eu-west-1', 'ap-southeast-2'),
        namePrefix: fc.constantFrom('lab', 'dev', 'prod-1'),
        network: fc.record(
          {
            availabilityZoneCount: fc.integer({ min: 1, max: 6 }),
            natGatewayMode: fc.constantFrom('per-az', 'single', 'none'),
            flowLogs: fc.constant(true),
            endpointServices: fc.subarray(['ecr.api', 'ecr.dkr', 's3', 'logs']),
          },
          { requiredKeys: [] },
        ),
        capacityProviders: fc.uniqueArray(
          fc.record(
            {
              name: fc.constantFrom('linux', 'big', 'arm'),
              minSize: fc.integer({ min: 0, max: 2 }),
              maxSize: fc.integer({ min: 2, max: 10 }),
            },
            { requiredKeys: ['name'] },
          ),
          { selector: (p) => p.name, minLength: 1, maxLength: 3 },
        ),
        services: fc.uniqueArray(
          fc.record(
            {
              name: fc.constantFrom('web', 'api', 'worker'),
              desiredCount: fc.integer({ min: 0, max: 10 }),
              enableExecuteCommand: fc.boolean(),
            },
            { requiredKeys: ['name'] },
          ),
          { selector: (s) => s.name, maxLength: 3 },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(arbitraryConfig, (raw) => {
        const once = parseConfig(raw);
        expect(parseConfig(JSON.parse(JSON.stringify(once)))).toEqual(once);
      }),
      { numRuns: 50 },
    );
  });
});

describe('parseConfig problems', () => {
  test('reports every problem of a file at once, one per key', () => {
    const e = thrownValidationError(() =>
      parseConfig({ regoin: 'eu-west-1', network: { availabilityZoneCount: 0 }, services: [{ name: 'Web' }] }),
    );
    expect(e.problems.map((p) => [p.code, p.path])).toEqual(
      expect.arrayContaining([
        ['CONFIG_UNKNOWN_KEY', 'regoin'],
        ['CONFIG_TOO_SMALL', 'network.availabilityZoneCount'],
        ['CONFIG_INVALID_FORMAT', 'services[0].name'],
      ]),
    );
    expect(e.problems).toHaveLength(3);
    expect(e.message.split('\n')).toHaveLength(3);
  });

  test('suggests the closest key for a typo, and removal for a key that is nothing like one', () => {
    const e = thrownValidationError(() => parseConfig({ regoin: 'eu-west-1', zzzzzz: true }));
    expect(e.problems.find((p) => p.path === 'regoin')).toMatchObject({
      code: 'CONFIG_UNKNOWN_KEY',
      received: '"eu-west-1"',
      fix: 'rename "regoin" to "region"',
    });
    expect(e.problems.find((p) => p.path === 'zzzzzz')).toMatchObject({
      code: 'CONFIG_UNKNOWN_KEY',
      fix: 'remove "zzzzzz"',
    });
    expect(e.problems[0]!.allowed).toContain('region, namePrefix');
  });

  test('lists the keys of the backend the type selects', () => {
    const e = thrownValidationError(() =>
      parseConfig({ backend: { type: 's3', bucket: 'my-state', keyprefix: 'lab' } }),
    );
    expect(e.problems).toEqual([
      expect.objectContaining({
        code: 'CONFIG_UNKNOWN_KEY',
        path: 'backend.keyprefix',
        fix: 'rename "keyprefix" to "keyPrefix"',
        allowed: expect.stringContaining('bucket, keyPrefix, region'),
      }),
    ]);
  });

  test('names the allowed backend types and the value received', () => {
    const e = thrownValidationError(() => parseConfig({ backend: { type: 'gcs' } }));
    expect(e.problems).toEqual([
      expect.objectContaining({
        code: 'CONFIG_INVALID_UNION',
        path: 'backend.type',
        received: '"gcs"',
        allowed: 'one of "local", "s3", "hcp"',
      }),
    ]);
  });

  test('names the allowed values of a union of literals', () => {
    const e = thrownValidationError(() => parseConfig({ execLogRetentionDays: 45 }));
    expect(e.problems).toEqual([
      expect.objectContaining({
        code: 'CONFIG_INVALID_UNION',
        path: 'execLogRetentionDays',
        received: '45',
        allowed: expect.stringMatching(/^one of 1, 3, 5, 7, 14, 30, .*, 3653$/),
      }),
    ]);
  });

  test('says a required key is missing', () => {
    const e = thrownValidationError(() => parseConfig({ services: [{ image: 'nginx' }] }));
    expect(e.problems).toEqual([
      expect.objectContaining({
        code: 'CONFIG_INVALID_TYPE',
        path: 'services[0].name',
        received: 'nothing (the key is required)',
      }),
    ]);
  });

  test('checks across fields once every value is well-formed', () => {
    const e = thrownValidationError(() =>
      parseConfig({
        capacityProviders: [{ name: 'linux', minSize: 3, maxSize: 2 }],
        services: [{ name: 'web', capacityProvider: 'linx' }, { name: 'web' }],
      }),
    );
    expect(e.problems.map((p) => [p.code, p.path])).toEqual([
      ['CONFIG_MIN_ABOVE_MAX', 'capacityProviders[0].minSize'],
      ['CONFIG_UNKNOWN_CAPACITY_PROVIDER', 'services[0].capacityProvider'],
      ['CONFIG_DUPLICATE_NAME', 'services[1].name'],
    ]);
    expect(e.problems[1]!.fix).toBe('did you mean "linux"?');
  });
});

describe('loadConfig', () => {
  test('uses the defaults when there is no file', () => {
    const loaded = loadConfig(scratch(), {});
    expect(loaded.file).toBeUndefined();
    expect(loaded.config).toEqual(parseConfig({}));
  });

  test('reads awsvpc.config.json in the folder', () => {
    const dir = scratch({ 'awsvpc.config.json': JSON.stringify({ namePrefix: 'dev' }) });
    const loaded = loadConfig(dir, {});
    expect(loaded.file).toBe(path.join(dir, 'awsvpc.config.json'));
    expect(loaded.config.namePrefix).toBe('dev');
  });

  test('reads the file AWSVPC_CONFIG names, relative to the folder, instead', () => {
    const dir = scratch({ 'awsvpc.config.json': '{"namePrefix":"dev"}', 'envs/prod.json': '{"namePrefix":"prod"}' });
    const loaded = loadConfig(dir, { AWSVPC_CONFIG: 'envs/prod.json' });
    expect(loaded.file).toBe(path.join(dir, 'envs', 'prod.json'));
    expect(loaded.config.namePrefix).toBe('prod');
  });

  test('fails when AWSVPC_CONFIG names a missing file', () => {
    const dir = scratch();
    const e = thrownValidationError(() => loadConfig(dir, { AWSVPC_CONFIG: 'envs/prod.json' }));
    expect(e).toMatchObject({ code: 'CONFIG_FILE_NOT_FOUND', path: 'AWSVPC_CONFIG', received: '"envs/prod.json"' });
    expect(e.fix).toContain(path.join(dir, 'envs', 'prod.json'));
  });

  test("fails on a file that is not JSON, with the parser's message", () => {
    const e = thrownValidationError(() =>
      loadConfig(scratch({ 'awsvpc.config.json': '{ "region": "us-east-1", }' }), {}),
    );
    expect(e).toMatchObject({ code: 'CONFIG_NOT_JSON', path: 'awsvpc.config.json', allowed: 'a JSON document' });
    expect(e.received).toMatch(/position \d+/);
  });

  test('validates the file it read', () => {
    const e = thrownValidationError(() =>
      loadConfig(scratch({ 'awsvpc.config.json': '{"network":{"availabilityZoneCount":7}}' }), {}),
    );
    expect(e).toMatchObject({
      code: 'CONFIG_TOO_BIG',
      path: 'network.availabilityZoneCount',
      received: '7',
      allowed: 'a number at most 6',
    });
  });
});
