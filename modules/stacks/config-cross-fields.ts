/**
 * The configuration's cross-field checks: rules that involve more than one key, or a key and what AWS
 * allows beyond its type (a bucket name, a certificate's region), each a named check that adds its
 * problems to the collector. They run after the schema, in this order, so that a bad file fails with
 * every problem before any construct is built.
 */
import { checkTags, closestMatches, describeValue, ProblemCollector } from '../core';
import type { AwsvpcConfig, ServiceConfig } from './config-schema';

/** Why S3 refuses `bucket` as a bucket name, or undefined ("General purpose bucket naming rules"). */
export function s3BucketNameProblem(bucket: string): string | undefined {
  if (bucket.length < 3 || bucket.length > 63) return `${bucket.length} characters (3 to 63)`;
  if (!/^[a-z0-9.-]+$/.test(bucket)) return 'characters other than lower-case letters, digits, dots and hyphens';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(bucket)) return 'it must begin and end with a letter or a digit';
  if (bucket.includes('..')) return 'two dots in a row';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bucket)) return 'it is written as an IP address';
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((p) => bucket.startsWith(p));
  if (prefix) return `the prefix "${prefix}" is reserved`;
  const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((s) => bucket.endsWith(s));
  if (suffix) return `the suffix "${suffix}" is reserved`;
  return undefined;
}

/** HCP Terraform organization and workspace names: letters, digits, `-` and `_`. */
const HCP_NAME = /^[A-Za-z0-9_-]+$/;
const MAX_HCP_WORKSPACE_NAME = 90;
const HOSTNAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d{1,5})?$/;
/** The region of an ACM certificate ARN. */
const ACM_REGION = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):/;

/**
 * Every cross-field check, in a fixed order (the order of the problems in the error).
 * @param rawAzCount `network.availabilityZoneCount` as written in the file (before defaults), undefined when absent
 */
export function checkConfigCrossFields(c: AwsvpcConfig, rawAzCount: unknown, problems: ProblemCollector): void {
  checkTags(c.tags, 'tags').forEach((p) => problems.add(p));
  checkAzCountAgreement(c, rawAzCount, problems);
  checkBackend(c, problems);
  checkCapacityProviders(c, problems);
  checkNamePrefixNotReserved(c, problems);
  checkServices(c, problems);
  checkFlowLogsJustified(c, problems);
  checkSubnetLists(c, problems);
  checkAvailabilityZoneRegion(c, problems);
}

/** `network.availabilityZoneCount`, when written, agrees with the zones `network.availabilityZones` lists. */
function checkAzCountAgreement(c: AwsvpcConfig, rawAzCount: unknown, problems: ProblemCollector): void {
  if (c.network.availabilityZones && typeof rawAzCount === 'number') {
    const n = c.network.availabilityZones.length;
    problems.check(rawAzCount === n, {
      code: 'CONFIG_AZ_COUNT_MISMATCH',
      path: 'network.availabilityZoneCount',
      received: `${rawAzCount} (network.availabilityZones lists ${n} zone${n === 1 ? '' : 's'})`,
      allowed: `the number of zones network.availabilityZones lists (${n}), or no availabilityZoneCount`,
      fix: `remove availabilityZoneCount (availabilityZones decides), or set it to ${n}`,
    });
  }
}

