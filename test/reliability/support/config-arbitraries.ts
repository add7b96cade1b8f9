/**
 * fast-check arbitraries for awsvpc.config.json documents across the whole schema.
 *
 * Two kinds of documents, half and half:
 * - clean ones hold only values the schema accepts, and pass the loader's cross-field checks (so that
 *   many reach the constructs), in combinations that may still contradict each other (subnets that do
 *   not fit the VPC, more tasks than the instances can hold, Windows on Graviton, a load balancer in
 *   one AZ);
 * - noisy ones may hold any value wrong in the ways users get them wrong (a CIDR with host bits, an
 *   AZ count of 0, a typo in an instance type, min above max, a port of 0, a string for a number).
 *
 * Every key is optional: a document leaves a key out about as often as it sets it.
 */
import fc from 'fast-check';
import type { AwsvpcConfigInput } from '../../../modules/stacks';

/** Anything JSON can hold that no key of the schema accepts in that place. */
const junk = fc.constantFrom<unknown>(null, 'yes', -1, 2.5, [], {}, true);

/** A record whose keys are each present or absent. */
function partial(
  model: Record<string, fc.Arbitrary<unknown>>,
  requiredKeys: string[] = [],
): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

/** Instance types: known x86 ones, Graviton (arm64) ones and types the ENI table does not know. */
const INSTANCE_TYPES = {
  x86: ['c5.large', 'm5.xlarge', 't3.micro', 'm5.24xlarge', 'c5n.large', 'inf1.xlarge'],
  graviton: ['m6g.large', 'c7g.xlarge', 't4g.small', 'm7g.medium', 'a1.medium'],
  unknown: ['c9i.large', 'c9x.4xlarge', 'zz1.mega'],
  malformed: ['C5.LARGE', 'large', 'c5.', 'c5 large'],
};

/** How one document draws its values: `noisy` documents may hold wrong values, clean ones never. */
interface Draw {
  readonly noisy: boolean;
  /** `valid`; in a noisy document sometimes `invalid`, rarely junk of another type. */
  mostly(valid: fc.Arbitrary<unknown>, invalid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown>;
  /** Values that are valid but lead to contradictions elsewhere are drawn less often. */
  usually<T>(common: fc.Arbitrary<T>, rare: fc.Arbitrary<T>): fc.Arbitrary<T>;
  /** `valid`; in a noisy document sometimes `invalid` of the same type. */
  maybeInvalid<T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>): fc.Arbitrary<T>;
  /** The usual private ranges, random blocks (often with host bits set, or too big for a VPC), malformed text. */
  readonly cidrBlock: fc.Arbitrary<string>;
  /** Capacity provider names, as providers and services write them. */
  readonly providerName: fc.Arbitrary<string>;
}

