/** The container definitions of synthesized stacks match the ECS API's model (see ecs-shape.ts). */
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import type { ICluster } from '../../modules/compute/compute-ref';
import { ContainerSecret, Ec2Service, NetworkMode, TaskDefinition, type ContainerSpec } from '../../modules/service';
import { newTestStack, synthToDir, type TerraformJson } from '../support/synth';
import {
  containerDefinitionShapeProblems,
  containerDefinitionsOf,
  ecsSchemas as ecs,
  mismatches,
  shapeOf,
} from './ecs-shape';
import { cluster, linuxProvider, NGINX, windowsProvider } from './fixtures';
import { iisService } from './ec2-service-fixture';

/** A stack with the task definitions of every option the library offers. */
function representativeStack(): TerraformJson {
  const { app, stack } = newTestStack();
  const scope = new Construct(stack, 'apps');
  const c = cluster({ capacityProviders: [linuxProvider(), windowsProvider()] });
  const withLogs = {
    ...c,
    execLogGroup: new CloudwatchLogGroup(stack, 'exec', { name: '/aws/ecs/demo/exec' }),
  } as ICluster;

  const nginx = new TaskDefinition(scope, 'nginx', { family: 'nginx', containers: [NGINX] });
  new Ec2Service(scope, 'nginx-svc', {
    cluster: withLogs,
    taskDefinition: nginx,
    serviceName: 'nginx',
    desiredCount: 2,
    enableExecuteCommand: true,
    loadBalancer: {},
  });

  const rich: ContainerSpec = {
    name: 'api',
    image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.0',
    cpu: 256,
    memory: 1024,
    memoryReservation: 512,
    essential: true,
    command: ['serve', '--port', '8080'],
    entryPoint: ['/bin/app'],
    workingDirectory: '/srv',
    environment: [
      { name: 'MODE', value: 'prod' },
      { name: 'TEMPLATE', value: 'hello ${name}' },
    ],
    secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf' }],
    portMappings: [
      { containerPort: 8080, name: 'http', appProtocol: 'http' },
      { containerPortRange: '9000-9010', protocol: 'udp' },
    ],
    healthCheck: {
      command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'],
      interval: 30,
      timeout: 5,
      retries: 3,
      startPeriod: 10,
    },
    ulimits: [{ name: 'nofile', softLimit: 65536, hardLimit: 65536 }],
    linuxParameters: { capabilities: { drop: ['NET_RAW'] }, tmpfs: [{ containerPath: '/tmp', size: 64 }] },
    dockerLabels: { team: 'platform' },
    stopTimeout: 30,
    user: '1000',
    readonlyRootFilesystem: true,
    dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }],
    systemControls: [{ namespace: 'net.core.somaxconn', value: '1024' }],
  };
  const init: ContainerSpec = {
    name: 'init',
    image: 'busybox',
    memory: 32,
    essential: false,
    command: ['true'],
    logConfiguration: { logDriver: 'json-file', options: { 'max-size': '10m' } },
  };
  const api = new TaskDefinition(scope, 'api', { family: 'api', containers: [rich, init], cpu: 512, memoryMiB: 2048 });
  new Ec2Service(scope, 'api-svc', { cluster: c, taskDefinition: api, serviceName: 'api', enableExecuteCommand: true });

  // Maps, typed secrets, environment files and volumes, rendered as the API's lists.
  const storage = new TaskDefinition(scope, 'storage', {
    family: 'storage',
    volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-0123456789abcdef0' } }],
    containers: [
      {
        ...NGINX,
        environment: { MODE: 'prod' },
        environmentFiles: [{ value: 'arn:aws:s3:::config-bucket/app.env' }],
        secrets: {
          DB: ContainerSecret.fromSecretsManager('arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf', {
            jsonKey: 'password',
          }),
          KEY: ContainerSecret.fromSsmParameter('/app/key'),
        },
        mountPoints: [{ sourceVolume: 'data', containerPath: '/data', readOnly: true }],
      },
    ],
  });
  new Ec2Service(scope, 'storage-svc', { cluster: c, taskDefinition: storage, serviceName: 'storage' });

  const bridge = new TaskDefinition(scope, 'bridge', {
    family: 'bridge',
    networkMode: NetworkMode.BRIDGE,
    containers: [
      { ...NGINX, links: ['db'], portMappings: [{ containerPort: 80, hostPort: 0 }] },
      { name: 'db', image: 'postgres', memory: 512 },
    ],
  });
  new Ec2Service(scope, 'bridge-svc', { cluster: c, taskDefinition: bridge, serviceName: 'bridge', loadBalancer: {} });

  const host = new TaskDefinition(scope, 'host', {
    family: 'host',
    networkMode: NetworkMode.HOST,
    containers: [NGINX],
  });
  new Ec2Service(scope, 'host-svc', { cluster: c, taskDefinition: host, serviceName: 'host', desiredCount: 2 });

  iisService(scope, c, { enableExecuteCommand: true });
  return synthToDir(app).json;
}

describe('container definitions in synthesized stacks', () => {
  test('the SDK exports its schema objects from the CommonJS entry', () => {
    const schema = shapeOf(ecs.ContainerDefinition$);
    expect(schema).toMatchObject({ kind: 'struct', name: 'ContainerDefinition' });
    expect((schema as { members: Map<string, unknown> }).members.has('portMappings')).toBe(true);
  });

  test('the walker catches unknown keys, wrong types and missing required members', () => {
    expect(mismatches({ name: 'x', portMapping: [] }, ecs.ContainerDefinition$, 'c')).toEqual([
      'c.portMapping: not a member of ContainerDefinition',
    ]);
    expect(mismatches({ memory: '512' }, ecs.ContainerDefinition$, 'c')).toEqual([
      'c.memory: expected a number, got "512"',
    ]);
    expect(mismatches({ portMappings: [{ containerPort: 80, hostport: 80 }] }, ecs.ContainerDefinition$, 'c')).toEqual([
      'c.portMappings[0].hostport: not a member of PortMapping',
    ]);
    expect(mismatches({ logConfiguration: { options: { a: 1 } } }, ecs.ContainerDefinition$, 'c')).toEqual([
      'c.logConfiguration.options.a: expected a string, got 1',
      'c.logConfiguration.logDriver: required by LogConfiguration',
    ]);
    expect(mismatches({ linuxParameters: { initProcessEnabled: 'yes' } }, ecs.ContainerDefinition$, 'c')).toEqual([
      'c.linuxParameters.initProcessEnabled: expected a boolean, got "yes"',
    ]);
  });

  test("match the ECS API's ContainerDefinition shape, nested members included", () => {
    const json = representativeStack();
    const all = containerDefinitionsOf(json);
    expect(all.length).toBe(6);
    expect(containerDefinitionShapeProblems(json)).toEqual([]);
    // The walk reached the nested structures.
    const api = all.find((a) => a.address.includes('api'))!.definitions[0] as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(
      expect.arrayContaining([
        'portMappings',
        'logConfiguration',
        'linuxParameters',
        'healthCheck',
        'secrets',
        'ulimits',
      ]),
    );
  });
});
