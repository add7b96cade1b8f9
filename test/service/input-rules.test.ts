/**
 * Input AWS would reject, refused when the constructs are built (so every app built from them gets the
 * checks, not only the default app): image references, host ports the ECS agent reserves, tasks
 * larger than an instance, privileged
 * containers on capacity that refuses them; and the warning for secrets in plain environment variables.
 */
import { EcrRepository } from '@cdktf/provider-aws/lib/ecr-repository';
import { instanceResourceCeiling } from '../../modules/capacity';
import {
  AGENT_RESERVED_PORTS,
  Ec2Service,
  imageReferenceProblem,
  NetworkMode,
  secretLikeEnvironment,
  TaskDefinition,
  TaskOsFamily,
} from '../../modules/service';
import { thrownProblems } from '../support/problem-matcher';
import { newTestStack } from '../support/synth';
import { cluster, linuxProvider, NGINX, warningsOf, windowsProvider } from './fixtures';
import { webService } from './ec2-service-fixture';

const newTask = (props: Partial<ConstructorParameters<typeof TaskDefinition>[2]> = {}) => {
  const { stack } = newTestStack();
  return { stack, build: () => new TaskDefinition(stack, 'task', { family: 'web', containers: [NGINX], ...props }) };
};

describe('image references', () => {
  test.each([
    'nginx',
    'nginx:1.27',
    'public.ecr.aws/nginx/nginx:1.27',
    '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/api:2.1.0',
    'localhost:5000/app',
    'registry.example.com:443/a/b/c:v1-rc.2',
    'mcr.microsoft.com/windows/servercore/iis',
    `nginx@sha256:${'a'.repeat(64)}`,
    `ghcr.io/acme/api:2.1@sha256:${'0f'.repeat(32)}`,
    'my_org/my__app',
    'a-b--c/d',
  ])('accepts %s', (image) => {
    expect(imageReferenceProblem(image)).toBeUndefined();
    expect(newTask({ containers: [{ ...NGINX, image }] }).build).not.toThrow();
  });

  test.each([
    ['upper-case letters in the repository', 'Nginx:1.27', 'upper-case'],
    ['white space', 'nginx 1.27', 'white space'],
    ['a Terraform interpolation', '${file("/etc/hostname")}', 'grammar'],
    ['an empty tag', 'nginx:', 'grammar'],
    ['a scheme', 'https://registry.example.com/app', 'grammar'],
    ['a short digest', 'nginx@sha256:abc', 'grammar'],
    ['256 characters', `registry.example.com/${'a'.repeat(232)}:v1`, '256 characters (ECS takes at most 255)'],
  ])('refuses %s', (_what, image, why) => {
    expect(image.length > 255 || imageReferenceProblem(image) !== undefined).toBe(true);
    expect(newTask({ containers: [{ ...NGINX, image }] }).build).toThrowProblem(
      'SERVICE_CONTAINER_IMAGE_INVALID',
      'TaskDefinition.containers[0].image',
      JSON.stringify(image).slice(0, 40),
      why,
      'repository in lower case',
    );
  });

  test('skips images only known at apply time', () => {
    const { stack, build } = newTask();
    const repo = new EcrRepository(stack, 'repo', { name: 'api' });
    expect(
      () =>
        new TaskDefinition(stack, 'task2', {
          family: 'api',
          containers: [{ ...NGINX, image: `${repo.repositoryUrl}:1.0` }],
        }),
    ).not.toThrow();
    expect(build).not.toThrow();
  });
});