function drawFor(noisy: boolean): Draw {
  const mostly = (valid: fc.Arbitrary<unknown>, invalid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    noisy
      ? fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: invalid, weight: 2 }, { arbitrary: junk, weight: 1 })
      : valid;
  const usually = <T>(common: fc.Arbitrary<T>, rare: fc.Arbitrary<T>): fc.Arbitrary<T> =>
    fc.oneof({ arbitrary: common, weight: 5 }, { arbitrary: rare, weight: 1 });
  const maybeInvalid = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>): fc.Arbitrary<T> =>
    noisy ? fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: invalid, weight: 1 }) : valid;

  const octet = maybeInvalid(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 256, max: 999 }));
  const cidrBlock = fc.oneof(
    { arbitrary: fc.constantFrom('10.0.0.0/16', '10.1.0.0/20', '172.16.0.0/16', '192.168.0.0/22'), weight: 6 },
    { arbitrary: fc.constantFrom('10.0.0.0/24', '10.0.0.0/28'), weight: 1 },
    {
      arbitrary: fc
        .tuple(
          octet,
          octet,
          octet,
          octet,
          maybeInvalid(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 33, max: 99 })),
        )
        .map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`),
      weight: noisy ? 3 : 1,
    },
    ...(noisy ? [{ arbitrary: fc.constantFrom('10.0.0.0', '10.0.0.0/16/1', 'fd00::/56', ''), weight: 1 }] : []),
  );

  const providerName = maybeInvalid(
    fc.constantFrom('linux', 'arm', 'win', 'spot-1'),
    fc.constantFrom('Linux', 'a-very-long-capacity-provider-name'),
  );
  return { noisy, mostly, usually, maybeInvalid, cidrBlock, providerName };
}

/** The `network` section. */
function networkSection(d: Draw): fc.Arbitrary<Record<string, unknown>> {
  const { noisy, mostly, usually, cidrBlock } = d;
  const network = partial({
    vpcCidr: cidrBlock,
    availabilityZoneCount: mostly(
      usually(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 6 })),
      fc.integer({ min: -1, max: 9 }),
    ),
    availabilityZones: fc.oneof(
      usually(
        fc.subarray(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d'], { minLength: 2 }),
        fc.constant<string[]>(['us-east-1c']),
      ),
      fc.constant(['eu-west-1a', 'eu-west-1b']),
      fc.constant(['us-east-1a', 'us-east-1a']),
      ...(noisy ? [fc.constant(['not-a-zone']), fc.constant([])] : []),
    ),
    publicSubnetCidrs: fc.oneof(fc.constant(['10.0.0.0/24', '10.0.1.0/24']), fc.array(cidrBlock, { maxLength: 4 })),
    privateSubnetCidrs: fc.oneof(
      fc.constant(['10.0.100.0/24', '10.0.0.128/25']),
      fc.array(cidrBlock, { maxLength: 4 }),
    ),
    natGatewayMode: mostly(fc.constantFrom('per-az', 'single', 'none'), fc.constantFrom('both', 'PER_AZ')),
    flowLogs: mostly(usually(fc.constant(true), fc.constant(false)), fc.constant('true')),
    flowLogsDisabledReason: mostly(fc.constant('a lab VPC that carries no production traffic'), fc.constant('lab')),
    flowLogRetentionDays: mostly(fc.constantFrom(1, 7, 90, 365, 3653), fc.constantFrom(0, 2, 10, 9999)),
    endpointServices: fc.subarray(
      noisy
        ? ['ecr.api', 'ecr.dkr', 's3', 'logs', 'ecs', 'ssm', 'ec2']
        : ['ecr.api', 'ecr.dkr', 's3', 'logs', 'ecs', 'ssm'],
    ),
  });
  return network;
}

/** The `account` section. */
function accountSection(d: Draw): fc.Arbitrary<Record<string, unknown>> {
  const { mostly } = d;
  const account = partial({
    enabled: fc.boolean(),
    awsvpcTrunking: fc.boolean(),
    containerInsights: mostly(fc.constantFrom('enabled', 'enhanced', 'disabled'), fc.constant('on')),
    dualStackIPv6: fc.boolean(),
    createServiceLinkedRole: fc.boolean(),
    preventDestroy: fc.boolean(),
  });
  return account;
}

/** One entry of `capacityProviders`. */
function capacityProviderEntry(d: Draw): fc.Arbitrary<Record<string, unknown>> {
  const { noisy, mostly, usually, providerName } = d;
  const instanceType = fc.oneof(
    { arbitrary: fc.constantFrom(...INSTANCE_TYPES.x86), weight: 4 },
    { arbitrary: fc.constantFrom(...INSTANCE_TYPES.graviton), weight: 3 },
    { arbitrary: fc.constantFrom(...INSTANCE_TYPES.unknown), weight: 2 },
    ...(noisy ? [{ arbitrary: fc.constantFrom(...INSTANCE_TYPES.malformed), weight: 1 }] : []),
  );
  const capacityProvider = partial(
    {
      name: providerName,
      instanceType,
      amiFamily: mostly(
        usually(fc.constantFrom('amazon-linux-2023', 'amazon-linux-2'), fc.constant('windows-server-2022-full')),
        fc.constant('ubuntu'),
      ),
      minSize: mostly(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -2, max: 2000 })),
      maxSize: mostly(fc.integer({ min: 1, max: 8 }), fc.integer({ min: -1, max: 2000 })),
      desiredCapacity: mostly(fc.integer({ min: 0, max: 8 }), fc.integer({ min: -1, max: 2000 })),
      managedScaling: fc.boolean(),
      targetCapacityPercent: mostly(fc.integer({ min: 1, max: 100 }), fc.constantFrom(0, 101)),
      managedTerminationProtection: usually(fc.constant(false), fc.constant(true)),
      detailedMonitoring: fc.boolean(),
    },
    noisy ? [] : ['name'],
  );
  return capacityProvider;
}

/** A service's `loadBalancer`, and its container port. */
function loadBalancerSection(d: Draw): {
  port: fc.Arbitrary<unknown>;
  loadBalancer: fc.Arbitrary<Record<string, unknown>>;
} {
  const { mostly, usually, cidrBlock } = d;
  const port = mostly(fc.constantFrom(80, 443, 8080, 22, 3000, 65535), fc.constantFrom(0, 65536, -80));

  const loadBalancer = partial({
    type: mostly(fc.constantFrom('application', 'network'), fc.constant('gateway')),
    scheme: mostly(fc.constantFrom('internet-facing', 'internal'), fc.constant('public')),
    listenerPort: mostly(usually(fc.constant(443), fc.constantFrom(80, 8080)), fc.constantFrom(0, 65536)),
    certificateArn: mostly(
      fc.constantFrom(
        'arn:aws:acm:us-east-1:123456789012:certificate/abc',
        'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
      ),
      fc.constant('arn:aws:iam::1:cert'),
    ),
    withoutCertificateReason: mostly(fc.constant('a lab without a domain name serves plain HTTP'), fc.constant('lab')),
    allowedCidrs: usually(
      fc.subarray(['10.0.0.0/16', '192.168.0.0/24', '203.0.113.0/24']),
      fc.array(cidrBlock, { maxLength: 3 }),
    ),
    // Terraform template syntax in free text is written as literal text.
    healthCheckPath: mostly(
      fc.constantFrom('/', '/health', '/health?x=${path.module}', '/%{if true}x'),
      fc.constant('health'),
    ),
  });
  return { port, loadBalancer };
}

/** A service's `autoScaling`. */
function autoScalingSection(d: Draw): fc.Arbitrary<Record<string, unknown>> {
  const { noisy, mostly } = d;
  const autoScaling = partial(
    {
      minCapacity: mostly(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -1, max: 6000 })),
      maxCapacity: mostly(fc.integer({ min: 1, max: 20 }), fc.integer({ min: -1, max: 6000 })),
      targetCpuUtilizationPercent: mostly(fc.integer({ min: 1, max: 100 }), fc.constantFrom(0, 150)),
      targetMemoryUtilizationPercent: mostly(fc.integer({ min: 1, max: 100 }), fc.constantFrom(0, 150)),
    },
    noisy ? [] : ['maxCapacity'],
  );
  return autoScaling;
}

/** One entry of `services`. */
function serviceEntry(d: Draw): fc.Arbitrary<Record<string, unknown>> {
  const { noisy, mostly, usually, maybeInvalid, providerName } = d;
  const { port, loadBalancer } = loadBalancerSection(d);
  const autoScaling = autoScalingSection(d);
  const service = partial(
    {
      name: maybeInvalid(fc.constantFrom('web', 'api', 'worker', 'nginx'), fc.constantFrom('Web', '1st')),
      // Mostly nginx: the default suppressions cover the seeds' image; others need `user`, or the
      // policy pack rejects them (a clean failure, but one that hides everything after the policy check).
      image: fc.oneof(
        { arbitrary: fc.constantFrom('public.ecr.aws/nginx/nginx:1.27', 'nginx:1.27'), weight: 6 },
        {
          arbitrary: fc.constantFrom('nginx:latest', 'ghcr.io/acme/api:2.1', `nginx@sha256:${'ab'.repeat(32)}`),
          weight: 1,
        },
        // Outside the reference grammar or over ECS's 255 characters.
        ...(noisy
          ? [
              {
                arbitrary: fc.constantFrom('', 'Nginx:1.27', 'nginx 1.27', '${var.image}', `nginx/${'a'.repeat(260)}`),
                weight: 1,
              },
            ]
          : []),
      ),
      containerPort: port,
      cpu: mostly(fc.constantFrom(128, 256, 512, 1024, 4096), fc.constantFrom(0, 100, 999999)),
      memoryMiB: mostly(fc.constantFrom(128, 512, 2048, 8192), fc.constantFrom(0, 4, 10 ** 7)),
      desiredCount: mostly(fc.integer({ min: 0, max: 12 }), fc.integer({ min: -1, max: 6000 })),
      networkMode: mostly(usually(fc.constant('awsvpc'), fc.constantFrom('host', 'bridge')), fc.constant('none')),
      hostNetworkModeReason: mostly(
        fc.constant('the exporter reads the instance network counters'),
        fc.constant('host'),
      ),
      capacityProvider: providerName,
      enableExecuteCommand: fc.boolean(),
      readonlyRootFilesystem: fc.boolean(),
      writableRootFilesystemReason: mostly(
        fc.constant('the image writes its cache to /var/cache'),
        fc.constant('because'),
      ),
      // Root in Docker's other spellings (00, 0:0, root:0) is a policy violation like root.
      user: mostly(
        usually(fc.constantFrom('101', 'nginx:nginx', '1000:1000'), fc.constantFrom('0:0', '00', 'root:0')),
        fc.constantFrom('root user', 'a:b:c'),
      ),
      environment: fc.oneof(
        fc.constant({}),
        fc.constant({ LOG_LEVEL: 'info' }),
        fc.constant({ DB_PASSWORD: 'x', GREETING: '${upper("hi")}' }),
        ...(noisy ? [fc.constant({ 'BAD-NAME': 'x' })] : []),
      ),
      loadBalancer,
      autoScaling,
      serviceDiscovery: fc.boolean(),
      maxHealthyPercent: mostly(usually(fc.constantFrom(150, 200), fc.constant(100)), fc.constantFrom(99, 500)),
      minHealthyPercent: mostly(fc.constantFrom(0, 50, 100), fc.constantFrom(-1, 101)),
    },
    noisy ? [] : ['name'],
  );
  return service;
}

/** The `backend` section: local, S3 or HCP Terraform. */
function backendSection(d: Draw): fc.Arbitrary<unknown> {
  const { mostly } = d;
  const backend = mostly(
    fc.oneof(
      fc.constant({ type: 'local' }),
      fc.constant({ type: 'local', path: 'state/{stack}.tfstate' }),
      partial(
        {
          type: fc.constant('s3'),
          bucket: fc.constant('team-state'),
          region: fc.constantFrom('us-east-1', 'eu-west-1'),
          keyPrefix: fc.constantFrom('awsvpc', 'state/${terraform.workspace}'),
          useLockfile: fc.boolean(),
          encrypt: fc.boolean(),
          encryptDisabledReason: fc.constant('the bucket encrypts every object by its own default'),
        },
        ['type', 'bucket'],
      ),
      fc.constant({ type: 'hcp', organization: 'acme' }),
    ),
    fc.constantFrom(
      { type: 's3' },
      { type: 'gcs', bucket: 'x' },
      { type: 's3', bucket: 'Team_State' },
      { type: 's3', bucket: 'xn--state' },
      { type: 'hcp', organization: 'acme corp' },
      { type: 'hcp', organization: 'acme', hostname: 'https://app.terraform.io' },
    ),
  );
  return backend;
}

function configDocuments(noisy: boolean): fc.Arbitrary<Record<string, unknown>> {
  const d = drawFor(noisy);
  const { mostly, usually } = d;
  const network = networkSection(d);
  const account = accountSection(d);
  const capacityProvider = capacityProviderEntry(d);
  const service = serviceEntry(d);
  const topLevel = {
    region: mostly(fc.constantFrom('us-east-1', 'eu-west-1'), fc.constantFrom('mars-1', 'us-east-1a')),
    namePrefix: mostly(
      fc.constantFrom('lab', 'prod', 'team-a'),
      fc.constantFrom('Lab', 'ecs-lab', 'a-prefix-that-is-far-too-long'),
    ),
    tags: fc.oneof(
      fc.constant({ Project: 'x' }),
      fc.constant({}),
      fc.constant({ 'team:owner': 'Zoë', 'cost/centre': 'a+b=c@d' }),
      // AWS's tag rules: the reserved prefix, more than 50 tags, characters it refuses (a template among them).
      ...(noisy
        ? [
            fc.constantFrom<Record<string, string>>(
              { '': 'empty key' },
              { 'aws:owner': 'x' },
              { Owner: '${file("/etc/hostname")}' },
              Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`T${i}`, 'x'])),
            ),
          ]
        : []),
    ),
    backend: backendSection(d),
    account,
    network,
    clusterName: mostly(fc.constantFrom('main', 'lab_cluster'), fc.constant('1-cluster')),
    containerInsights: fc.boolean(),
    capacityProviders: usually(
      fc.array(capacityProvider, { minLength: noisy ? 0 : 1, maxLength: 1 }),
      fc.array(capacityProvider, { minLength: 2, maxLength: 3 }),
    ),
    services: fc.array(service, { maxLength: 3 }),
    capacitySubnetSkew: mostly(fc.constantFrom(1, 1.5, 2), fc.constantFrom(0, 5)),
  };
  if (noisy) {
    return fc
      .tuple(partial(topLevel), fc.option(fc.constant({ vpcCidrs: '10.0.0.0/16' }), { freq: 10, nil: {} }))
      .map(([document, unknownKey]) => ({ ...document, ...unknownKey }));
  }
  // Clean documents also agree with themselves where the configuration loader checks it (unique
  // names, references to existing providers, sizes in order, one subnet per AZ, AZs of the region),
  // so that they reach the constructs, which check the rest (CIDRs that fit, capacity, ...).
  // One in six keep their subnet lists as drawn (mostly outside the VPC or overlapping).
  return fc
    .tuple(partial(topLevel), fc.integer({ min: 0, max: 5 }))
    .map(([document, dice]) => makeConsistent(document as AwsvpcConfigInput, { keepSubnetLists: dice === 0 }));
}

/**
 * Repairs what the configuration loader's cross-field checks would reject; unless `keepSubnetLists`,
 * also replaces drawn subnet lists by ones that fit the default VPC (or drops them for other VPCs).
 */
function makeConsistent(document: AwsvpcConfigInput, options: { keepSubnetLists: boolean }): Record<string, unknown> {
  const d = structuredClone(document);
  const providers = d.capacityProviders ?? [{ name: 'linux' }];
  d.capacityProviders = providers.filter((p, i) => providers.findIndex((q) => q.name === p.name) === i);
  for (const p of d.capacityProviders) {
    const min = p.minSize ?? 1;
    const max = p.maxSize ?? 2;
    if (min > max) [p.minSize, p.maxSize] = [max, min];
    if (p.desiredCapacity !== undefined)
      p.desiredCapacity = Math.min(Math.max(p.desiredCapacity, Math.min(min, max)), Math.max(min, max));
  }
  const names = d.capacityProviders.map((p) => p.name);
  if (d.services) {
    d.services = d.services.filter((s, i, all) => all.findIndex((t) => t.name === s.name) === i);
    for (const s of d.services) {
      if (s.capacityProvider !== undefined && !names.includes(s.capacityProvider))
        s.capacityProvider = names[names.length - 1];
      if (s.autoScaling && (s.autoScaling.minCapacity ?? 1) > s.autoScaling.maxCapacity)
        s.autoScaling.minCapacity = s.autoScaling.maxCapacity;
      if (s.readonlyRootFilesystem === false && !s.enableExecuteCommand && s.writableRootFilesystemReason === undefined)
        delete s.readonlyRootFilesystem;
      if (s.networkMode === 'host') s.hostNetworkModeReason ??= 'the exporter reads the instance network counters';
      const lb = s.loadBalancer;
      if (lb?.certificateArn)
        lb.certificateArn = lb.certificateArn.replace(/:acm:[a-z0-9-]+:/, `:acm:${d.region ?? 'us-east-1'}:`);
      if (lb?.scheme === 'internet-facing' && !lb.certificateArn)
        lb.withoutCertificateReason ??= 'a lab without a domain name serves plain HTTP';
    }
  }
  const region = d.region ?? 'us-east-1';
  if (d.backend?.type === 's3' && d.backend.encrypt === false)
    d.backend.encryptDisabledReason ??= 'the bucket encrypts every object by its own default';
  const n = d.network;
  if (n) {
    if (n.availabilityZones && n.availabilityZoneCount !== undefined)
      n.availabilityZoneCount = n.availabilityZones.length;
    if (n.flowLogs === false) n.flowLogsDisabledReason ??= 'a lab VPC that carries no production traffic';
    if (n.availabilityZones) n.availabilityZones = n.availabilityZones.map((az) => `${region}${az.slice(-1)}`);
    const azs = n.availabilityZones?.length ?? n.availabilityZoneCount ?? 2;
    const defaultVpc = n.vpcCidr === undefined || n.vpcCidr === '10.0.0.0/16';
    for (const [key, base] of [
      ['publicSubnetCidrs', 0],
      ['privateSubnetCidrs', 100],
    ] as const) {
      const drawn = n[key];
      if (!drawn) continue;
      if (options.keepSubnetLists) {
        n[key] = Array.from({ length: azs }, (_, i) => drawn[i] ?? `10.0.${base + i}.0/24`);
      } else if (defaultVpc) {
        n[key] = Array.from({ length: azs }, (_, i) => `10.0.${base + i}.0/24`);
      } else {
        delete n[key];
      }
    }
  }
  return d;
}

/** A whole configuration document, clean or noisy: every key of the schema, each present or absent. */
export const configDocument: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  configDocuments(false),
  configDocuments(true),
);

/**
 * The text of a configuration file: mostly the document as JSON, sometimes with what JSON.parse lets
 * through silently (a byte-order mark, which is accepted; a key given twice, a `__proto__` key, a
 * number beyond a double, which are refused).
 */
export const configText: fc.Arbitrary<string> = fc
  .tuple(configDocument, fc.constantFrom('plain', 'plain', 'plain', 'bom', 'duplicate', 'proto', 'huge'))
  .map(([document, form]) => {
    const text = JSON.stringify(document, null, 2);
    switch (form) {
      case 'bom':
        return `\uFEFF${text}`;
      case 'duplicate':
        return text.replace(/^\{/, '{\n  "namePrefix": "lab",\n  "namePrefix": "two",');
      case 'proto':
        return text.replace(/^\{/, '{\n  "tags": { "__proto__": { "Owner": "x" } },');
      case 'huge':
        return text.replace(/^\{/, '{\n  "capacitySubnetSkew": 1e400,');
      default:
        return text;
    }
  });

/** Clean documents only (for exploring the constructs' checks). */
export const cleanConfigDocument = configDocuments(false);
