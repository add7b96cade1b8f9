import { Port } from '../../modules/security';
import { NetworkMode, PrivateDnsNamespace, TaskOsFamily } from '../../modules/service';
import { NGINX } from './fixtures';
import { stringArg, valueAt } from '../support/synth';
import { all, API, TrafficStack } from './traffic-fixtures';

describe('Service Connect', () => {
  test('a client-server service offers its named port; a client-only service reaches it by the short name', () => {
    const t = new TrafficStack();
    const namespace = PrivateDnsNamespace.of(t.stack, t.cluster.network, 'shop.internal');
    t.service('orders', { serviceConnect: { namespace, services: [{ portName: 'http', dnsName: 'orders' }] } }, [API]);
    t.service('web', { serviceConnect: { namespace } });
    const json = t.synth();
    const byName = Object.fromEntries(
      all(json, 'aws_ecs_service').map((s) => [s.name, s.service_connect_configuration]),
    );
    expect(byName.orders).toMatchObject({
      enabled: true,
      namespace: expect.stringMatching(/aws_service_discovery_private_dns_namespace\..*\.arn/),
      service: [{ port_name: 'http', discovery_name: 'http', client_alias: { port: 8080, dns_name: 'orders' } }],
      log_configuration: {
        log_driver: 'awslogs',
        options: expect.objectContaining({ 'awslogs-stream-prefix': 'service-connect' }),
      },
    });
    expect(byName.web).toMatchObject({ enabled: true });
    expect(byName.web.service).toBeUndefined();
    // The port mapping's name and appProtocol reach the task definition.
    const orders = all(json, 'aws_ecs_task_definition').find((d) => d.family === 'orders')!;
    expect(JSON.parse(stringArg(orders, 'container_definitions'))[0].portMappings[0]).toMatchObject({
      name: 'http',
      appProtocol: 'http',
    });
  });

  test('takes a namespace ARN or name made elsewhere, an alias port and an ingress port the tasks admit', () => {
    const t = new TrafficStack();
    t.service(
      'orders',
      {
        serviceConnect: {
          namespace: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abc',
          services: [{ portName: 'http', discoveryName: 'orders', port: 80, ingressPortOverride: 15000 }],
          proxyLogs: false,
        },
      },
      [API],
    );
    const svc = all(t.synth(), 'aws_ecs_service')[0]!;
    expect(svc.service_connect_configuration).toEqual({
      enabled: true,
      namespace: 'arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-abc',
      service: [
        {
          port_name: 'http',
          discovery_name: 'orders',
          client_alias: { port: 80, dns_name: 'orders' },
          ingress_port_override: 15000,
        },
      ],
    });
  });

  test('a client reaching a Service Connect server through connections gets both rules on the container port', () => {
    const t = new TrafficStack();
    const namespace = PrivateDnsNamespace.of(t.stack, t.cluster.network, 'shop.internal');
    const orders = t.service('orders', { serviceConnect: { namespace, services: [{ portName: 'http' }] } }, [API]);
    const web = t.service('web', { serviceConnect: { namespace } });
    web.connections.allowTo(orders, Port.tcp(8080));
    const json = t.synth();
    expect(all(json, 'aws_vpc_security_group_egress_rule')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          security_group_id: expect.stringContaining('web_security-group'),
          referenced_security_group_id: expect.stringContaining('orders_security-group'),
          from_port: 8080,
        }),
      ]),
    );
    expect(all(json, 'aws_vpc_security_group_ingress_rule')).toEqual([
      expect.objectContaining({
        security_group_id: expect.stringContaining('orders_security-group'),
        referenced_security_group_id: expect.stringContaining('web_security-group'),
        from_port: 8080,
      }),
    ]);
  });

  test('works in bridge mode', () => {
    const t = new TrafficStack();
    t.service('orders', { serviceConnect: { namespace: 'shop', services: [{ portName: 'http' }] } }, [API], {
      networkMode: NetworkMode.BRIDGE,
    });
    expect(valueAt(all(t.synth(), 'aws_ecs_service')[0], 'service_connect_configuration', 'service')).toHaveLength(1);
  });

  test('is refused in host mode', () => {
    const t = new TrafficStack();
    expect(() =>
      t.service('web', { serviceConnect: { namespace: 'shop' } }, [NGINX], { networkMode: NetworkMode.HOST }),
    ).toThrowProblem('SERVICE_CONNECT_HOST_MODE', 'Ec2Service.serviceConnect', 'NetworkMode.AWSVPC');
  });

  test('is refused for Windows tasks', () => {
    const t = new TrafficStack();
    const td = () =>
      t.service(
        'iis',
        { serviceConnect: { namespace: 'shop' } },
        [{ ...NGINX, name: 'iis', image: 'mcr.microsoft.com/windows/servercore/iis' }],
        {
          osFamily: TaskOsFamily.WINDOWS_SERVER_2022_CORE,
        },
      );
    expect(td).toThrowProblem('SERVICE_CONNECT_WINDOWS');
  });

  test('refuses a port name the task does not map, naming the ones it does', () => {
    const t = new TrafficStack();
    expect(() =>
      t.service('orders', { serviceConnect: { namespace: 'shop', services: [{ portName: 'grpc' }] } }, [API]),
    ).toThrowProblem(
      'SERVICE_CONNECT_PORT_NAME_UNKNOWN',
      'Ec2Service.serviceConnect.services[0].portName',
      '"grpc"',
      '"http"',
    );
  });

  test('refuses one discovery name twice and ports out of range', () => {
    const t = new TrafficStack();
    expect(() =>
      t.service(
        'orders',
        {
          serviceConnect: {
            namespace: 'shop',
            services: [
              { portName: 'http', discoveryName: 'orders' },
              { portName: 'http', discoveryName: 'orders', port: 70000 },
            ],
          },
        },
        [API],
      ),
    ).toThrowProblem('SERVICE_CONNECT_NAME_DUPLICATE', 'services[1].discoveryName');
    expect(() =>
      t.service(
        'b',
        { serviceConnect: { namespace: 'shop', services: [{ portName: 'http', ingressPortOverride: 0 }] } },
        [API],
      ),
    ).toThrowProblem('SERVICE_CONNECT_PORT_INVALID', 'ingressPortOverride');
  });
});
