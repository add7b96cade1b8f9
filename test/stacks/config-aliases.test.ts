/**
 * Deprecated configuration keys (modules/stacks/config-aliases.ts): the file uses the constructs' prop
 * names; for one release each old key is read as its new key with a warning naming the old key, the
 * new key and the file, and giving both is an error.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  buildAwsvpcApp,
  DEPRECATED_CONFIG_KEYS,
  loadConfig,
  parseConfig,
  parseConfigText,
  synthesizeAtomically,
  type SynthWarning,
} from '../../modules/stacks';
import { configJsonSchema } from '../../modules/stacks/config-docs';

/** A valid value of each old key (other than its default, so that reading it shows). */
const SAMPLES: Record<string, unknown> = {
  azCount: 3,
  natGateways: 'single',
  endpoints: ['s3'],
  trunking: false,
  serviceLinkedRole: true,
  enableExec: true,
  minimumHealthyPercent: 50,
  maximumPercent: 150,
  minCount: 2,
  maxCount: 5,
  cpuTargetPercent: 60,
  memoryTargetPercent: 70,
};

/** A configuration that sets `key` to `value` in the object at `at` (with what that object needs besides). */
function documentWith(at: readonly string[], key: string, value: unknown): Record<string, unknown> {
  let inner: Record<string, unknown> = { [key]: value };
  if (at.at(-1) === 'autoScaling' && !/^max(Count|Capacity)$/.test(key)) inner = { maxCapacity: 9, ...inner };
  for (let i = at.length - 1; i >= 0; i--) {
    const segment = at[i]!;
    if (segment === '*') continue;
    const child = at[i + 1] === '*' ? [{ ...(segment === 'services' ? { name: 'web' } : {}), ...inner }] : inner;
    inner = { [segment]: child };
  }
  return inner;
}

function parsed(doc: unknown): { config: ReturnType<typeof parseConfig>; warnings: SynthWarning[] } {
  const warnings: SynthWarning[] = [];
  const config = parseConfig(doc, { name: 'team.json', onWarning: (w) => warnings.push(w) });
  return { config, warnings };
}