/** The state backend: an S3 bucket name S3 accepts and encryption on (or a reason); HCP names and host. */
function checkBackend(c: AwsvpcConfig, problems: ProblemCollector): void {
  const b = c.backend;
  if (b.type === 's3') {
    const why = s3BucketNameProblem(b.bucket);
    problems.check(why === undefined, () => ({
      code: 'CONFIG_S3_BUCKET_NAME_INVALID',
      path: 'backend.bucket',
      received: `${describeValue(b.bucket)}: ${why}`,
      allowed:
        '3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit, ' +
        'no "..", not an IP address, none of S3\'s reserved prefixes (xn--, sthree-, amzn-s3-demo-) and suffixes (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)',
      fix: 'name the bucket that holds the state as S3 spells it',
    }));
    if (!b.encrypt) {
      problems.check(b.encryptDisabledReason !== undefined, {
        code: 'CONFIG_STATE_UNENCRYPTED_UNJUSTIFIED',
        path: 'backend.encrypt',
        received: 'false',
        allowed: 'true, or false together with backend.encryptDisabledReason',
        fix: 'remove the key (encryption is on by default), or say why in backend.encryptDisabledReason',
      });
    }
  }
  if (b.type === 'hcp') {
    problems.check(HCP_NAME.test(b.organization), {
      code: 'CONFIG_HCP_NAME_INVALID',
      path: 'backend.organization',
      received: describeValue(b.organization),
      allowed: 'letters, digits, "-" and "_" (HCP Terraform\'s organization names)',
      fix: 'write the organization name as HCP Terraform shows it',
    });
    const workspace = `${b.workspacePrefix}-${c.namePrefix}-platform`;
    problems.check(HCP_NAME.test(b.workspacePrefix) && workspace.length <= MAX_HCP_WORKSPACE_NAME, {
      code: 'CONFIG_HCP_NAME_INVALID',
      path: 'backend.workspacePrefix',
      received: `${describeValue(b.workspacePrefix)} (workspace ${describeValue(workspace)}, ${workspace.length} characters)`,
      allowed: `letters, digits, "-" and "_", and workspace names <workspacePrefix>-<stack> of at most ${MAX_HCP_WORKSPACE_NAME} characters`,
      fix: 'use a shorter prefix of letters, digits, "-" and "_"',
    });
    problems.check(HOSTNAME.test(b.hostname), {
      code: 'CONFIG_HCP_HOSTNAME_INVALID',
      path: 'backend.hostname',
      received: describeValue(b.hostname),
      allowed: 'a host name such as app.terraform.io (optionally with :port), no scheme or path',
      fix: 'write the host name only',
    });
  }
}

/** CONFIG_DUPLICATE_NAME when an earlier `what` (capacity provider, service) already has `name`. */
function checkUniqueName(
  name: string,
  at: string,
  earlier: ReadonlySet<string>,
  what: string,
  problems: ProblemCollector,
): void {
  problems.check(!earlier.has(name), {
    code: 'CONFIG_DUPLICATE_NAME',
    path: `${at}.name`,
    received: describeValue(name),
    allowed: `a name no other ${what} uses`,
    fix: `give each ${what} its own name`,
  });
}

/** Capacity providers: unique names, minSize <= desiredCapacity <= maxSize, host-mode task roles with a reason. */
function checkCapacityProviders(c: AwsvpcConfig, problems: ProblemCollector): void {
  const seen = new Set<string>();
  c.capacityProviders.forEach((p, i) => {
    const at = `capacityProviders[${i}]`;
    checkUniqueName(p.name, at, seen, 'capacity provider', problems);
    seen.add(p.name);
    problems.check(p.minSize <= p.maxSize, {
      code: 'CONFIG_MIN_ABOVE_MAX',
      path: `${at}.minSize`,
      received: `${p.minSize} (maxSize is ${p.maxSize})`,
      allowed: `at most maxSize (${p.maxSize})`,
      fix: `lower minSize or raise maxSize to at least ${p.minSize}`,
    });
    if (p.desiredCapacity !== undefined) {
      problems.check(p.desiredCapacity >= p.minSize && p.desiredCapacity <= p.maxSize, {
        code: 'CONFIG_DESIRED_OUT_OF_RANGE',
        path: `${at}.desiredCapacity`,
        received: String(p.desiredCapacity),
        allowed: `from minSize (${p.minSize}) to maxSize (${p.maxSize})`,
        fix: 'move desiredCapacity into [minSize, maxSize] or remove it',
      });
    }
    if (p.taskIamRoleNetworkHost) {
      problems.check(p.taskIamRoleNetworkHostReason !== undefined, {
        code: 'CONFIG_TASK_ROLE_HOST_NETWORK_UNJUSTIFIED',
        path: `${at}.taskIamRoleNetworkHost`,
        received: 'true',
        allowed: 'false, or true together with taskIamRoleNetworkHostReason',
        fix:
          'say in taskIamRoleNetworkHostReason why host-mode tasks on these instances need task roles (they share ' +
          "the instance's network, instance metadata included), or remove the key and run host-mode services without ECS Exec",
      });
    }
  });
}

