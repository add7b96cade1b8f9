import * as fc from 'fast-check';
import { Fn, Token } from 'cdktf';
import {
  encodeUserData,
  FIXED_LINUX_ECS_CONFIG,
  linuxEcsConfigLines,
  renderLinuxUserData,
  renderWindowsUserData,
  RESERVED_ECS_CONFIG_KEYS,
  validateEcsConfigLines,
} from '../../modules/compute';

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

describe('Linux user data', () => {
  test('appends ECS_CLUSTER, the task IAM role settings, the IMDS block and privileged mode off to /etc/ecs/ecs.config', () => {
    const script = renderLinuxUserData({ clusterName: 'seed', trunking: true });
    expect(script.split('\n')).toEqual([
      '#!/bin/bash',
      '# ECS agent configuration (written by awsvpc-ecs).',
      'mkdir -p /etc/ecs',
      "cat <<'EOF' >> /etc/ecs/ecs.config",
      'ECS_CLUSTER=seed',
      'ECS_ENABLE_TASK_IAM_ROLE=true',
      'ECS_ENABLE_TASK_IAM_ROLE_NETWORK_HOST=false',
      'ECS_AWSVPC_BLOCK_IMDS=true',
      'ECS_ENABLE_HIGH_DENSITY_ENI=true',
      'ECS_DISABLE_PRIVILEGED=true',
      'EOF',
      '',
    ]);
  });

  test("turns the agent's trunking off when trunking is false", () => {
    expect(linuxEcsConfigLines({ clusterName: 'seed', trunking: false })).toContain(
      'ECS_ENABLE_HIGH_DENSITY_ENI=false',
    );
  });

  test('lets the agent run privileged containers only when privilegedContainers is true', () => {
    expect(linuxEcsConfigLines({ clusterName: 'seed', trunking: true })).toContain('ECS_DISABLE_PRIVILEGED=true');
    expect(linuxEcsConfigLines({ clusterName: 'seed', trunking: true, privilegedContainers: false })).toContain(
      'ECS_DISABLE_PRIVILEGED=true',
    );
    const allowed = linuxEcsConfigLines({ clusterName: 'seed', trunking: true, privilegedContainers: true });
    expect(allowed).toContain('ECS_DISABLE_PRIVILEGED=false');
    expect(allowed).not.toContain('ECS_DISABLE_PRIVILEGED=true');
  });

  test("adds the user's lines after the fixed ones", () => {
    const lines = linuxEcsConfigLines({
      clusterName: 'seed',
      trunking: true,
      extraEcsConfig: ['ECS_IMAGE_PULL_BEHAVIOR=once', 'ECS_LOGLEVEL=debug'],
    });
    expect(lines.slice(0, 4)).toEqual(['ECS_CLUSTER=seed', ...FIXED_LINUX_ECS_CONFIG]);
    expect(lines.slice(-2)).toEqual(['ECS_IMAGE_PULL_BEHAVIOR=once', 'ECS_LOGLEVEL=debug']);
  });
});

describe('Windows user data', () => {
  test('initializes the agent with task IAM roles, task ENIs and the IMDS block', () => {
    const script = renderWindowsUserData({ clusterName: 'seed' });
    expect(script.split('\n')).toEqual([
      '<powershell>',
      '# ECS agent configuration (written by awsvpc-ecs).',
      'Import-Module ECSTools',
      "Initialize-ECSAgent -Cluster 'seed' -EnableTaskIAMRole -EnableTaskENI -AwsvpcBlockIMDS",
      '</powershell>',
      '',
    ]);
  });

  test('sets extra agent variables as machine environment variables before initializing, quoted', () => {
    const script = renderWindowsUserData({ clusterName: 'seed', extraEcsConfig: ["ECS_X=it's", 'ECS_Y=a=b'] });
    const lines = script.split('\n');
    const init = lines.findIndex((l) => l.startsWith('Initialize-ECSAgent'));
    expect(lines.indexOf("[Environment]::SetEnvironmentVariable('ECS_X', 'it''s', 'Machine')")).toBeGreaterThan(0);
    expect(lines.indexOf("[Environment]::SetEnvironmentVariable('ECS_Y', 'a=b', 'Machine')")).toBeLessThan(init);
  });
});

