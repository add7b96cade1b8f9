/**
 * The package as a consumer gets it: `npm run build` once, `npm pack` once (shared with
 * consumer-app.test.ts through test/support/packed-package.ts), the tarball unpacked into
 * a scratch project's node_modules (beside links to this repo's installed dependencies), then checked
 * from the outside: what the tarball holds, what each subpath loads, that the declarations type-check
 * through the exports map, and the `awsvpc-ecs` command.
 */
import { execFile, execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { PackedPackage, packedPackage } from '../support/packed-package';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

let scratch: string;
let installed: string; // <scratch>/node_modules/awsvpc-ecs, unpacked from the tarball
let packed: PackedPackage;
let files: string[];

beforeAll(() => {
  // Built and packed once per Jest run, shared with consumer-app.test.ts (test/support/packed-package.ts).
  packed = packedPackage();
  files = packed.files.map((f) => f.path).sort();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-ecs-pack-'));

  const modules = path.join(scratch, 'node_modules');
  fs.mkdirSync(modules);
  execFileSync('tar', ['-xzf', packed.tarball, '-C', scratch]);
  installed = path.join(modules, 'awsvpc-ecs');
  fs.renameSync(path.join(scratch, 'package'), installed);
  // The dependencies as npm would install them: this repo's own node_modules, linked entry by entry,
  // without the AWS SDK (a dev dependency here, for generating the ECS API types: consumers do not have it).
  for (const entry of fs.readdirSync(path.join(root, 'node_modules'))) {
    if (entry.startsWith('.') || entry === 'awsvpc-ecs' || entry === '@aws-sdk') continue;
    fs.symlinkSync(path.join(root, 'node_modules', entry), path.join(modules, entry));
  }
}, 120_000);

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe('npm pack', () => {
  test('holds the entry point, every exports target, the command and the CHANGELOG', () => {
    const targets = Object.values(pkg.exports as Record<string, string | Record<string, string>>)
      .flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)))
      .map((t) => t.replace(/^\.\//, ''));
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'CHANGELOG.md',
        'bin/awsvpc-ecs.js',
        'dist/modules/index.js',
        'dist/modules/index.d.ts',
        ...targets,
      ]),
    );
  });

  test('holds the README and the LICENSE', () => {
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE']));
  });

  test('holds the JavaScript and declarations of every library source, and nothing stale', () => {
    const sources = listFiles(path.join(root, 'modules'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => `dist/modules/${f.replace(/\.ts$/, '')}`);
    const built = (suffix: string) =>
      files.filter((f) => f.startsWith('dist/') && f.endsWith(suffix)).map((f) => f.slice(0, -suffix.length));
    expect(built('.d.ts').sort()).toEqual([...sources].sort());
    expect(built('.js').sort()).toEqual([...sources].sort());
  });

  test('holds only what a consumer needs: no sources, tests, other scripts, maps or build output', () => {
    const allowed =
      /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|bin\/awsvpc-ecs\.js|dist\/modules\/.+\.(js|d\.ts))$/;
    // The fast path (awsvpc-ecs synth-app): the bundler, the command and the patches, nothing else of scripts/.
    const fastPath = ['scripts/cdktf-patches.mjs', 'scripts/fast-synth.cjs', 'scripts/synth-app-command.cjs'];
    expect(files.filter((f) => !allowed.test(f))).toEqual(fastPath);
    const forbidden =
      /^(test|bench|examples|modules|docs|cdktf\.out|\.gen|node_modules)\/|^main\.ts$|\.map$|\.tsbuildinfo$|tsconfig|\.test\./;
    expect(files.filter((f) => forbidden.test(f))).toEqual([]);
  });
});

/** What a subpath loads: our modules and the packages, read from require.cache in a fresh process. */
interface LoadReport {
  readonly modules: string[];
  readonly packages: string[];
  readonly files: string[];
  readonly exports: string[];
}

async function load(request: string): Promise<LoadReport> {
  const script = `
    const m = require(${JSON.stringify(request)});
    const keys = Object.keys(require.cache);
    const ours = keys.filter((k) => k.includes('/awsvpc-ecs/dist/modules/')).map((k) => k.split('/awsvpc-ecs/dist/modules/')[1]);
    const modules = [...new Set(ours.filter((f) => f.includes('/')).map((f) => f.split('/')[0]))].sort();
    const packages = [...new Set(keys.filter((k) => k.includes('/node_modules/') && !k.includes('/awsvpc-ecs/')).map((k) => {
      const rest = k.split('/node_modules/').pop().split('/');
      return rest[0].startsWith('@') ? rest[0] + '/' + rest[1] : rest[0];
    }))].sort();
    console.log(JSON.stringify({ modules, packages, files: keys, exports: Object.keys(m).sort() }));
  `;
  const { stdout } = await run(process.execPath, ['-e', script], { cwd: scratch });
  return JSON.parse(stdout) as LoadReport;
}