describe('host ports the ECS agent reserves', () => {
  test.each(AGENT_RESERVED_PORTS.map((port) => [port]))('refuses %i as a host-mode container port', (port) => {
    expect(
      newTask({ networkMode: NetworkMode.HOST, containers: [{ ...NGINX, portMappings: [{ containerPort: port }] }] })
        .build,
    ).toThrowProblem(
      'SERVICE_HOST_PORT_RESERVED',
      'TaskDefinition.containers[0].portMappings[0].containerPort',
      `received ${port} as a host port in host mode`,
      '22, 2375, 2376, 51678, 51679, 51680',
      'NetworkMode.AWSVPC',
    );
  });

  test('refuses a reserved static host port in bridge mode, but not a reserved container port behind a dynamic one', () => {
    expect(
      newTask({
        networkMode: NetworkMode.BRIDGE,
        containers: [{ ...NGINX, portMappings: [{ containerPort: 80, hostPort: 51678 }] }],
      }).build,
    ).toThrowProblem(
      'SERVICE_HOST_PORT_RESERVED',
      'portMappings[0].hostPort',
      'received 51678 as a host port in bridge mode',
      'dynamic',
    );
    expect(
      newTask({ networkMode: NetworkMode.BRIDGE, containers: [{ ...NGINX, portMappings: [{ containerPort: 22 }] }] })
        .build,
    ).not.toThrow();
    expect(
      newTask({
        networkMode: NetworkMode.BRIDGE,
        containers: [{ ...NGINX, portMappings: [{ containerPort: 22, hostPort: 0 }] }],
      }).build,
    ).not.toThrow();
  });

  test('lets awsvpc tasks use any port (each task has its own ENI)', () => {
    expect(
      newTask({ containers: [{ ...NGINX, portMappings: [{ containerPort: 22 }, { containerPort: 2375 }] }] }).build,
    ).not.toThrow();
  });
});

describe("task size against the capacity provider's instance type", () => {
  function service(task: { cpu?: number; memoryMiB?: number }, instanceType = 'c5.large', windows = false) {
    const { stack } = newTestStack();
    const provider = windows ? windowsProvider({ instanceType }) : linuxProvider({ instanceType });
    const td = new TaskDefinition(stack, 'task', {
      family: 'web',
      containers: [windows ? { ...NGINX, image: 'mcr.microsoft.com/windows/servercore/iis', cpu: 256 } : NGINX],
      ...task,
      ...(windows ? { osFamily: TaskOsFamily.WINDOWS_SERVER_2022_FULL } : {}),
    });
    return () =>
      new Ec2Service(stack, 'web', {
        cluster: cluster({ capacityProviders: [provider] }),
        taskDefinition: td,
        serviceName: 'web',
        capacityProvider: provider,
      });
  }

  test('refuses more CPU than a c5.large registers (2 vCPUs)', () => {
    expect(service({ cpu: 4096, memoryMiB: 1024 })).toThrowProblem(
      'SERVICE_TASK_CPU_ABOVE_INSTANCE',
      'TaskDefinition.cpu',
      '4096 CPU units on "demo-linux" (c5.large: at most 2 vCPUs)',
      'at most 2048 CPU units',
      'larger instance type',
    );
  });

  test('refuses more memory than a c5.large has (4 GiB) and than a t3.micro has (1 GiB)', () => {
    expect(service({ memoryMiB: 8192 })).toThrowProblem(
      'SERVICE_TASK_MEMORY_ABOVE_INSTANCE',
      'TaskDefinition.memoryMiB',
      '8192 MiB',
      'c5.large',
    );
    expect(service({ memoryMiB: 2048 }, 't3.micro')).toThrowProblem(
      'SERVICE_TASK_MEMORY_ABOVE_INSTANCE',
      'at most 1024 MiB',
    );
  });

  test('accepts what fits, and sizes the name does not bound (metal, unknown families)', () => {
    expect(service({ cpu: 2048, memoryMiB: 3072 })).not.toThrow();
    expect(service({ cpu: 8192, memoryMiB: 60000 }, 'm5.4xlarge')).not.toThrow();
    expect(service({ cpu: 16384, memoryMiB: 500000 }, 'm5.metal')).not.toThrow();
    expect(service({ cpu: 4096, memoryMiB: 500000 }, 'u-6tb1.56xlarge')).not.toThrow();
  });

  test('does not judge Windows tasks by task-level size (Windows ignores it)', () => {
    expect(service({ cpu: 8192, memoryMiB: 65536 }, 'm5.large', true)).not.toThrow();
  });

  test("the ceilings never fall below what real types have (spot checks against EC2's published sizes)", () => {
    const published: [string, number, number][] = [
      ['c5.large', 2, 4096],
      ['c5n.large', 2, 5376],
      ['m5.xlarge', 4, 16384],
      ['r5.2xlarge', 8, 65536],
      ['x1e.xlarge', 4, 124928],
      ['t3.nano', 2, 512],
      ['t2.micro', 1, 1024],
      ['t3.2xlarge', 8, 32768],
      ['m6g.medium', 1, 4096],
      ['p2.xlarge', 4, 62464],
      ['z1d.large', 2, 16384],
      ['i3.large', 2, 15616],
      ['c6gn.16xlarge', 64, 131072],
      ['g4dn.xlarge', 4, 16384],
    ];
    for (const [type, vcpus, memoryMiB] of published) {
      const ceiling = instanceResourceCeiling(type);
      expect({ type, vcpus: ceiling.vcpus! >= vcpus, memory: ceiling.memoryMiB! >= memoryMiB }).toEqual({
        type,
        vcpus: true,
        memory: true,
      });
    }
  });
});

