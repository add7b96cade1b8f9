/** The named container checks, each on its own (checkContainerDefinitions runs them all: container-definitions.test.ts). */
import {
  checkContainerIdentity,
  checkContainerMemory,
  checkCpuTotal,
  checkDependencies,
  checkEssential,
  checkHostPortsUnique,
  checkPlatformSettings,
  checkPortMappings,
  NetworkMode,
  TaskOsFamily,
  type ContainerSpec,
} from '../../modules/service';

const LINUX_AWSVPC = { networkMode: NetworkMode.AWSVPC, osFamily: TaskOsFamily.LINUX };
const c = (overrides: Partial<ContainerSpec> = {}): ContainerSpec => ({
  name: 'web',
  image: 'nginx',
  memory: 512,
  ...overrides,
});
const codes = (problems: readonly { code: string }[]) => problems.map((p) => p.code);

describe('named container checks', () => {
  test('checkContainerIdentity records names and refuses repeats and bad images', () => {
    const names = new Map<string, number>();
    expect(checkContainerIdentity(c(), 0, 'cs', names)).toEqual([]);
    expect(codes(checkContainerIdentity(c({ image: 'Nginx:Latest' }), 1, 'cs', names))).toEqual([
      'SERVICE_CONTAINER_NAME_DUPLICATE',
      'SERVICE_CONTAINER_IMAGE_INVALID',
    ]);
    expect([...names.entries()]).toEqual([['web', 0]]);
  });

  test('checkContainerMemory needs a limit somewhere and the reservation below it', () => {
    expect(codes(checkContainerMemory(c({ memory: undefined }), 'c', LINUX_AWSVPC))).toEqual([
      'SERVICE_MEMORY_MISSING',
    ]);
    expect(checkContainerMemory(c({ memory: undefined }), 'c', { ...LINUX_AWSVPC, taskMemoryMiB: 512 })).toEqual([]);
    expect(codes(checkContainerMemory(c({ memoryReservation: 1024 }), 'c', LINUX_AWSVPC))).toEqual([
      'SERVICE_MEMORY_RESERVATION_ABOVE_LIMIT',
    ]);
  });

  test('checkPlatformSettings refuses links outside bridge mode and Linux settings on Windows', () => {
    expect(codes(checkPlatformSettings(c({ links: ['db'] }), 'c', LINUX_AWSVPC))).toEqual([
      'SERVICE_LINKS_UNSUPPORTED',
    ]);
    const windows = { networkMode: NetworkMode.AWSVPC, osFamily: TaskOsFamily.WINDOWS_SERVER_2022_CORE };
    expect(codes(checkPlatformSettings(c({ privileged: true }), 'c', windows))).toEqual(['SERVICE_LINUX_ONLY_SETTING']);
  });

  test('checkPortMappings shares the ledger across the containers of an awsvpc task', () => {
    const ledger = { taskPorts: [], hostPorts: [] };
    expect(checkPortMappings(c({ portMappings: [{ containerPort: 80 }] }), 'a', NetworkMode.AWSVPC, ledger)).toEqual(
      [],
    );
    expect(
      codes(checkPortMappings(c({ portMappings: [{ containerPort: 80 }] }), 'b', NetworkMode.AWSVPC, ledger)),
    ).toEqual(['SERVICE_CONTAINER_PORT_DUPLICATE']);
  });

  test('checkHostPortsUnique refuses a static host port used twice', () => {
    const port = { from: 8080, to: 8080, protocol: 'tcp' };
    expect(
      codes(
        checkHostPortsUnique([
          { ...port, where: 'a' },
          { ...port, where: 'b' },
        ]),
      ),
    ).toEqual(['SERVICE_HOST_PORT_DUPLICATE']);
  });

  test('checkEssential, checkDependencies and checkCpuTotal look at the task as a whole', () => {
    expect(codes(checkEssential([c({ essential: false })], 'cs'))).toEqual(['SERVICE_NO_ESSENTIAL_CONTAINER']);
    const deps = checkDependencies(
      [c({ dependsOn: [{ containerName: 'db', condition: 'START' }] })],
      'cs',
      new Map([['web', 0]]),
    );
    expect(codes(deps)).toEqual(['SERVICE_CONTAINER_DEPENDENCY_UNKNOWN']);
    expect(codes(checkCpuTotal([c({ cpu: 512 }), c({ cpu: 768 })], 'cs', 1024))).toEqual([
      'SERVICE_CONTAINER_CPU_ABOVE_TASK',
    ]);
    expect(checkCpuTotal([c({ cpu: 512 })], 'cs', undefined)).toEqual([]);
  });
});