/** `namePrefix` does not start with a prefix ECS reserves for capacity provider names. */
function checkNamePrefixNotReserved(c: AwsvpcConfig, problems: ProblemCollector): void {
  const reserved = /^(aws|ecs|fargate)/i;
  problems.check(!reserved.test(c.namePrefix), {
    code: 'CONFIG_NAME_PREFIX_RESERVED',
    path: 'namePrefix',
    received: describeValue(c.namePrefix),
    allowed:
      'a prefix that does not start with "aws", "ecs" or "fargate" (ECS reserves them for capacity provider names)',
    fix: `put something before it, e.g. "app-${c.namePrefix}"`,
  });
}

/** Services: each checked by `checkServiceReferencesAndDefaults` and `checkServiceLoadBalancerAndScaling`. */
function checkServices(c: AwsvpcConfig, problems: ProblemCollector): void {
  const providerNames = c.capacityProviders.map((p) => p.name);
  const serviceNames = new Set<string>();
  c.services.forEach((s, i) => {
    checkServiceReferencesAndDefaults(s, `services[${i}]`, { providerNames, serviceNames }, problems);
    serviceNames.add(s.name);
    checkServiceLoadBalancerAndScaling(c, s, `services[${i}]`, problems);
  });
}

/**
 * One service: a name no earlier service uses, a capacity provider that exists, and a reason for each
 * weakened default (writable root file system without ECS Exec, host network mode).
 */
function checkServiceReferencesAndDefaults(
  s: ServiceConfig,
  at: string,
  known: { readonly providerNames: readonly string[]; readonly serviceNames: ReadonlySet<string> },
  problems: ProblemCollector,
): void {
  const { providerNames, serviceNames } = known;
  checkUniqueName(s.name, at, serviceNames, 'service', problems);
  if (s.capacityProvider !== undefined) {
    const near = closestMatches(s.capacityProvider, providerNames, 1);
    problems.check(providerNames.includes(s.capacityProvider), {
      code: 'CONFIG_UNKNOWN_CAPACITY_PROVIDER',
      path: `${at}.capacityProvider`,
      received: describeValue(s.capacityProvider),
      allowed: `one of ${providerNames.map((n) => JSON.stringify(n)).join(', ')}`,
      fix:
        near.length > 0
          ? `did you mean "${near[0]}"?`
          : 'name one of capacityProviders, or remove the key to use the first',
    });
  }
  if (s.readonlyRootFilesystem === false && !s.enableExecuteCommand) {
    problems.check(s.writableRootFilesystemReason !== undefined, {
      code: 'CONFIG_WRITABLE_ROOT_UNJUSTIFIED',
      path: `${at}.readonlyRootFilesystem`,
      received: 'false',
      allowed: 'true, or false together with writableRootFilesystemReason',
      fix: 'remove the key (read-only is the default), or say why in writableRootFilesystemReason',
    });
  }
  if (s.networkMode === 'host') {
    problems.check(s.hostNetworkModeReason !== undefined, {
      code: 'CONFIG_HOST_MODE_UNJUSTIFIED',
      path: `${at}.networkMode`,
      received: '"host"',
      allowed: '"awsvpc" or "bridge", or "host" together with hostNetworkModeReason',
      fix: 'use awsvpc (the default: each task gets its own ENI and cannot reach the instance role), or say why in hostNetworkModeReason',
    });
  }
}

/**
 * One service's load balancer (internet-facing only with TLS or a reason; a certificate of the app's
 * region) and auto scaling (minCapacity <= maxCapacity).
 */
