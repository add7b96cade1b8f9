import * as fc from 'fast-check';
import type { Problem } from '../../modules/core';
import {
  checkContainerDefinitions,
  containerDefinitionsJson,
  NetworkMode,
  renderContainerDefinitions,
  TaskOsFamily,
  taskPorts,
  type ContainerCheckContext,
  type ContainerSpec,
} from '../../modules/service';
import { NGINX } from './fixtures';

const AWSVPC: ContainerCheckContext = { networkMode: NetworkMode.AWSVPC, osFamily: TaskOsFamily.LINUX };
const HOST: ContainerCheckContext = { networkMode: NetworkMode.HOST, osFamily: TaskOsFamily.LINUX };
const BRIDGE: ContainerCheckContext = { networkMode: NetworkMode.BRIDGE, osFamily: TaskOsFamily.LINUX };

function only(problems: Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  expect(problems.map((p) => p.code)).toContain(code);
  return found[0]!;
}

function text(p: Problem): string {
  return `${p.path} ${p.received} ${p.allowed} ${p.fix}`;
}

describe('container definitions: checks', () => {
  test("accept the seeds' nginx task in every mode", () => {
    expect(checkContainerDefinitions([NGINX], AWSVPC)).toEqual([]);
    expect(checkContainerDefinitions([NGINX], HOST)).toEqual([]);
    expect(checkContainerDefinitions([NGINX], BRIDGE)).toEqual([]);
  });

  test('fail when there is no container', () => {
    const p = only(checkContainerDefinitions([], AWSVPC), 'SERVICE_CONTAINERS_EMPTY');
    expect(text(p)).toContain('at least one container');
  });

  test('fail when a key is not in the ECS API, at any depth, and suggest the right one', () => {
    const problems = checkContainerDefinitions(
      [
        {
          ...NGINX,
          portMapping: [{ containerPort: 80 }],
          logConfiguration: { logDriver: 'awslogs', option: {} },
          linuxParameters: { initProcessEnable: true },
          portMappings: [{ containerPort: 80, hostport: 80 }],
        } as unknown as ContainerSpec,
      ],
      AWSVPC,
    ).filter((p) => p.code === 'SERVICE_CONTAINER_UNKNOWN_KEY');
    expect(problems.map((p) => p.path)).toEqual([
      'TaskDefinition.containers[0].portMappings[0].hostport',
      'TaskDefinition.containers[0].portMapping',
      'TaskDefinition.containers[0].logConfiguration.option',
      'TaskDefinition.containers[0].linuxParameters.initProcessEnable',
    ]);
    expect(problems[0]!.fix).toContain('did you mean "hostPort"?');
    expect(problems[1]!.fix).toContain('did you mean "portMappings"?');
    expect(problems[2]!.fix).toContain('"options"');
    expect(problems[3]!.fix).toContain('"initProcessEnabled"');
    expect(problems[1]!.fix).toContain('ECS ignores unknown keys silently');
  });

  test('fail when a container name is invalid or repeated', () => {
    const bad = only(
      checkContainerDefinitions([{ ...NGINX, name: 'web server' }], AWSVPC),
      'SERVICE_CONTAINER_NAME_INVALID',
    );
    expect(text(bad)).toContain('"web server"');
    const dup = only(
      checkContainerDefinitions([NGINX, { ...NGINX, portMappings: [{ containerPort: 81 }] }], AWSVPC),
      'SERVICE_CONTAINER_NAME_DUPLICATE',
    );
    expect(dup.path).toBe('TaskDefinition.containers[1].name');
    expect(dup.allowed).toContain('TaskDefinition.containers[0] is already "web"');
  });

  test('fail when the image is missing', () => {
    const p = only(checkContainerDefinitions([{ ...NGINX, image: ' ' }], AWSVPC), 'SERVICE_CONTAINER_IMAGE_MISSING');
    expect(p.path).toBe('TaskDefinition.containers[0].image');
  });
});

