import { Peer } from '../../modules/security';
import {
  ApplicationListenerRef,
  ListenerCondition,
  LoadBalancerLogsBucket,
  LoadBalancerScheme,
  LoadBalancerType,
  NetworkMode,
  SharedLoadBalancer,
  TargetType,
} from '../../modules/service';
import { network, NGINX } from './fixtures';
import { stringArg, valueAt } from '../support/synth';
import { all, TrafficStack } from './traffic-fixtures';

const LISTENER_ARN =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/platform/50dc6c495c0c9188/f2f7dc8efc522ab2';
const TARGET_GROUP_ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/orders/73e2d6bc24d8a067';

function sharedAlb(t: TrafficStack, props: Partial<ConstructorParameters<typeof SharedLoadBalancer>[2]> = {}) {
  return new SharedLoadBalancer(t.stack, 'alb', { network: network(), name: 'shop', ...props });
}

describe('one ALB shared by several services', () => {
  test('each service gets an ip target group and a listener rule (path or host) on the shared listener', () => {
    const t = new TrafficStack();
    const listener = sharedAlb(t).addListener('http');
    t.service('web', { loadBalancer: { listener, priority: 10, conditions: [ListenerCondition.pathPatterns(['/'])] } });
    t.service('api', {
      loadBalancer: {
        listener,
        priority: 20,
        conditions: [ListenerCondition.hostHeaders(['api.shop.internal']), ListenerCondition.pathPatterns(['/v1/*'])],
      },
    });
    const json = t.synth();
    expect(all(json, 'aws_lb')).toHaveLength(1);
    expect(all(json, 'aws_lb')[0]).toMatchObject({ internal: true, enable_deletion_protection: false });
    expect(all(json, 'aws_lb_listener')).toEqual([
      expect.objectContaining({
        port: 80,
        protocol: 'HTTP',
        default_action: [expect.objectContaining({ type: 'fixed-response' })],
      }),
    ]);
    const groups = all(json, 'aws_lb_target_group');
    expect(groups.map((g) => [valueAt(g, 'tags', 'Name'), g.target_type, g.port]).sort()).toEqual([
      ['api', 'ip', 80],
      ['web', 'ip', 80],
    ]);
    const rules = all(json, 'aws_lb_listener_rule').sort((a, b) => Number(a.priority) - Number(b.priority));
    expect(rules.map((r) => [r.priority, r.condition])).toEqual([
      [10, [{ path_pattern: { values: ['/'] } }]],
      [20, [{ host_header: { values: ['api.shop.internal'] } }, { path_pattern: { values: ['/v1/*'] } }]],
    ]);
    for (const svc of all(json, 'aws_ecs_service')) {
      expect(svc.load_balancer).toHaveLength(1);
      expect(svc.health_check_grace_period_seconds).toBe(60);
      expect(svc.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_lb_listener_rule\./)]));
    }
  });

  test('the shared group reaches each service on its port, and each service admits the shared group only', () => {
    const t = new TrafficStack();
    const alb = sharedAlb(t);
    const listener = alb.addListener('http');
    t.service('web', {
      loadBalancer: { listener, priority: 10, conditions: [ListenerCondition.pathPatterns(['/*'])] },
    });
    const json = t.synth();
    const egress = all(json, 'aws_vpc_security_group_egress_rule').filter((r) =>
      String(r.security_group_id).includes('alb_security-group'),
    );
    expect(egress).toEqual([expect.objectContaining({ from_port: 80, to_port: 80, ip_protocol: 'tcp' })]);
    const ingress = all(json, 'aws_vpc_security_group_ingress_rule');
    const toTasks = ingress.filter((r) => String(r.security_group_id).includes('web_security-group'));
    expect(toTasks).toEqual([
      expect.objectContaining({
        from_port: 80,
        referenced_security_group_id: expect.stringContaining('alb_security-group'),
      }),
    ]);
    const toListener = ingress.filter((r) => String(r.security_group_id).includes('alb_security-group'));
    expect(toListener).toEqual([expect.objectContaining({ from_port: 80, cidr_ipv4: '10.0.0.0/16' })]);
  });

  test('refuses two services claiming one priority on one listener, naming both', () => {
    const t = new TrafficStack();
    const listener = sharedAlb(t).addListener('http');
    t.service('web', { loadBalancer: { listener, priority: 10, conditions: [ListenerCondition.pathPatterns(['/'])] } });
    expect(() =>
      t.service('api', {
        loadBalancer: { listener, priority: 10, conditions: [ListenerCondition.pathPatterns(['/api/*'])] },
      }),
    ).toThrowProblem(
      'SERVICE_LB_RULE_PRIORITY_COLLISION',
      'Ec2Service.loadBalancer.priority',
      'test/web',
      'PriorityInUse',
    );
  });

  test('allows one priority on two listeners', () => {
    const t = new TrafficStack();
    const alb = sharedAlb(t, { listenerPorts: [80, 8080] });
    const a = alb.addListener('a');
    const b = alb.addListener('b', { port: 8080 });
    t.service('web', {
      loadBalancer: { listener: a, priority: 10, conditions: [ListenerCondition.pathPatterns(['/'])] },
    });
    t.service('api', {
      loadBalancer: { listener: b, priority: 10, conditions: [ListenerCondition.pathPatterns(['/'])] },
    });
    expect(all(t.synth(), 'aws_lb_listener_rule')).toHaveLength(2);
  });

  test('refuses a priority outside 1-50000, a rule without conditions, and more than five condition values', () => {
    const t = new TrafficStack();
    const listener = sharedAlb(t).addListener('http');
    expect(() =>
      t.service('a', { loadBalancer: { listener, priority: 0, conditions: [ListenerCondition.pathPatterns(['/'])] } }),
    ).toThrowProblem('SERVICE_LB_RULE_PRIORITY_INVALID', 'Ec2Service.loadBalancer.priority', '1 to 50000');
    expect(() => t.service('b', { loadBalancer: { listener, priority: 50001, conditions: [] } })).toThrowProblem(
      'SERVICE_LB_RULE_CONDITIONS_INVALID',
      'at least one condition',
    );
    expect(() =>
      t.service('c', {
        loadBalancer: {
          listener,
          priority: 5,
          conditions: [
            ListenerCondition.hostHeaders(['a.example.com', 'b.example.com', 'c.example.com']),
            ListenerCondition.pathPatterns(['/a', '/b', '/c']),
          ],
        },
      }),
    ).toThrowProblem('SERVICE_LB_RULE_CONDITIONS_INVALID', '6 condition values', 'at most 5');
    expect(() =>
      t.service('d', {
        loadBalancer: { listener, priority: 6, conditions: [ListenerCondition.pathPatterns(['api'])] },
      }),
    ).toThrowProblem('SERVICE_LB_RULE_CONDITIONS_INVALID', 'starting with "/"', '"/api"');
  });

  test("refuses the options of a load balancer of the service's own with a listener, and a rule without one", () => {
    const t = new TrafficStack();
    const listener = sharedAlb(t).addListener('http');
    expect(() =>
      t.service('web', {
        loadBalancer: {
          listener,
          priority: 1,
          conditions: [ListenerCondition.pathPatterns(['/'])],
          scheme: LoadBalancerScheme.INTERNET_FACING,
        },
      }),
    ).toThrowProblem('SERVICE_LB_OPTION_NOT_DEDICATED', 'Ec2Service.loadBalancer.scheme');
    expect(() => t.service('api', { loadBalancer: { priority: 3 } })).toThrowProblem(
      'SERVICE_LB_RULE_WITHOUT_LISTENER',
      'Ec2Service.loadBalancer.priority',
    );
  });

  test('refuses a listener port the shared group does not admit', () => {
    const t = new TrafficStack();
    expect(() => sharedAlb(t).addListener('tls', { port: 8443 })).toThrowProblem(
      'SERVICE_LB_LISTENER_PORT_INVALID',
      'listenerPorts',
    );
  });
});