function checkServiceLoadBalancerAndScaling(
  c: AwsvpcConfig,
  s: ServiceConfig,
  at: string,
  problems: ProblemCollector,
): void {
  const lb = s.loadBalancer;
  if (lb?.scheme === 'internet-facing' && lb.certificateArn === undefined) {
    problems.check(lb.withoutCertificateReason !== undefined, {
      code: 'CONFIG_PUBLIC_LOAD_BALANCER_WITHOUT_TLS',
      path: `${at}.loadBalancer.scheme`,
      received: '"internet-facing" without certificateArn',
      allowed:
        '"internal" (the default), or internet-facing with certificateArn (HTTPS/TLS) or withoutCertificateReason',
      fix: "set certificateArn to an ACM certificate of the app's region, use the internal scheme, or say why in withoutCertificateReason",
    });
  }
  const certRegion = lb?.certificateArn !== undefined ? ACM_REGION.exec(lb.certificateArn)?.[1] : undefined;
  if (certRegion !== undefined) {
    problems.check(certRegion === c.region, {
      code: 'CONFIG_CERTIFICATE_REGION',
      path: `${at}.loadBalancer.certificateArn`,
      received: `${describeValue(lb!.certificateArn)} (a certificate of ${certRegion})`,
      allowed: `an ACM certificate of the app's region ${c.region} (a load balancer only takes certificates of its own region)`,
      fix: `request or import the certificate in ${c.region}, or change region`,
    });
  }
  if (s.autoScaling) {
    problems.check(s.autoScaling.minCapacity <= s.autoScaling.maxCapacity, {
      code: 'CONFIG_MIN_ABOVE_MAX',
      path: `${at}.autoScaling.minCapacity`,
      received: `${s.autoScaling.minCapacity} (maxCapacity is ${s.autoScaling.maxCapacity})`,
      allowed: `at most maxCapacity (${s.autoScaling.maxCapacity})`,
      fix: 'lower minCapacity or raise maxCapacity',
    });
  }
}

/** Flow logs off only with a reason. */
function checkFlowLogsJustified(c: AwsvpcConfig, problems: ProblemCollector): void {
  if (!c.network.flowLogs) {
    problems.check(c.network.flowLogsDisabledReason !== undefined, {
      code: 'CONFIG_FLOW_LOGS_OFF_UNJUSTIFIED',
      path: 'network.flowLogs',
      received: 'false',
      allowed: 'true, or false together with network.flowLogsDisabledReason',
      fix: 'remove the key (flow logs are on by default), or say why in network.flowLogsDisabledReason',
    });
  }
}

/** Given subnet lists have one block per AZ. */
function checkSubnetLists(c: AwsvpcConfig, problems: ProblemCollector): void {
  const azCount = c.network.availabilityZones?.length ?? c.network.availabilityZoneCount;
  for (const key of ['publicSubnetCidrs', 'privateSubnetCidrs'] as const) {
    const list = c.network[key];
    if (list) {
      problems.check(list.length === azCount, {
        code: 'CONFIG_SUBNET_COUNT',
        path: `network.${key}`,
        received: `${list.length} blocks`,
        allowed: `one block per AZ (${azCount})`,
        fix: `list exactly ${azCount} CIDR blocks, or change availabilityZoneCount`,
      });
    }
  }
}

/** The zones named are zones of the configured region. */
function checkAvailabilityZoneRegion(c: AwsvpcConfig, problems: ProblemCollector): void {
  if (c.network.availabilityZones) {
    problems.check(
      c.network.availabilityZones.every((az) => az.startsWith(c.region)),
      {
        code: 'CONFIG_AZ_REGION',
        path: 'network.availabilityZones',
        received: describeValue(c.network.availabilityZones),
        allowed: `zones of the region ${c.region} (${c.region}a, ${c.region}b, ...)`,
        fix: 'name zones of the configured region, or change region',
      },
    );
  }
}
