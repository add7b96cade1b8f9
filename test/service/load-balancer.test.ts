import { Peer } from '../../modules/security';
import {
  Ec2Service,
  LoadBalancerScheme,
  LoadBalancerType,
  NetworkMode,
  TargetType,
  TaskDefinition,
  type Ec2ServiceProps,
  type TaskDefinitionProps,
} from '../../modules/service';
import { thrownProblem } from '../support/problem-matcher';
import { newTestStack, resourcesOfType, synthToDir, valueAt } from '../support/synth';
import { cluster, network, NGINX, PUBLIC_SUBNETS, single } from './fixtures';
import { webService } from './ec2-service-fixture';

function synth(
  lb: Ec2ServiceProps['loadBalancer'],
  task: Partial<TaskDefinitionProps> = {},
  props: Partial<Ec2ServiceProps> = {},
) {
  const { app, stack } = newTestStack();
  const td = new TaskDefinition(stack, 'task', { family: 'web', containers: [NGINX], ...task });
  const service = webService(stack, td, { loadBalancer: lb, ...props });
  return { service, json: synthToDir(app).json };
}

function fails(lb: Ec2ServiceProps['loadBalancer'], code: string, ...fragments: string[]) {
  const { stack } = newTestStack();
  const td = new TaskDefinition(stack, 'task', { family: 'web', containers: [NGINX] });
  return thrownProblem(() => webService(stack, td, { loadBalancer: lb }), code, ...fragments);
}

function sgByName(json: ReturnType<typeof synth>['json'], name: string): string {
  const [key] = Object.entries(resourcesOfType(json, 'aws_security_group')).find(
    ([, g]) => valueAt(g, 'tags', 'Name') === name,
  )!;
  return `\${aws_security_group.${key}.id}`;
}

describe('service load balancing', () => {
  test('an internal ALB in the private subnets, admitting the VPC, by default', () => {
    const { json } = synth({});
    expect(single(json, 'aws_lb')).toMatchObject({
      load_balancer_type: 'application',
      internal: true,
      drop_invalid_header_fields: true,
      subnets: ['subnet-0a1b2c3d', 'subnet-0e1f2a3b'],
      security_groups: [sgByName(json, 'web-lb')],
    });
    const listenerRule = Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).find(
      (r) => r.security_group_id === sgByName(json, 'web-lb'),
    )!;
    expect(listenerRule).toMatchObject({ cidr_ipv4: '10.0.0.0/16', from_port: 80, to_port: 80 });
  });

  test('an internet-facing ALB in the public subnets, open to the world on the listener port only', () => {
    const { json } = synth({ scheme: LoadBalancerScheme.INTERNET_FACING });
    expect(single(json, 'aws_lb')).toMatchObject({ internal: false, subnets: ['subnet-0c4d5e6f', 'subnet-0a7b8c9d'] });
    const lbRules = Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).filter(
      (r) => r.security_group_id === sgByName(json, 'web-lb'),
    );
    expect(lbRules).toEqual([
      expect.objectContaining({ cidr_ipv4: '0.0.0.0/0', from_port: 80, to_port: 80, ip_protocol: 'tcp' }),
    ]);
  });

  test("the tasks admit the container port from the load balancer's group only, and the load balancer sends only there", () => {
    const { json } = synth({ scheme: LoadBalancerScheme.INTERNET_FACING });
    const tasks = sgByName(json, 'web-tasks');
    const lb = sgByName(json, 'web-lb');
    const taskIngress = Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).filter(
      (r) => r.security_group_id === tasks,
    );
    expect(taskIngress).toEqual([
      expect.objectContaining({ referenced_security_group_id: lb, from_port: 80, to_port: 80, ip_protocol: 'tcp' }),
    ]);
    expect(taskIngress[0]!.cidr_ipv4).toBeUndefined();
    const lbEgress = Object.values(resourcesOfType(json, 'aws_vpc_security_group_egress_rule')).filter(
      (r) => r.security_group_id === lb,
    );
    expect(lbEgress).toEqual([
      expect.objectContaining({ referenced_security_group_id: tasks, from_port: 80, to_port: 80 }),
    ]);
  });

  test('an ip target group on the container port, wired into the service', () => {
    const { json } = synth({});
    const tg = single(json, 'aws_lb_target_group');
    expect(tg).toMatchObject({ target_type: 'ip', port: 80, protocol: 'HTTP', vpc_id: 'vpc-0123456789abcdef0' });
    expect(tg.health_check).toMatchObject({
      path: '/',
      matcher: '200-399',
      interval: 30,
      timeout: 5,
      healthy_threshold: 2,
      unhealthy_threshold: 3,
    });
    const svc = single(json, 'aws_ecs_service');
    expect(svc.load_balancer).toEqual([
      { target_group_arn: expect.stringContaining('aws_lb_target_group.'), container_name: 'web', container_port: 80 },
    ]);
    expect(svc.health_check_grace_period_seconds).toBe(60);
    expect(svc.depends_on).toEqual([expect.stringMatching(/^aws_lb_listener\./)]);
    expect(single(json, 'aws_lb_listener')).toMatchObject({
      port: 80,
      protocol: 'HTTP',
      default_action: [{ type: 'forward' }],
    });
  });

  test('HTTPS with a certificate, and HTTP redirecting to it', () => {
    const cert = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';
    const { json } = synth({ scheme: LoadBalancerScheme.INTERNET_FACING, certificateArn: cert });
    const listeners = Object.values(resourcesOfType(json, 'aws_lb_listener'));
    expect(listeners).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          port: 443,
          protocol: 'HTTPS',
          certificate_arn: cert,
          ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
        }),
        expect.objectContaining({
          port: 80,
          protocol: 'HTTP',
          default_action: [{ type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } }],
        }),
      ]),
    );
    const ports = Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule'))
      .filter((r) => r.security_group_id === sgByName(json, 'web-lb'))
      .map((r) => r.from_port)
      .sort();
    expect(ports).toEqual([443, 80]);
  });
});