describe('container definitions: port checks', () => {
  test('fail when a hostPort differs from the containerPort in awsvpc or host mode', () => {
    const c = { ...NGINX, portMappings: [{ containerPort: 80, hostPort: 8080 }] };
    const p = only(checkContainerDefinitions([c], AWSVPC), 'SERVICE_HOST_PORT_MISMATCH');
    expect(p.path).toBe('TaskDefinition.containers[0].portMappings[0].hostPort');
    expect(p.received).toBe('8080 (containerPort is 80)');
    expect(p.fix).toContain('own ENI');
    expect(only(checkContainerDefinitions([c], HOST), 'SERVICE_HOST_PORT_MISMATCH').allowed).toContain('host mode');
    expect(checkContainerDefinitions([c], BRIDGE)).toEqual([]);
    expect(
      checkContainerDefinitions([{ ...NGINX, portMappings: [{ containerPort: 80, hostPort: 80 }] }], AWSVPC),
    ).toEqual([]);
  });

  test('fail when a container port is mapped twice in a task whose containers share a namespace', () => {
    const sidecar = { name: 'sidecar', image: 'envoy', memory: 128, portMappings: [{ containerPort: 80 }] };
    const p = only(checkContainerDefinitions([NGINX, sidecar], AWSVPC), 'SERVICE_CONTAINER_PORT_DUPLICATE');
    expect(p.path).toBe('TaskDefinition.containers[1].portMappings[0]');
    expect(p.received).toBe('80/tcp');
    expect(p.allowed).toContain('share one network namespace');
    expect(only(checkContainerDefinitions([NGINX, sidecar], HOST), 'SERVICE_CONTAINER_PORT_DUPLICATE')).toBeDefined();
    // Bridge: each container has its own namespace.
    expect(checkContainerDefinitions([NGINX, sidecar], BRIDGE)).toEqual([]);
    // One container, one port, two protocols: refused by ECS.
    const twice = { ...NGINX, portMappings: [{ containerPort: 53 }, { containerPort: 53, protocol: 'udp' as const }] };
    expect(only(checkContainerDefinitions([twice], BRIDGE), 'SERVICE_CONTAINER_PORT_DUPLICATE').allowed).toContain(
      'once per container',
    );
    // Ranges overlap ports.
    const range = { ...NGINX, name: 'r', portMappings: [{ containerPortRange: '70-90' }] };
    expect(only(checkContainerDefinitions([NGINX, range], AWSVPC), 'SERVICE_CONTAINER_PORT_DUPLICATE').received).toBe(
      '70-90/tcp',
    );
  });

  test('fail when a static host port repeats in bridge mode', () => {
    const a = { ...NGINX, portMappings: [{ containerPort: 80, hostPort: 8080 }] };
    const b = { ...NGINX, name: 'b', portMappings: [{ containerPort: 81, hostPort: 8080 }] };
    const p = only(checkContainerDefinitions([a, b], BRIDGE), 'SERVICE_HOST_PORT_DUPLICATE');
    expect(p.received).toBe('8080/tcp');
    expect(p.fix).toContain('0 for a dynamic one');
  });
});

