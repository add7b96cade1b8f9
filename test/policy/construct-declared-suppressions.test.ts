/**
 * Suppressions the constructs declare for the design conflicts they make on purpose, as the pack
 * reports them: only for what the construct chose, with its reason, and checked against the pack's rules.
 */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { declarePolicySuppression } from '../../modules/core';
import { PolicyFinding, PolicyPack, sgNoWorldEgress, ecsContainerReadOnlyRoot } from '../../modules/policy';
import { ContainerSecurityGroup, Peer, Port, TASK_HTTPS_EGRESS_REASON } from '../../modules/security';
import { Ec2Service, EXEC_WRITABLE_ROOT_REASON, TaskDefinition, TaskOsFamily } from '../../modules/service';
import { cluster, IIS, network, windowsProvider } from '../service/fixtures';
import { runPack } from './support';
import { thrownValidationError } from '../support/problem-matcher';

const summary = (findings: readonly PolicyFinding[]) =>
  findings.map(
    (f) =>
      `${f.ruleId} ${f.constructPath} ${f.suppressed ? `suppressed at ${f.suppressedAt}: ${f.suppressionReason}` : f.level}`,
  );

const WRITABLE = { name: 'app', image: 'public.ecr.aws/docker/library/httpd:2.4', memory: 256, user: '1000' };

describe('ContainerSecurityGroup', () => {
  test('declares its default HTTPS egress, on that rule only, with its reason', () => {
    const pack = runPack(
      (stack) => {
        new ContainerSecurityGroup(stack, 'tasks', { network: network(), name: 'tasks' });
      },
      [sgNoWorldEgress],
    );
    expect(summary(pack.findings)).toEqual([
      `AWSVPC-SG-002 test/tasks/https-out suppressed at test/tasks/https-out: ${TASK_HTTPS_EGRESS_REASON}`,
    ]);
  });

  test('declares nothing for egress the caller passes or adds: that is theirs to justify', () => {
    const pack = runPack(
      (stack) => {
        new ContainerSecurityGroup(stack, 'custom', {
          network: network(),
          name: 'custom',
          egress: [{ id: 'all-out', peer: Peer.anyIpv4(), port: Port.allTraffic(), description: 'everything' }],
        });
        const defaults = new ContainerSecurityGroup(stack, 'defaults', { network: network(), name: 'defaults' });
        defaults.addEgressRule({
          id: 'dns-out',
          peer: Peer.anyIpv4(),
          port: Port.udp(53),
          description: 'DNS to anywhere',
        });
      },
      [sgNoWorldEgress],
    );
    expect(summary(pack.findings)).toEqual([
      'AWSVPC-SG-002 test/custom/all-out ERROR',
      `AWSVPC-SG-002 test/defaults/https-out suppressed at test/defaults/https-out: ${TASK_HTTPS_EGRESS_REASON}`,
      'AWSVPC-SG-002 test/defaults/dns-out ERROR',
    ]);
  });
});

describe('TaskDefinition', () => {
  test('declares the writable root filesystem ECS Exec needs once ECS Exec is on, also when the service turns it on', () => {
    const pack = runPack(
      (stack) => {
        const own = new TaskDefinition(stack, 'own', {
          family: 'own',
          containers: [WRITABLE],
          enableExecuteCommand: true,
        });
        const viaService = new TaskDefinition(stack, 'via-service', { family: 'via-service', containers: [WRITABLE] });
        new Ec2Service(stack, 'svc', {
          cluster: cluster(),
          taskDefinition: viaService,
          serviceName: 'svc',
          enableExecuteCommand: true,
        });
        own.enableExecuteCommand(); // idempotent: one declaration
        expect(PolicyPack.suppressionsOn(own)).toHaveLength(1);
      },
      [ecsContainerReadOnlyRoot],
    );
    expect(summary(pack.findings)).toEqual([
      `AWSVPC-ECS-005 test/own/task-definition suppressed at test/own: ${EXEC_WRITABLE_ROOT_REASON}`,
      `AWSVPC-ECS-005 test/via-service/task-definition suppressed at test/via-service: ${EXEC_WRITABLE_ROOT_REASON}`,
    ]);
  });

  test('declares nothing without ECS Exec (a writable root is a violation) nor for Windows tasks', () => {
    let windows: TaskDefinition | undefined;
    const pack = runPack(
      (stack) => {
        new TaskDefinition(stack, 'plain', { family: 'plain', containers: [WRITABLE] });
        windows = new TaskDefinition(stack, 'iis', {
          family: 'iis',
          containers: [IIS],
          osFamily: TaskOsFamily.WINDOWS_SERVER_2022_CORE,
          enableExecuteCommand: true,
        });
        new Ec2Service(stack, 'iis-svc', {
          cluster: cluster({ capacityProviders: [windowsProvider()] }),
          taskDefinition: windows,
          serviceName: 'iis',
          capacityProvider: windowsProvider(),
        });
      },
      [ecsContainerReadOnlyRoot],
    );
    expect(summary(pack.findings)).toEqual(['AWSVPC-ECS-005 test/plain/task-definition ERROR']);
    expect(PolicyPack.suppressionsOn(windows!)).toEqual([]);
  });

  test('an app restating the suppression on the same construct gives its own reason', () => {
    const pack = runPack(
      (stack) => {
        const td = new TaskDefinition(stack, 'task', {
          family: 'task',
          containers: [WRITABLE],
          enableExecuteCommand: true,
        });
        PolicyPack.suppress(td, 'AWSVPC-ECS-005', 'ECS Exec is on in staging only, ticket SEC-1234');
      },
      [ecsContainerReadOnlyRoot],
    );
    expect(summary(pack.findings)).toEqual([
      'AWSVPC-ECS-005 test/task/task-definition suppressed at test/task: ECS Exec is on in staging only, ticket SEC-1234',
    ]);
  });
});

describe('the pack, on suppressions constructs declare', () => {
  test('fails the check, naming where it was declared, when one names a rule it does not know', () => {
    const error = thrownValidationError(() =>
      runPack((stack: TerraformStack) => {
        const thing = new Construct(stack, 'thing');
        declarePolicySuppression(thing, 'AWSVPC-SG-099', 'a rule that does not exist in the pack');
        new ContainerSecurityGroup(thing, 'tasks', { network: network(), name: 'tasks' });
      }),
    );
    expect(error.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'POLICY_SUPPRESSION_RULE_UNKNOWN test/thing: suppression of AWSVPC-SG-099',
    ]);
    expect(error.message).toContain('AWSVPC-SG-002');
  });
});