describe('service load balancing: NLB, options and targets', () => {
  test('an NLB with its own security group and a TCP target group', () => {
    const { json } = synth({ type: LoadBalancerType.NETWORK, healthCheck: { intervalSeconds: 10 } });
    const lb = single(json, 'aws_lb');
    expect(lb).toMatchObject({ load_balancer_type: 'network', security_groups: [sgByName(json, 'web-lb')] });
    expect(lb.drop_invalid_header_fields).toBeUndefined();
    const tg = single(json, 'aws_lb_target_group');
    expect(tg).toMatchObject({
      target_type: 'ip',
      protocol: 'TCP',
      port: 80,
      health_check: { protocol: 'TCP', interval: 10 },
    });
    expect(tg).not.toHaveProperty('health_check.path');
    expect(single(json, 'aws_lb_listener')).toMatchObject({ protocol: 'TCP', port: 80 });
  });

  test('admits the given peers and checks the given path', () => {
    const { json } = synth({
      allowedPeers: [Peer.ipv4('192.168.0.0/16', 'the office')],
      listenerPort: 8080,
      healthCheck: { path: '/healthz', matcher: '200' },
    });
    const rule = Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).find(
      (r) => r.security_group_id === sgByName(json, 'web-lb'),
    )!;
    expect(rule).toMatchObject({
      cidr_ipv4: '192.168.0.0/16',
      from_port: 8080,
      description: '8080/tcp from the office',
    });
    expect(single(json, 'aws_lb_target_group').health_check).toMatchObject({ path: '/healthz', matcher: '200' });
  });

  test('takes a TLS policy and a deregistration delay', () => {
    const { json } = synth({
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x',
      sslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06',
      deregistrationDelaySeconds: 30,
    });
    expect(
      Object.values(resourcesOfType(json, 'aws_lb_listener')).find((l) => l.protocol === 'HTTPS')!.ssl_policy,
    ).toBe('ELBSecurityPolicy-TLS13-1-3-2021-06');
    expect(single(json, 'aws_lb_target_group').deregistration_delay).toBe('30');
  });

  test('an NLB with a certificate listens with TLS and redirects nothing', () => {
    const { json } = synth({
      type: LoadBalancerType.NETWORK,
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x',
    });
    expect(Object.values(resourcesOfType(json, 'aws_lb_listener'))).toEqual([
      expect.objectContaining({ protocol: 'TLS', port: 443 }),
    ]);
  });

  test('targets the named container and port', () => {
    const sidecar = {
      name: 'metrics',
      image: 'prom',
      memory: 64,
      essential: false,
      portMappings: [{ containerPort: 9100 }],
    };
    const { json } = synth({ containerName: 'metrics', containerPort: 9100 }, { containers: [NGINX, sidecar] });
    expect(valueAt(single(json, 'aws_ecs_service'), 'load_balancer', 0)).toMatchObject({
      container_name: 'metrics',
      container_port: 9100,
    });
    expect(single(json, 'aws_lb_target_group').port).toBe(9100);
  });

  test('bridge tasks: instance targets, and the instances admit the dynamic host ports from the load balancer', () => {
    const { json } = synth({}, { networkMode: NetworkMode.BRIDGE });
    expect(single(json, 'aws_lb_target_group').target_type).toBe('instance');
    const rule = Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).find(
      (r) => r.security_group_id === 'sg-0aaaaaaaaaaaaaaaa',
    )!;
    expect(rule).toMatchObject({
      from_port: 32768,
      to_port: 65535,
      referenced_security_group_id: sgByName(json, 'web-lb'),
    });
  });

  test('host tasks: instance targets on the container port', () => {
    const { json } = synth({}, { networkMode: NetworkMode.HOST });
    expect(single(json, 'aws_lb_target_group').target_type).toBe('instance');
    const rule = Object.values(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule')).find(
      (r) => r.security_group_id === 'sg-0aaaaaaaaaaaaaaaa',
    )!;
    expect(rule).toMatchObject({ from_port: 80, to_port: 80 });
  });
});