describe('container definitions: essential, memory, links, port ranges, Windows and dependencies', () => {
  test('fail when no container is essential', () => {
    const p = only(
      checkContainerDefinitions([{ ...NGINX, essential: false }], AWSVPC),
      'SERVICE_NO_ESSENTIAL_CONTAINER',
    );
    expect(text(p)).toContain('at least one essential container');
  });

  test('fail when neither the container nor the task has memory', () => {
    const { memory: _m, ...noMemory } = NGINX;
    const p = only(checkContainerDefinitions([noMemory], AWSVPC), 'SERVICE_MEMORY_MISSING');
    expect(p.path).toBe('TaskDefinition.containers[0].memory');
    expect(p.fix).toContain('memoryMiB on the TaskDefinition');
    expect(checkContainerDefinitions([noMemory], { ...AWSVPC, taskMemoryMiB: 512 })).toEqual([]);
    expect(checkContainerDefinitions([{ ...noMemory, memoryReservation: 256 }], AWSVPC)).toEqual([]);
  });

  test('fail when memory values contradict each other or the task', () => {
    expect(
      only(
        checkContainerDefinitions([{ ...NGINX, memoryReservation: 1024 }], AWSVPC),
        'SERVICE_MEMORY_RESERVATION_ABOVE_LIMIT',
      ).received,
    ).toBe('1024 (memory is 512)');
    expect(
      only(checkContainerDefinitions([NGINX], { ...AWSVPC, taskMemoryMiB: 256 }), 'SERVICE_CONTAINER_MEMORY_ABOVE_TASK')
        .received,
    ).toBe('512 (task memory is 256)');
    expect(
      only(checkContainerDefinitions([{ ...NGINX, memory: 4 }], AWSVPC), 'SERVICE_CONTAINER_MEMORY_INVALID').allowed,
    ).toContain('at least 6');
    expect(
      only(
        checkContainerDefinitions(
          [
            { ...NGINX, cpu: 512 },
            { ...NGINX, name: 'b', cpu: 512, portMappings: [] },
          ],
          { ...AWSVPC, taskCpu: 768 },
        ),
        'SERVICE_CONTAINER_CPU_ABOVE_TASK',
      ).received,
    ).toBe('1024 CPU units in total (task cpu is 768)');
  });

  test('fail when links are used outside bridge mode', () => {
    const app = { ...NGINX, links: ['db'] };
    const db = { name: 'db', image: 'postgres', memory: 512 };
    const p = only(checkContainerDefinitions([app, db], AWSVPC), 'SERVICE_LINKS_UNSUPPORTED');
    expect(p.path).toBe('TaskDefinition.containers[0].links');
    expect(p.fix).toContain('localhost');
    expect(only(checkContainerDefinitions([app, db], HOST), 'SERVICE_LINKS_UNSUPPORTED').allowed).toContain(
      'host mode',
    );
    expect(checkContainerDefinitions([app, db], BRIDGE)).toEqual([]);
  });

  test('fail when port ranges are used in host mode', () => {
    const c = { ...NGINX, portMappings: [{ containerPortRange: '8000-8010' }] };
    const p = only(checkContainerDefinitions([c], HOST), 'SERVICE_PORT_RANGE_UNSUPPORTED');
    expect(p.path).toBe('TaskDefinition.containers[0].portMappings[0].containerPortRange');
    expect(p.allowed).toContain('awsvpc or bridge mode only');
    expect(checkContainerDefinitions([c], AWSVPC)).toEqual([]);
    expect(checkContainerDefinitions([c], BRIDGE)).toEqual([]);
  });

  test('fail when a port mapping is malformed', () => {
    const problems = checkContainerDefinitions(
      [
        {
          ...NGINX,
          portMappings: [
            {},
            { containerPort: 80, containerPortRange: '1-2' },
            { containerPort: 0 },
            { containerPortRange: '90-80' },
            { containerPortRange: '1000-1010', hostPort: 1000 },
            { containerPort: 443, protocol: 'TCP' as never },
          ],
        },
      ],
      AWSVPC,
    ).filter((p) => p.code === 'SERVICE_PORT_MAPPING_INVALID');
    expect(problems.map((p) => p.path)).toEqual([
      'TaskDefinition.containers[0].portMappings[0]',
      'TaskDefinition.containers[0].portMappings[1]',
      'TaskDefinition.containers[0].portMappings[2].containerPort',
      'TaskDefinition.containers[0].portMappings[3].containerPortRange',
      'TaskDefinition.containers[0].portMappings[4].hostPort',
      'TaskDefinition.containers[0].portMappings[5].protocol',
    ]);
    expect(problems[5]!.allowed).toContain('lower case');
  });

  test('fail when Linux-only settings are given to Windows containers', () => {
    const ctx = { ...AWSVPC, osFamily: TaskOsFamily.WINDOWS_SERVER_2022_CORE };
    const problems = checkContainerDefinitions(
      [{ ...NGINX, linuxParameters: { initProcessEnabled: true }, privileged: true }],
      ctx,
    );
    expect(problems.filter((p) => p.code === 'SERVICE_LINUX_ONLY_SETTING').map((p) => p.path)).toEqual([
      'TaskDefinition.containers[0].linuxParameters',
      'TaskDefinition.containers[0].privileged',
    ]);
  });

  test('fail when a dependency names no container of the task', () => {
    const p = only(
      checkContainerDefinitions([{ ...NGINX, dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] }], AWSVPC),
      'SERVICE_CONTAINER_DEPENDENCY_UNKNOWN',
    );
    expect(p.path).toBe('TaskDefinition.containers[0].dependsOn[0].containerName');
    expect(p.allowed).toContain('"web"');
  });

  test('a task whose distinct ports are each mapped once passes, and a repeated one never does', () => {
    const ports = fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(ports, fc.nat(), (list, pick) => {
        const containers: ContainerSpec[] = list.map((p, i) => ({
          name: `c${i}`,
          image: 'x',
          memory: 64,
          portMappings: [{ containerPort: p }],
        }));
        expect(checkContainerDefinitions(containers, AWSVPC)).toEqual([]);
        const repeated = [
          ...containers,
          { name: 'dup', image: 'x', memory: 64, portMappings: [{ containerPort: list[pick % list.length]! }] },
        ];
        expect(checkContainerDefinitions(repeated, AWSVPC).map((p) => p.code)).toEqual([
          'SERVICE_CONTAINER_PORT_DUPLICATE',
        ]);
      }),
    );
  });
});