describe('encodeUserData', () => {
  test('renders a literal base64 string at synth time for a plain script', () => {
    const script = renderLinuxUserData({ clusterName: 'seed', trunking: true });
    const encoded = encodeUserData(script);
    expect(Token.isUnresolved(encoded)).toBe(false);
    expect(encoded).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decode(encoded)).toBe(script);
  });

  test("falls back to Terraform's base64encode when the script holds a token", () => {
    const encoded = encodeUserData(renderLinuxUserData({ clusterName: Fn.lower('SEED'), trunking: true }));
    expect(Token.isUnresolved(encoded)).toBe(true);
  });
});

describe('validateEcsConfigLines', () => {
  test('accepts KEY=value lines, including empty values and values with =', () => {
    expect(
      validateEcsConfigLines(
        ['ECS_LOGLEVEL=debug', 'ECS_RESERVED_MEMORY=256', 'ECS_INSTANCE_ATTRIBUTES={"a":"b=c"}', 'ECS_X='],
        'p',
      ),
    ).toEqual([]);
  });

  test.each([
    ['no equals sign', 'ECS_LOGLEVEL'],
    ['a lower-case key', 'ecs_loglevel=debug'],
    ['a key starting with a digit', '1ECS=x'],
    ['a newline in the value', 'ECS_LOGLEVEL=debug\nECS_CLUSTER=other'],
    ['a control character', 'ECS_LOGLEVEL=de\tbug'],
  ])('fails for %s', (_what, line) => {
    const [p, ...rest] = validateEcsConfigLines(['ECS_OK=1', line], 'Ec2CapacityProvider(linux).extraEcsConfig');
    expect(rest).toEqual([]);
    expect(p!.code).toBe('COMPUTE_ECS_CONFIG_LINE_INVALID');
    expect(p!.path).toBe('Ec2CapacityProvider(linux).extraEcsConfig[1]');
    expect(p!.allowed).toContain('KEY=value');
    expect(p!.fix).toContain('ECS_IMAGE_PULL_BEHAVIOR=prefer-cached');
  });

  test.each(RESERVED_ECS_CONFIG_KEYS)('refuses the reserved key %s', (key) => {
    const [p] = validateEcsConfigLines([`${key}=x`], 'p');
    expect(p!.code).toBe('COMPUTE_ECS_CONFIG_KEY_RESERVED');
    expect(p!.received).toContain(key);
    const fix = {
      ECS_ENABLE_HIGH_DENSITY_ENI: /`trunking` prop/,
      ECS_DISABLE_PRIVILEGED: /`privilegedContainers` prop/,
      ECS_ENABLE_SPOT_INSTANCE_DRAINING: /Spot draining on for every group that can launch Spot/,
    }[key];
    expect(p!.fix).toMatch(fix ?? /sets this key itself/);
  });

  test('refuses a key given twice', () => {
    const problems = validateEcsConfigLines(['ECS_LOGLEVEL=debug', 'ECS_LOGLEVEL=info'], 'p');
    expect(problems.map((x) => x.code)).toEqual(['COMPUTE_ECS_CONFIG_KEY_DUPLICATE']);
    expect(problems[0]!.fix).toContain('ECS_LOGLEVEL');
  });

  test('every valid line is accepted and lands verbatim on its own line of ecs.config', () => {
    const key = fc.stringMatching(/^ECS_[A-Z0-9_]{1,20}$/).filter((k) => !RESERVED_ECS_CONFIG_KEYS.includes(k));
    const value = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
    fc.assert(
      fc.property(key, value, (k, v) => {
        const line = `${k}=${v}`;
        expect(validateEcsConfigLines([line], 'p')).toEqual([]);
        const script = renderLinuxUserData({ clusterName: 'seed', trunking: true, extraEcsConfig: [line] });
        const lines = script.split('\n');
        expect(lines[lines.indexOf('EOF') - 1]).toBe(line);
      }),
    );
  });
});