describe("attaching to another team's load balancer", () => {
  test('a listener by ARN: a rule on it, the tasks admit its group, request-count label from the listener ARN', () => {
    const t = new TrafficStack();
    const listener = ApplicationListenerRef.fromAttributes({
      listenerArn: LISTENER_ARN,
      securityGroupId: 'sg-0123456789abcdef1',
    });
    t.service('orders', {
      loadBalancer: { listener, priority: 300, conditions: [ListenerCondition.pathPatterns(['/orders/*'])] },
      autoScaling: { minCapacity: 1, maxCapacity: 4, targetRequestsPerTarget: 500 },
    });
    const json = t.synth();
    expect(all(json, 'aws_lb')).toHaveLength(0);
    expect(all(json, 'aws_lb_listener_rule')[0]).toMatchObject({ listener_arn: LISTENER_ARN, priority: 300 });
    expect(all(json, 'aws_vpc_security_group_ingress_rule')).toEqual([
      expect.objectContaining({ referenced_security_group_id: 'sg-0123456789abcdef1', from_port: 80 }),
    ]);
    expect(
      all(json, 'aws_vpc_security_group_egress_rule').some((r) => r.security_group_id === 'sg-0123456789abcdef1'),
    ).toBe(false);
    const requests = all(json, 'aws_appautoscaling_policy').find((p) => String(p.name).endsWith('-requests'))!;
    expect(requests.target_tracking_scaling_policy_configuration).toMatchObject({
      target_value: 500,
      predefined_metric_specification: {
        predefined_metric_type: 'ALBRequestCountPerTarget',
        resource_label: expect.stringMatching(
          /^app\/platform\/50dc6c495c0c9188\/\$\{aws_lb_target_group\..*\.arn_suffix\}$/,
        ),
      },
    });
  });

  test('an existing target group by ARN: no load balancer nor group of ours, the tasks admit the given group', () => {
    const t = new TrafficStack();
    t.service('orders', {
      loadBalancer: { targetGroupArn: TARGET_GROUP_ARN, loadBalancerSecurityGroupId: 'sg-0123456789abcdef2' },
    });
    const json = t.synth();
    expect(all(json, 'aws_lb_target_group')).toHaveLength(0);
    expect(all(json, 'aws_ecs_service')[0]!.load_balancer).toEqual([
      { target_group_arn: TARGET_GROUP_ARN, container_name: 'web', container_port: 80 },
    ]);
    expect(all(json, 'aws_vpc_security_group_ingress_rule')).toEqual([
      expect.objectContaining({ referenced_security_group_id: 'sg-0123456789abcdef2' }),
    ]);
  });

  test('refuses a malformed listener or target group ARN, and both at once', () => {
    expect(() =>
      ApplicationListenerRef.fromAttributes({ listenerArn: 'listener/1', securityGroupId: 'sg-0123456789abcdef3' }),
    ).toThrowProblem('SERVICE_LB_LISTENER_ARN_INVALID');
    const t = new TrafficStack();
    expect(() => t.service('a', { loadBalancer: { targetGroupArn: 'orders' } })).toThrowProblem(
      'SERVICE_LB_TARGET_GROUP_ARN_INVALID',
      '"orders"',
    );
    const listener = ApplicationListenerRef.fromAttributes({
      listenerArn: LISTENER_ARN,
      securityGroupId: 'sg-0123456789abcdef3',
    });
    expect(() =>
      t.service('b', {
        loadBalancer: {
          listener,
          targetGroupArn: TARGET_GROUP_ARN,
          priority: 1,
          conditions: [ListenerCondition.pathPatterns(['/'])],
        },
      }),
    ).toThrowProblem('SERVICE_LB_ATTACHMENT_CONFLICT');
  });
});