describe('container definitions: serialization', () => {
  const log = { logDriver: 'awslogs' as const, options: { 'awslogs-group': '/ecs/web' } };

  test('spells out what ECS echoes back in awsvpc mode', () => {
    const [c] = renderContainerDefinitions([NGINX], {
      networkMode: NetworkMode.AWSVPC,
      osFamily: TaskOsFamily.LINUX,
      defaultLogConfiguration: log,
    });
    expect(c).toEqual({
      name: 'web',
      image: 'nginx',
      memory: 512,
      essential: true,
      portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
      logConfiguration: log,
    });
  });

  test("leaves bridge host ports dynamic and keeps the user's own log configuration", () => {
    const own = { logDriver: 'json-file' as const };
    const [c] = renderContainerDefinitions([{ ...NGINX, logConfiguration: own }], {
      networkMode: NetworkMode.BRIDGE,
      osFamily: TaskOsFamily.LINUX,
      defaultLogConfiguration: log,
    });
    expect(c!.portMappings).toEqual([{ containerPort: 80, protocol: 'tcp' }]);
    expect(c!.logConfiguration).toEqual(own);
  });

  test('drops undefined members at every level', () => {
    const [c] = renderContainerDefinitions(
      [{ ...NGINX, cpu: undefined, healthCheck: { command: ['CMD', 'true'], interval: undefined } }],
      { networkMode: NetworkMode.AWSVPC, osFamily: TaskOsFamily.LINUX },
    );
    expect(Object.keys(c!)).not.toContain('cpu');
    expect(c!.healthCheck).toEqual({ command: ['CMD', 'true'] });
    expect(JSON.parse(containerDefinitionsJson([c!]))[0].healthCheck).toEqual({ command: ['CMD', 'true'] });
  });

  test('turns on the init process for ECS Exec on Linux only', () => {
    const linux = renderContainerDefinitions([{ ...NGINX, linuxParameters: { sharedMemorySize: 64 } }], {
      networkMode: NetworkMode.AWSVPC,
      osFamily: TaskOsFamily.LINUX,
      initProcessEnabled: true,
    });
    expect(linux[0]!.linuxParameters).toEqual({ sharedMemorySize: 64, initProcessEnabled: true });
    const windows = renderContainerDefinitions([NGINX], {
      networkMode: NetworkMode.AWSVPC,
      osFamily: TaskOsFamily.WINDOWS_SERVER_2022_CORE,
      initProcessEnabled: true,
    });
    expect(windows[0]!.linuxParameters).toBeUndefined();
  });

  test('escapes Terraform template sequences in literal text', () => {
    const json = containerDefinitionsJson([{ ...NGINX, command: ['sh', '-c', 'echo ${HOME} %{x}'] }]);
    expect(JSON.parse(json)[0].command[2]).toBe('echo $${HOME} %%{x}');
  });

  test("lists the task's ports with their host ports", () => {
    const containers = [
      {
        ...NGINX,
        portMappings: [
          { containerPort: 80, hostPort: 8080 },
          { containerPort: 53, protocol: 'udp' as const },
        ],
      },
    ];
    expect(taskPorts(containers, NetworkMode.BRIDGE)).toEqual([
      { containerName: 'web', containerPort: 80, protocol: 'tcp', hostPort: 8080 },
      { containerName: 'web', containerPort: 53, protocol: 'udp', hostPort: 0 },
    ]);
    expect(taskPorts([NGINX], NetworkMode.AWSVPC)[0]!.hostPort).toBe(80);
  });

  test('rendering any valid awsvpc task gives hostPort = containerPort and passes the checks again', () => {
    const ports = fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(ports, (list) => {
        const containers: ContainerSpec[] = [
          { name: 'a', image: 'x', memory: 64, portMappings: list.map((containerPort) => ({ containerPort })) },
        ];
        const rendered = renderContainerDefinitions(containers, {
          networkMode: NetworkMode.AWSVPC,
          osFamily: TaskOsFamily.LINUX,
        });
        for (const pm of rendered[0]!.portMappings!) expect(pm.hostPort).toBe(pm.containerPort);
        expect(checkContainerDefinitions(rendered as ContainerSpec[], AWSVPC)).toEqual([]);
      }),
    );
  });
});