/** Modules each module may load: itself and the layers below it (docs/design.md). */
const MAY_LOAD: Record<string, readonly string[]> = {
  core: [],
  capacity: ['core'],
  network: ['core', 'capacity'],
  security: ['core', 'capacity', 'network'],
  account: ['core', 'capacity'],
  compute: ['core', 'capacity', 'network', 'security', 'account'],
  service: ['core', 'capacity', 'network', 'security', 'account', 'compute'],
  policy: ['core'],
  diagram: ['core'],
  stacks: ['core', 'capacity', 'network', 'security', 'account', 'compute', 'service', 'policy', 'diagram'],
};

describe('the exports map', () => {
  let reports: Record<string, LoadReport>;

  beforeAll(async () => {
    const names = Object.keys(MAY_LOAD);
    const loaded = await Promise.all(names.map((m) => load(`awsvpc-ecs/${m}`)));
    reports = Object.fromEntries(names.map((m, i) => [m, loaded[i]!]));
  }, 60_000);

  test('gives every module a subpath', () => {
    expect(
      Object.keys(MAY_LOAD)
        .map((m) => `./${m}`)
        .sort(),
    ).toEqual(
      Object.keys(pkg.exports)
        .filter((k) => k !== '.' && k !== './package.json')
        .sort(),
    );
  });

  test.each(Object.entries(MAY_LOAD))('loads %s without the modules above it', (name, allowed) => {
    const report = reports[name]!;
    expect(report.modules).toContain(name);
    expect(report.modules.filter((m) => m !== name && !allowed.includes(m))).toEqual([]);
  });

  test.each(Object.keys(MAY_LOAD))('loads %s without Graphviz or the whole AWS provider', (name) => {
    const report = reports[name]!;
    expect(report.packages).not.toContain('@hpcc-js/wasm-graphviz');
    // The provider's root index loads every AWS resource: modules import one resource file at a time.
    expect(report.files.filter((f) => f.endsWith('/@cdktf/provider-aws/lib/index.js'))).toEqual([]);
  });

  test('loads network with only the network and core modules', () => {
    expect(reports.network!.modules).toEqual(['core', 'network']);
    expect(reports.network!.exports).toEqual(
      expect.arrayContaining(['Network', 'NatGatewayMode', 'planAddresses', 'ImportedNetwork']),
    );
  });

  test('exports core flat and every other module as a namespace from the package root', async () => {
    const report = await load('awsvpc-ecs');
    expect(report.exports).toEqual(
      expect.arrayContaining([
        'ValidationError',
        'ProblemCollector',
        'isUnresolved',
        ...Object.keys(MAY_LOAD).filter((m) => m !== 'core'),
      ]),
    );
    expect(report.modules).toEqual(Object.keys(MAY_LOAD).sort());
    expect(report.packages).not.toContain('@hpcc-js/wasm-graphviz');
  });

  test('keeps internal files private', async () => {
    await expect(load('awsvpc-ecs/dist/modules/network/network.js')).rejects.toThrow(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });

  const CONSUMER = [
    "import { App, TerraformStack } from 'cdktf';",
    "import { ValidationError, network, compute } from 'awsvpc-ecs';",
    "import { Network, NatGatewayMode } from 'awsvpc-ecs/network';",
    "import { EniCapacity } from 'awsvpc-ecs/capacity';",
    "import { EcsCluster } from 'awsvpc-ecs/compute';",
    "import type { Ec2ServiceProps } from 'awsvpc-ecs/service';",
    "import { PolicyPack } from 'awsvpc-ecs/policy';",
    "import { renderTopologySvg } from 'awsvpc-ecs/diagram';",
    "import { AccountSettings } from 'awsvpc-ecs/account';",
    "import type { ContainerSecurityGroupProps } from 'awsvpc-ecs/security';",
    '',
    "const stack = new TerraformStack(new App(), 'consumer');",
    "const net: network.Network = new Network(stack, 'network', { natGatewayMode: NatGatewayMode.SINGLE });",
    "const tasks: number = EniCapacity.forInstanceType('c5.large').maxTasksWithoutTrunking;",
    'const cluster: typeof compute.EcsCluster = EcsCluster;',
    'const svg: (json: unknown) => Promise<string> = renderTopologySvg;',
    'export type Props = [Ec2ServiceProps, ContainerSecurityGroupProps];',
    'export { net, tasks, cluster, svg, ValidationError, PolicyPack, AccountSettings };',
    '',
  ].join('\n');

  /**
   * The consumer without the package root and `stacks`: a team's app of constructs. The root re-exports
   * `stacks`, whose configuration schema's declarations refer to zod's, and zod 4's declarations
   * compile only with `esModuleInterop` (docs/packaging.md, "TypeScript settings").
   */
  const CONSTRUCTS_CONSUMER = CONSUMER.replace(
    "import { ValidationError, network, compute } from 'awsvpc-ecs';\n",
    "import { ValidationError } from 'awsvpc-ecs/core';\n",
  )
    .replace('const net: network.Network', 'const net: Network')
    .replace('typeof compute.EcsCluster', 'typeof EcsCluster');

  /** Type-checks `source` in the scratch project with these compiler options (strict); returns tsc's errors. */
  async function typeCheckConsumer(name: string, options: Record<string, unknown>, source = CONSUMER): Promise<string> {
    fs.writeFileSync(path.join(scratch, `${name}.ts`), source);
    const config = path.join(scratch, `tsconfig.${name}.json`);
    fs.writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: 'ES2022',
          noEmit: true,
          types: ['node'],
          skipLibCheck: true,
          ...options,
        },
        files: [`${name}.ts`],
      }),
    );
    const tsc = path.join(scratch, 'node_modules', 'typescript', 'bin', 'tsc');
    return run(process.execPath, [tsc, '-p', config], { cwd: scratch }).then(
      () => '',
      (e: { stdout: string }) => e.stdout,
    );
  }

  // skipLibCheck off: every declaration the package ships (and those of its dependencies) compiles,
  // strict, without the AWS SDK installed.
  test('serves type declarations through the exports map (node16 module resolution, skipLibCheck false)', async () => {
    expect(
      await typeCheckConsumer('node16', { module: 'node16', moduleResolution: 'node16', skipLibCheck: false }),
    ).toBe('');
  }, 120_000);

  // `cdktf init`'s tsconfig sets "module": "CommonJS" and no moduleResolution, i.e. node10, which
  // ignores "exports": subpath types then need "typesVersions" in package.json (docs/packaging.md).
  test('serves type declarations to a cdktf init project (node10 module resolution, skipLibCheck false)', async () => {
    expect(CONSTRUCTS_CONSUMER).not.toContain("from 'awsvpc-ecs';");
    expect(
      await typeCheckConsumer(
        'node10',
        { module: 'commonjs', moduleResolution: 'node10', skipLibCheck: false },
        CONSTRUCTS_CONSUMER,
      ),
    ).toBe('');
  }, 120_000);
});