describe('target types by network mode', () => {
  test('refuses an ip target group for a bridge-mode service', () => {
    const t = new TrafficStack();
    expect(() =>
      t.service(
        'web',
        { loadBalancer: { targetType: TargetType.IP } },
        [{ ...NGINX, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
        { networkMode: NetworkMode.BRIDGE },
      ),
    ).toThrowProblem('SERVICE_LB_TARGET_TYPE_MISMATCH', '"ip"', 'TargetType.INSTANCE for bridge tasks');
  });

  test('a bridge service on a shared listener: instance targets, the shared group reaches the instances on the dynamic ports', () => {
    const t = new TrafficStack();
    const listener = sharedAlb(t).addListener('http');
    t.service(
      'web',
      { loadBalancer: { listener, priority: 1, conditions: [ListenerCondition.pathPatterns(['/*'])] } },
      [{ ...NGINX, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
      { networkMode: NetworkMode.BRIDGE },
    );
    const json = t.synth();
    expect(all(json, 'aws_lb_target_group')[0]).toMatchObject({ target_type: 'instance', port: 80 });
    expect(all(json, 'aws_vpc_security_group_egress_rule')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          referenced_security_group_id: 'sg-0aaaaaaaaaaaaaaaa',
          from_port: 32768,
          to_port: 65535,
        }),
      ]),
    );
    expect(all(json, 'aws_vpc_security_group_ingress_rule')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ security_group_id: 'sg-0aaaaaaaaaaaaaaaa', from_port: 32768, to_port: 65535 }),
      ]),
    );
  });

  test('host mode registers instance targets', () => {
    const t = new TrafficStack();
    t.service('web', { loadBalancer: {}, desiredCount: 1 }, [NGINX], { networkMode: NetworkMode.HOST });
    expect(all(t.synth(), 'aws_lb_target_group')[0]).toMatchObject({ target_type: 'instance' });
  });
});