describe('a deprecated key', () => {
  test.each(DEPRECATED_CONFIG_KEYS.map((a) => [a.old, a.key, a] as const))(
    '%s is read as %s, with one warning naming both and the file',
    (old, key, alias) => {
      const viaOld = parsed(documentWith(alias.at, old, SAMPLES[old]));
      const viaNew = parsed(documentWith(alias.at, key, SAMPLES[old]));
      expect(viaOld.config).toEqual(viaNew.config);
      expect(viaNew.warnings).toEqual([]);
      expect(viaOld.warnings).toHaveLength(1);
      const [w] = viaOld.warnings;
      expect(w).toMatchObject({ code: 'CONFIG_KEY_DEPRECATED', constructPath: 'team.json', source: 'configuration' });
      expect(w!.message).toContain(`.${old} is deprecated: rename it to `);
      expect(w!.message).toContain(`.${key} (the name of ${alias.prop})`);
    },
  );

  test('every old key has a sample here, so none is left untested', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(DEPRECATED_CONFIG_KEYS.map((a) => a.old).sort());
  });

  test('is named with its full key path, in every list element that uses it', () => {
    const { config, warnings } = parsed({
      services: [
        { name: 'a', enableExec: true },
        { name: 'b', enableExecuteCommand: true, autoScaling: { minCount: 1, maxCount: 3 } },
      ],
    });
    expect(config.services.map((s) => s.enableExecuteCommand)).toEqual([true, true]);
    expect(config.services[1]!.autoScaling).toMatchObject({ minCapacity: 1, maxCapacity: 3 });
    expect(warnings.map((w) => w.message.split(' ')[0])).toEqual([
      'services[0].enableExec',
      'services[1].autoScaling.minCount',
      'services[1].autoScaling.maxCount',
    ]);
  });

  test('beside its new key is an error naming both, reported with the other problems of the file', () => {
    const warnings: SynthWarning[] = [];
    const parse = () =>
      parseConfig(
        { services: [{ name: 'web', enableExec: true, enableExecuteCommand: false, desiredCount: -1 }] },
        { name: 'team.json', onWarning: (w) => warnings.push(w) },
      );
    expect(parse).toThrowProblem(
      'CONFIG_KEY_DEPRECATED_AND_NEW',
      'services[0].enableExec: received both enableExec and enableExecuteCommand in team.json',
      'remove services[0].enableExec and keep services[0].enableExecuteCommand',
    );
    expect(parse).toThrowProblem('CONFIG_TOO_SMALL', 'services[0].desiredCount: received -1');
    expect(warnings).toEqual([]);
  });

  test('with a bad value is reported under the key the file holds', () => {
    expect(() => parseConfig({ services: [{ name: 'web', maximumPercent: 50 }] })).toThrowProblem(
      'CONFIG_TOO_SMALL',
      'services[0].maximumPercent: received 50',
    );
    expect(() =>
      parseConfig({ services: [{ name: 'web', autoScaling: { minCount: 4, maxCount: 2 } }] }),
    ).toThrowProblem('CONFIG_MIN_ABOVE_MAX', 'services[0].autoScaling.minCount: received 4 (maxCapacity is 2)');
  });

  test('misspelt, is answered with the new key', () => {
    expect(() => parseConfig({ network: { azcount: 2 } })).toThrowProblem(
      'CONFIG_UNKNOWN_KEY',
      'rename "azcount" to "availabilityZoneCount"',
    );
  });

  test('is printed on stdout when no one else takes the warning', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      parseConfigText('{ "account": { "trunking": true } }', 'awsvpc.config.json');
      expect(log.mock.calls).toEqual([
        [
          'warning: [CONFIG_KEY_DEPRECATED] awsvpc.config.json: account.trunking is deprecated: rename it to ' +
            'account.awsvpcTrunking (the name of AccountSettingsProps.awsvpcTrunking); the old key is accepted until the next release',
        ],
      ]);
    } finally {
      log.mockRestore();
    }
  });

  test('is in the published JSON Schema beside its new key, marked deprecated and without a default', () => {
    const network = (configJsonSchema().properties as Record<string, { properties: Record<string, unknown> }>).network!;
    expect(Object.keys(network.properties).slice(0, 3)).toEqual(['vpcCidr', 'availabilityZoneCount', 'azCount']);
    expect(network.properties.azCount).toMatchObject({ deprecated: true, type: 'integer', minimum: 1, maximum: 6 });
    expect(network.properties.azCount).not.toHaveProperty('default');
  });
});

describe('the default app with a deprecated key in its file', () => {
  const scratch: string[] = [];
  afterEach(() => scratch.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  function project(config: unknown): string {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-aliases-'));
    scratch.push(cwd);
    fs.writeFileSync(path.join(cwd, 'awsvpc.config.json'), JSON.stringify(config));
    return cwd;
  }

  test('prints the warning with the synth warnings and counts it', async () => {
    const cwd = project({ services: [{ name: 'nginx', enableExec: true }] });
    const { config, warnings } = loadConfig(cwd, {});
    expect(config.services[0]!.enableExecuteCommand).toBe(true);
    const lines: string[] = [];
    await synthesizeAtomically((app) => buildAwsvpcApp(app, config), {
      outdir: path.join(cwd, 'cdktf.out'),
      pictures: false,
      warnings,
      log: (line) => lines.push(line),
    });
    expect(lines).toContain(
      'warning: [CONFIG_KEY_DEPRECATED] awsvpc.config.json: services[0].enableExec is deprecated: rename it to ' +
        'services[0].enableExecuteCommand (the name of Ec2ServiceProps.enableExecuteCommand); the old key is accepted until the next release',
    );
    expect(lines.find((l) => /^\d+ warnings? \(/.test(l))).toMatch(/ \(1 from the configuration file, above/);
  });

  test('in strict mode fails the synth on it, and writes nothing', async () => {
    const cwd = project({ services: [{ name: 'nginx', enableExec: true }] });
    const { config, warnings } = loadConfig(cwd, {});
    const outdir = path.join(cwd, 'cdktf.out');
    await expect(
      synthesizeAtomically((app) => buildAwsvpcApp(app, config), { outdir, pictures: false, warnings, strict: true }),
    ).rejects.toThrow(/\[SYNTH_STRICT_WARNING\] awsvpc\.config\.json: received the warning \[CONFIG_KEY_DEPRECATED\]/);
    expect(fs.existsSync(outdir)).toBe(false);
  });
});