describe('the awsvpc-ecs command', () => {
  function awsvpcEcs(...args: string[]) {
    return spawnSync(process.execPath, [path.join(installed, 'bin', 'awsvpc-ecs.js'), ...args], {
      cwd: scratch,
      encoding: 'utf8',
    });
  }

  test('prints the ENI facts of an instance type as a table and exits 0', () => {
    const result = awsvpcEcs('capacity', 'c5.large');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^instance type\s+arch\s+ENIs\s+IPv4\/ENI\s+tasks\s+trunked\s+trunking$/);
    // 3 ENIs, 10 addresses each: 2 tasks without trunking, 10 with.
    expect(lines[1]!.split(/\s+/)).toEqual(['c5.large', 'x86_64', '3', '10', '2', '10', 'supported']);
  });

  test('fails with 1 and suggests the nearest names for an unknown instance type', () => {
    const result = awsvpcEcs('capacity', 'c5.lrge');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('capacity: unknown instance type "c5.lrge"; did you mean c5.large');
  });

  test('fails with 2 and prints the usage when capacity gets no instance type', () => {
    const result = awsvpcEcs('capacity');
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('usage: awsvpc-ecs capacity');
  });

  test('fails with 2 and prints the usage without a command or with an unknown one', () => {
    const none = awsvpcEcs();
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('usage: awsvpc-ecs <command>');
    const unknown = awsvpcEcs('capacty');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('awsvpc-ecs: unknown command "capacty"');
  });

  test('prints the usage with --help and the version with --version', () => {
    expect(awsvpcEcs('--help')).toMatchObject({
      status: 0,
      stdout: expect.stringContaining('capacity <instance-type...>'),
    });
    expect(awsvpcEcs('--version')).toMatchObject({ status: 0, stdout: `${pkg.version}\n` });
  });

  test('loads neither cdktf nor the constructs to answer', async () => {
    const report = await load(path.join(installed, 'dist', 'modules', 'capacity', 'cli.js'));
    expect(report.packages).toEqual([]);
  });
});

function listFiles(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory() ? listFiles(path.join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`],
    );
}