describe('access logs, deletion protection, NLB TLS', () => {
  test('a logs bucket with the ELB delivery policy; the load balancer writes under a prefix after the policy exists', () => {
    const t = new TrafficStack();
    const logs = new LoadBalancerLogsBucket(t.stack, 'lb-logs');
    sharedAlb(t, { accessLogs: logs.accessLogsOptions('shop') });
    const json = t.synth();
    const lb = all(json, 'aws_lb')[0]!;
    expect(lb.access_logs).toEqual({
      bucket: expect.stringMatching(/aws_s3_bucket\..*\.bucket/),
      prefix: 'shop',
      enabled: true,
    });
    expect(lb.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\./)]);
    const policy = JSON.parse(stringArg(all(json, 'aws_s3_bucket_policy')[0]!, 'policy'));
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual([
      'ElbAccountWrites',
      'ElbLogDeliveryWrites',
      'NlbLogDeliveryWrites',
      'NlbLogDeliveryReadsAcl',
      'TlsOnly',
    ]);
    expect(all(json, 'aws_s3_bucket_public_access_block')[0]).toMatchObject({ block_public_policy: true });
    expect(valueAt(all(json, 'aws_s3_bucket_server_side_encryption_configuration')[0], 'rule', 0)).toMatchObject({
      apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' },
    });
  });

  test('a shared internet-facing ALB is protected from deletion by default; a logs bucket keeps logs at least a day', () => {
    const t = new TrafficStack();
    sharedAlb(t, { scheme: LoadBalancerScheme.INTERNET_FACING, allowedPeers: [Peer.ipv4('203.0.113.0/24')] });
    expect(all(t.synth(), 'aws_lb')[0]).toMatchObject({ internal: false, enable_deletion_protection: true });
    expect(() => new LoadBalancerLogsBucket(new TrafficStack().stack, 'logs', { retentionDays: 0 })).toThrowProblem(
      'SERVICE_LB_ACCESS_LOGS_INVALID',
      'LoadBalancerLogsBucket.retentionDays',
    );
  });

  test('refuses a bucket ARN for a name and a prefix with AWSLogs', () => {
    const t = new TrafficStack();
    expect(() =>
      t.service('web', { loadBalancer: { accessLogs: { bucketName: 'arn:aws:s3:::logs', prefix: 'x/AWSLogs' } } }),
    ).toThrowProblem('SERVICE_LB_ACCESS_LOGS_INVALID', 'Ec2Service.loadBalancer.accessLogs.bucketName');
  });

  test('deletion protection: on for internet-facing, off for internal, as given otherwise', () => {
    const t = new TrafficStack();
    t.service('pub', {
      loadBalancer: { scheme: LoadBalancerScheme.INTERNET_FACING, allowedPeers: [Peer.ipv4('203.0.113.0/24')] },
    });
    t.service('int', { loadBalancer: { deletionProtection: true } });
    const flags = Object.fromEntries(
      all(t.synth(), 'aws_lb').map((l) => [valueAt(l, 'tags', 'Name'), l.enable_deletion_protection]),
    );
    expect(flags).toEqual({ pub: true, int: true });
  });

  test('an NLB with a TLS listener takes the certificate and a TLS 1.3 policy by default', () => {
    const t = new TrafficStack();
    t.service('web', {
      loadBalancer: {
        type: LoadBalancerType.NETWORK,
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      },
    });
    expect(all(t.synth(), 'aws_lb_listener')[0]).toMatchObject({
      protocol: 'TLS',
      port: 443,
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificate_arn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    });
  });
});
