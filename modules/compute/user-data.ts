/**
 * User data of ECS container instances (pure: no constructs).
 *
 * Linux: a shell script that appends the agent configuration to `/etc/ecs/ecs.config`. Windows: a
 * PowerShell block that sets extra agent variables and calls `Initialize-ECSAgent`. Both hard-wire
 * the settings that keep awsvpc tasks away from the instance's credentials (task IAM roles on, the
 * instance metadata service blocked for awsvpc tasks).
 *
 * `encodeUserData` renders the script to a literal base64 string at synth time whenever it holds no
 * token, so that the synthesized JSON (and a policy pack reading it) shows the real user data.
 */
import { Fn } from 'cdktf';
import { describeValue, isUnresolved, Problem } from '../core';

/** The agent settings every Linux container instance gets, in this order (ECS_CLUSTER comes first). */
export const FIXED_LINUX_ECS_CONFIG: readonly string[] = [
  'ECS_ENABLE_TASK_IAM_ROLE=true',
  'ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false',
  'ECS_AWSVPC_BLOCK_IMDS=true',
];

/** Keys the library sets itself; users cannot override them through extra lines. */
export const RESERVED_ECS_CONFIG_KEYS: readonly string[] = [
  'ECS_CLUSTER',
  'ECS_ENABLE_TASK_IAM_ROLE',
  'ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST',
  'ECS_AWSVPC_BLOCK_IMDS',
  'ECS_ENABLE_HIGH_DENSITY_ENI',
  'ECS_ENABLE_TASK_ENI',
  'ECS_DISABLE_PRIVILEGED',
  'ECS_ENABLE_SPOT_INSTANCE_DRAINING',
];

const KEY = /^[A-Z][A-Z0-9_]*$/;
// Printable characters only: no newline (which would end the line or the heredoc), no control bytes.
const VALUE = /^[\x20-\x7e]*$/;

export interface LinuxUserDataOptions {
  /** Cluster the instance joins (a literal or a token). */
  readonly clusterName: string;
  /** Whether the agent uses ENI trunking (`ECS_ENABLE_HIGH_DENSITY_ENI`). */
  readonly trunking: boolean;
  /**
   * Whether tasks may run privileged containers; when false the agent refuses them
   * (`ECS_DISABLE_PRIVILEGED=true`). @default false
   */
  readonly privilegedContainers?: boolean;
  /**
   * Whether host-mode tasks may have task IAM roles (`ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=true`).
   * @default false
   */
  readonly taskIamRoleNetworkHost?: boolean;
  /**
   * Whether the group may launch Spot instances: the agent drains an instance when its Spot
   * interruption notice arrives (`ECS_ENABLE_SPOT_INSTANCE_DRAINING=true`). @default false
   */
  readonly spotInstanceDraining?: boolean;
  /** Extra `KEY=value` lines for `/etc/ecs/ecs.config`, already validated. @default [] */
  readonly extraEcsConfig?: readonly string[];
}

export interface WindowsUserDataOptions {
  /** Cluster the instance joins (a literal or a token). */
  readonly clusterName: string;
  /** Extra `KEY=value` agent variables, set as machine environment variables. @default [] */
  readonly extraEcsConfig?: readonly string[];
  /** As `LinuxUserDataOptions.spotInstanceDraining`. @default false */
  readonly spotInstanceDraining?: boolean;
}

/**
 * Checks extra agent configuration lines: each `KEY=value` with an upper-case key, a printable
 * single-line value, no key given twice and none of the reserved keys. Token lines are skipped.
 */