describe('service load balancing refusals', () => {
  test('fails when awsvpc tasks get instance targets, or bridge and host tasks ip targets', () => {
    fails(
      { targetType: TargetType.INSTANCE },
      'SERVICE_LB_TARGET_TYPE_MISMATCH',
      'Ec2Service.loadBalancer.targetType',
      '"instance"',
      'TargetType.IP for awsvpc',
    );
    for (const mode of [NetworkMode.BRIDGE, NetworkMode.HOST]) {
      const { stack } = newTestStack();
      const td = new TaskDefinition(stack, 'task', { family: 'web', containers: [NGINX], networkMode: mode });
      expect(() => webService(stack, td, { loadBalancer: { targetType: TargetType.IP } })).toThrowProblem(
        'SERVICE_LB_TARGET_TYPE_MISMATCH',
        '"ip"',
        `TargetType.INSTANCE for ${mode} tasks`,
      );
    }
  });

  test('fails when the target container or port is unknown', () => {
    fails(
      { containerName: 'api' },
      'SERVICE_LB_CONTAINER_UNKNOWN',
      'Ec2Service.loadBalancer.containerName',
      '"api"',
      '"web"',
    );
    fails(
      { containerPort: 8080 },
      'SERVICE_LB_PORT_UNKNOWN',
      'Ec2Service.loadBalancer.containerPort',
      '8080',
      'web:80',
    );
  });

  test('fails when the network lacks subnets for the scheme', () => {
    const { stack } = newTestStack();
    const td = new TaskDefinition(stack, 'task', { family: 'web', containers: [NGINX] });
    const privateOnly = cluster({ network: network({ publicSubnets: [] }) });
    expect(() =>
      webService(stack, td, { cluster: privateOnly, loadBalancer: { scheme: LoadBalancerScheme.INTERNET_FACING } }),
    ).toThrowProblem(
      'SERVICE_LB_NO_PUBLIC_SUBNETS',
      'internet-facing, in a network with no public subnets',
      'LoadBalancerScheme.INTERNAL',
    );
    const oneAz = cluster({ network: network({ publicSubnets: [PUBLIC_SUBNETS[0]!] }) });
    expect(
      () =>
        new Ec2Service(stack, 'web2', {
          cluster: oneAz,
          taskDefinition: td,
          serviceName: 'web',
          loadBalancer: { scheme: LoadBalancerScheme.INTERNET_FACING },
        }),
    ).toThrowProblem(
      'SERVICE_LB_SUBNETS_TOO_FEW',
      'internet-facing with 1 public subnet(s) in 1 AZ(s)',
      'LoadBalancerScheme.INTERNAL',
    );
  });

  test('fails on a malformed certificate, listener port or health check', () => {
    fails({ certificateArn: 'my-cert' }, 'SERVICE_LB_CERTIFICATE_ARN_INVALID', '"my-cert"', 'ACM certificate ARN');
    fails({ listenerPort: 0 }, 'SERVICE_LB_LISTENER_PORT_INVALID', 'Ec2Service.loadBalancer.listenerPort');
    fails(
      { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/x', listenerPort: 80 },
      'SERVICE_LB_LISTENER_PORT_INVALID',
      '80 with a certificate',
    );
    fails(
      { healthCheck: { intervalSeconds: 1 } },
      'SERVICE_LB_HEALTH_CHECK_INVALID',
      'healthCheck.intervalSeconds',
      '5 to 300',
    );
    fails(
      { healthCheck: { intervalSeconds: 10, timeoutSeconds: 10 } },
      'SERVICE_LB_HEALTH_CHECK_INVALID',
      '10 (interval is 10)',
    );
    fails({ healthCheck: { path: 'health' } }, 'SERVICE_LB_HEALTH_CHECK_INVALID', 'use "/health"');
    fails({ deregistrationDelaySeconds: 4000 }, 'SERVICE_LB_DEREGISTRATION_DELAY_INVALID', '0 to 3600');
  });

  test('fails when the listener is opened to the world without the named opt-in', () => {
    fails(
      { allowedPeers: [Peer.ipv4('0.0.0.0/0')] },
      'SECURITY_INGRESS_OPEN_TO_WORLD',
      '"0.0.0.0/0"',
      'Peer.anyIpv4OpenToTheWorld()',
    );
  });

  test('fails when the load balancer targets a UDP port', () => {
    const { stack } = newTestStack();
    const td = new TaskDefinition(stack, 'task', {
      family: 'dns',
      containers: [
        { name: 'dns', image: 'coredns', memory: 64, portMappings: [{ containerPort: 53, protocol: 'udp' }] },
      ],
    });
    expect(
      () =>
        new Ec2Service(stack, 'dns', { cluster: cluster(), taskDefinition: td, serviceName: 'dns', loadBalancer: {} }),
    ).toThrowProblem('SERVICE_LB_PROTOCOL_UNSUPPORTED', '53/udp', 'a TCP container port');
  });
});
