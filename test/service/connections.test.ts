/** Ec2Service and ServiceLoadBalancer as sides of connections (modules/security/connections.ts). */
import { TerraformStack } from 'cdktf';
import { ContainerSecurityGroup, Port } from '../../modules/security';
import { Ec2Service, NetworkMode, TaskDefinition, type Ec2ServiceProps } from '../../modules/service';

import { newTestStack, resourcesOfType, synthToDir } from '../support/synth';
import { cluster, network } from './fixtures';

function service(
  stack: TerraformStack,
  name: string,
  port: number,
  props: Partial<Ec2ServiceProps> = {},
  mode = NetworkMode.AWSVPC,
): Ec2Service {
  const taskDefinition = new TaskDefinition(stack, `task-${name}`, {
    family: name,
    networkMode: mode,
    containers: [
      { name, image: 'public.ecr.aws/nginx/nginx:1.27', memory: 256, portMappings: [{ containerPort: port }] },
    ],
  });
  return new Ec2Service(stack, name, { cluster: cluster(), taskDefinition, serviceName: name, ...props });
}

describe('Ec2Service.connections', () => {
  test("web.connections.allowTo(api, 8080) writes web's egress and api's ingress, each under its service", () => {
    const { app, stack } = newTestStack();
    const web = service(stack, 'web', 80);
    const api = service(stack, 'api', 8080);
    web.connections.allowTo(api, Port.tcp(8080));
    const json = synthToDir(app).json;
    const egress = resourcesOfType(json, 'aws_vpc_security_group_egress_rule');
    const ingress = resourcesOfType(json, 'aws_vpc_security_group_ingress_rule');
    const webGroup = expect.stringMatching(/^\$\{aws_security_group\.web_security-group_[0-9A-F]{8}\.id\}$/);
    const apiGroup = expect.stringMatching(/^\$\{aws_security_group\.api_security-group_[0-9A-F]{8}\.id\}$/);
    expect(Object.entries(egress).filter(([a]) => a.includes('to-api'))).toEqual([
      [
        expect.stringMatching(/^web_to-api-8080-tcp_[0-9A-F]{8}$/),
        expect.objectContaining({
          security_group_id: webGroup,
          referenced_security_group_id: apiGroup,
          from_port: 8080,
          to_port: 8080,
        }),
      ],
    ]);
    expect(Object.entries(ingress)).toEqual([
      [
        expect.stringMatching(/^api_from-web-8080-tcp_[0-9A-F]{8}$/),
        expect.objectContaining({
          security_group_id: apiGroup,
          referenced_security_group_id: webGroup,
          from_port: 8080,
          to_port: 8080,
        }),
      ],
    ]);
  });

  test("reaches another service's load balancer on its listener port", () => {
    const { app, stack } = newTestStack();
    const web = service(stack, 'web', 80);
    const api = service(stack, 'api', 8080, { loadBalancer: {} });
    web.connections.allowTo(api.loadBalancer!, Port.tcp(80));
    const json = synthToDir(app).json;
    const ingress = resourcesOfType(json, 'aws_vpc_security_group_ingress_rule');
    const fromWeb = Object.entries(ingress).filter(([a]) => a.includes('from-web'));
    expect(fromWeb).toEqual([
      [
        expect.stringMatching(/^api_load-balancer_security-group_from-web-80-tcp_[0-9A-F]{8}$/),
        expect.objectContaining({
          security_group_id: expect.stringContaining('aws_security_group.api_load-balancer_security-group_'),
          referenced_security_group_id: expect.stringContaining('aws_security_group.web_security-group_'),
          from_port: 80,
        }),
      ],
    ]);
    const egress = resourcesOfType(json, 'aws_vpc_security_group_egress_rule');
    expect(Object.keys(egress).filter((a) => a.startsWith('web_to-api-lb-80-tcp_'))).toHaveLength(1);
  });

  test('services sharing a group get one rule per permission, under the service that asked first', () => {
    const { app, stack } = newTestStack();
    const shared = new ContainerSecurityGroup(stack, 'shared', { network: network(), name: 'shared' });
    const a = service(stack, 'a', 80, { securityGroup: shared });
    const b = service(stack, 'b', 8080, { securityGroup: shared });
    const api = service(stack, 'api', 9000);
    a.connections.allowTo(api, Port.tcp(9000));
    b.connections.allowTo(api, Port.tcp(9000));
    const json = synthToDir(app).json;
    const egress = Object.keys(resourcesOfType(json, 'aws_vpc_security_group_egress_rule')).filter((k) =>
      k.includes('to-api'),
    );
    // One permission on the shared group: written once, by the first service that asked.
    expect(egress).toEqual([expect.stringMatching(/^a_to-api-9000-tcp_/)]);
    const ingress = Object.keys(resourcesOfType(json, 'aws_vpc_security_group_ingress_rule'));
    // api admits the shared group once: b's call finds the permission there already.
    expect(ingress.filter((k) => k.startsWith('api_from-'))).toEqual([expect.stringMatching(/^api_from-a-9000-tcp_/)]);
  });

  test('fails at synth when the other service does not listen on the port', () => {
    const { stack } = newTestStack();
    const web = service(stack, 'web', 80);
    const api = service(stack, 'api', 8080);
    expect(() => web.connections.allowTo(api, Port.tcp(9090))).toThrowProblem(
      'SECURITY_INGRESS_PORT_NOT_ALLOWED',
      'test/web.connections.allowTo(other, port)',
      '9090/tcp',
      'container ports: 8080/tcp',
    );
  });

  test('fails at synth for a service in bridge or host mode (no task security group)', () => {
    const { stack } = newTestStack();
    const legacy = service(stack, 'legacy', 80, {}, NetworkMode.BRIDGE);
    const api = service(stack, 'api', 8080);
    expect(legacy.securityGroup).toBeUndefined();
    expect(() => legacy.connections.allowTo(api, Port.tcp(8080))).toThrowProblem(
      'SECURITY_CONNECTIONS_NO_SECURITY_GROUP',
      '"legacy": its tasks run in bridge mode',
      'NetworkMode.AWSVPC',
    );
    expect(() => api.connections.allowFrom(legacy, Port.tcp(8080))).toThrowProblem(
      'SECURITY_CONNECTIONS_NO_SECURITY_GROUP',
      'test/api.connections.allowFrom(other, port).other',
    );
  });

  test('fails at synth when a service is connected to itself', () => {
    const { stack } = newTestStack();
    const api = service(stack, 'api', 8080);
    expect(() => api.connections.allowTo(api, Port.tcp(8080))).toThrowProblem(
      'SECURITY_CONNECTIONS_TO_SELF',
      'allowInternally',
    );
  });
});