export function validateEcsConfigLines(lines: readonly string[], path: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const at = `${path}[${i}]`;
    if (isUnresolved(line)) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    const value = eq < 0 ? '' : line.slice(eq + 1);
    if (eq < 0 || !KEY.test(key) || !VALUE.test(value)) {
      problems.push({
        code: 'COMPUTE_ECS_CONFIG_LINE_INVALID',
        path: at,
        received: describeValue(line),
        allowed:
          'one line KEY=value: KEY upper-case letters, digits and underscores starting with a letter; value printable ASCII without newlines',
        fix: 'Write one agent variable per entry, e.g. "ECS_IMAGE_PULL_BEHAVIOR=prefer-cached".',
      });
      return;
    }
    if (RESERVED_ECS_CONFIG_KEYS.includes(key)) {
      problems.push({
        code: 'COMPUTE_ECS_CONFIG_KEY_RESERVED',
        path: at,
        received: describeValue(line),
        allowed: `any key except ${RESERVED_ECS_CONFIG_KEYS.join(', ')}`,
        fix:
          key === 'ECS_ENABLE_HIGH_DENSITY_ENI'
            ? "Use the capacity provider's `trunking` prop instead."
            : key === 'ECS_DISABLE_PRIVILEGED'
              ? "Use the capacity provider's `privilegedContainers` prop instead."
              : key === SPOT_INSTANCE_DRAINING_KEY
                ? 'Remove the line: the library turns Spot draining on for every group that can launch Spot instances (mixedInstancesPolicy).'
                : 'Remove the line: the library sets this key itself (cluster name, task IAM roles, blocked instance metadata).',
      });
      return;
    }
    if (seen.has(key)) {
      problems.push({
        code: 'COMPUTE_ECS_CONFIG_KEY_DUPLICATE',
        path: at,
        received: describeValue(line),
        allowed: 'each key at most once',
        fix: `Remove the second ${key} line.`,
      });
    }
    seen.add(key);
  });
  return problems;
}

/** The agent setting that lets host-mode tasks have task IAM roles. */
/** The agent setting that drains a Spot instance when its interruption notice arrives. */
export const SPOT_INSTANCE_DRAINING_KEY = 'ECS_ENABLE_SPOT_INSTANCE_DRAINING';

export const TASK_IAM_ROLE_NETWORK_HOST_KEY = 'ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST';

/** The `/etc/ecs/ecs.config` lines of a Linux instance, in the order they are written. */
export function linuxEcsConfigLines(opts: LinuxUserDataOptions): string[] {
  // The fixed lines are the defaults; a capacity provider's explicit settings replace values by key.
  const settings: Record<string, string> = {
    [TASK_IAM_ROLE_NETWORK_HOST_KEY]: opts.taskIamRoleNetworkHost ? 'true' : 'false',
  };
  const fixed = FIXED_LINUX_ECS_CONFIG.map((line) => {
    const key = line.slice(0, line.indexOf('='));
    return key in settings ? `${key}=${settings[key]}` : line;
  });
  return [
    `ECS_CLUSTER=${opts.clusterName}`,
    ...fixed,
    `ECS_ENABLE_HIGH_DENSITY_ENI=${opts.trunking ? 'true' : 'false'}`,
    `ECS_DISABLE_PRIVILEGED=${opts.privilegedContainers ? 'false' : 'true'}`,
    ...(opts.spotInstanceDraining ? [`${SPOT_INSTANCE_DRAINING_KEY}=true`] : []),
    ...(opts.extraEcsConfig ?? []),
  ];
}

/** The Linux user data script (plain text). */
export function renderLinuxUserData(opts: LinuxUserDataOptions): string {
  return [
    '#!/bin/bash',
    '# ECS agent configuration (written by awsvpc-ecs).',
    'mkdir -p /etc/ecs',
    "cat <<'EOF' >> /etc/ecs/ecs.config",
    ...linuxEcsConfigLines(opts),
    'EOF',
    '',
  ].join('\n');
}

function psQuote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The Windows user data (PowerShell block, plain text). */
export function renderWindowsUserData(opts: WindowsUserDataOptions): string {
  const lines = [
    ...(opts.spotInstanceDraining ? [`${SPOT_INSTANCE_DRAINING_KEY}=true`] : []),
    ...(opts.extraEcsConfig ?? []),
  ];
  const env = lines.map((line) => {
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    const value = eq < 0 ? '' : line.slice(eq + 1);
    return `[Environment]::SetEnvironmentVariable(${psQuote(key)}, ${psQuote(value)}, 'Machine')`;
  });
  return [
    '<powershell>',
    '# ECS agent configuration (written by awsvpc-ecs).',
    'Import-Module ECSTools',
    ...env,
    `Initialize-ECSAgent -Cluster ${psQuote(opts.clusterName)} -EnableTaskIAMRole -EnableTaskENI -AwsvpcBlockIMDS`,
    '</powershell>',
    '',
  ].join('\n');
}

/**
 * Base64 of `script` for a launch template: a literal computed now when the script holds no token,
 * else a Terraform `base64encode(...)` expression.
 */
export function encodeUserData(script: string): string {
  if (isUnresolved(script)) return Fn.base64encode(script);
  return Buffer.from(script, 'utf8').toString('base64');
}