describe('privileged containers', () => {
  test('fail on a capacity provider whose instances refuse them (ECS_DISABLE_PRIVILEGED=true)', () => {
    const { stack } = newTestStack();
    const provider = linuxProvider({ privilegedContainers: false });
    const td = new TaskDefinition(stack, 'task', { family: 'web', containers: [{ ...NGINX, privileged: true }] });
    expect(() => webService(stack, td, { cluster: cluster({ capacityProviders: [provider] }) })).toThrowProblem(
      'SERVICE_PRIVILEGED_NOT_ALLOWED',
      'Ec2Service.capacityProvider',
      'privileged container(s) "web"',
      'ECS_DISABLE_PRIVILEGED=true',
      'privilegedContainers: true',
    );
  });

  test('run on one that allows them, and are not judged on imported capacity (not known)', () => {
    for (const privilegedContainers of [true, undefined]) {
      const { stack } = newTestStack();
      const provider = linuxProvider({ privilegedContainers });
      const td = new TaskDefinition(stack, 'task', { family: 'web', containers: [{ ...NGINX, privileged: true }] });
      expect(() => webService(stack, td, { cluster: cluster({ capacityProviders: [provider] }) })).not.toThrow();
    }
  });
});

describe('environment variables that look like secrets', () => {
  test('warn, naming the variable and pointing to secrets', () => {
    const { stack } = newTestStack();
    const td = new TaskDefinition(stack, 'task', {
      family: 'web',
      containers: [
        {
          ...NGINX,
          environment: [
            { name: 'DB_PASSWORD', value: 'x' },
            { name: 'CLIENT_SECRET_VALUE', value: 'x' },
            { name: 'GITHUB_TOKEN', value: 'x' },
            { name: 'AWS_SECRET_ACCESS_KEY', value: 'x' },
            { name: 'AWS_ACCESS_KEY_ID', value: 'x' },
            { name: 'UPLOAD_KEY', value: 'AKIAIOSFODNN7EXAMPLE' },
            { name: 'LOG_LEVEL', value: 'info' },
            { name: 'TOKENIZER_MODEL', value: 'x' },
          ],
        },
      ],
    });
    const warnings = warningsOf(td).filter((w) => w.startsWith('[SERVICE_ENV_LOOKS_SECRET]'));
    expect(warnings.map((w) => /variable (\w+)/.exec(w)![1])).toEqual([
      'DB_PASSWORD',
      'CLIENT_SECRET_VALUE',
      'GITHUB_TOKEN',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_ACCESS_KEY_ID',
      'UPLOAD_KEY',
    ]);
    expect(warnings[0]).toContain('`secrets`');
    expect(warnings[5]).toContain('its value is an AWS access key id');
  });

  test('say nothing for plain settings', () => {
    expect(
      secretLikeEnvironment([
        {
          ...NGINX,
          environment: [
            { name: 'PORT', value: '80' },
            { name: 'SECRETS_PATH_PREFIX_X', value: 'a' },
          ],
        },
      ]),
    ).toEqual([{ containerName: 'web', name: 'SECRETS_PATH_PREFIX_X', because: 'its name looks like a secret' }]);
    expect(
      secretLikeEnvironment([
        {
          ...NGINX,
          environment: [
            { name: 'PORT', value: '80' },
            { name: 'PASSWORD_POLICY_URL', value: 'a' },
          ],
        },
      ]),
    ).toEqual([]);
  });
});

describe('tags on the constructs', () => {
  test('a task definition refuses tags AWS would refuse', () => {
    const problems = thrownProblems(newTask({ tags: { 'aws:owner': 'me', Team: 'a#b' } }).build);
    expect(problems.map((p) => [p.code, p.path])).toEqual([
      ['CORE_TAG_KEY_RESERVED', 'TaskDefinition.tags["aws:owner"]'],
      ['CORE_TAG_VALUE_INVALID', 'TaskDefinition.tags["Team"]'],
    ]);
  });
});
