import * as fs from 'fs';
import * as path from 'path';
import { DeploymentControllerType, ListenerCondition, SharedLoadBalancer } from '../../modules/service';
import { network, NGINX } from './fixtures';
import { all, TrafficStack } from './traffic-fixtures';

describe('deployments', () => {
  test('circuit breaker with rollback by default, no controller written', () => {
    const t = new TrafficStack();
    t.service('web');
    const svc = all(t.synth(), 'aws_ecs_service')[0]!;
    expect(svc.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    expect(svc.deployment_controller).toBeUndefined();
    expect(svc.alarms).toBeUndefined();
  });

  test('CloudWatch alarms roll a deployment back (or only fail it)', () => {
    const t = new TrafficStack();
    t.service('web', { deploymentAlarms: { alarmNames: ['web-5xx', 'web-latency'] } });
    t.service('api', { deploymentAlarms: { alarmNames: ['api-5xx'], rollback: false } });
    const alarms = Object.fromEntries(all(t.synth(), 'aws_ecs_service').map((s) => [s.name, s.alarms]));
    expect(alarms).toEqual({
      web: { alarm_names: ['web-5xx', 'web-latency'], enable: true, rollback: true },
      api: { alarm_names: ['api-5xx'], enable: true, rollback: false },
    });
  });

  test('refuses no alarm names, or more than ten', () => {
    const t = new TrafficStack();
    expect(() => t.service('web', { deploymentAlarms: { alarmNames: [] } })).toThrowProblem(
      'SERVICE_DEPLOYMENT_ALARMS_INVALID',
      'Ec2Service.deploymentAlarms.alarmNames',
    );
    const eleven = Array.from({ length: 11 }, (_, i) => `a${i}`);
    expect(() => t.service('api', { deploymentAlarms: { alarmNames: eleven } })).toThrowProblem(
      'SERVICE_DEPLOYMENT_ALARMS_INVALID',
      '11 alarm names',
    );
  });

  test('a task definition CI owns: ignore_changes on task_definition, rendered as valid HCL too', () => {
    const t = new TrafficStack();
    t.service('web', { ignoreTaskDefinitionChanges: true, autoScaling: { minCapacity: 1, maxCapacity: 3 } });
    const svc = all(t.synth(), 'aws_ecs_service')[0]!;
    expect(svc).toHaveProperty('lifecycle.ignore_changes', ['desired_count', 'task_definition']);
  });

  test('the lifecycle block of a CI-owned task definition renders as HCL (cdktf synth --hcl)', () => {
    const saved = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = 'true';
    try {
      const t = new TrafficStack();
      t.service('web', { ignoreTaskDefinitionChanges: true });
      t.app.synth();
      const hcl = fs.readFileSync(path.join(t.app.outdir, 'stacks', 'test', 'cdk.tf'), 'utf8');
      const service = hcl.slice(hcl.indexOf('resource "aws_ecs_service"'));
      expect(service).toMatch(/lifecycle \{\s*ignore_changes = \[\s*task_definition\s*\]/);
    } finally {
      if (saved === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = saved;
    }
  });

  test('CODE_DEPLOY: needs a load balancer, leaves task definition and load balancer to CodeDeploy, no circuit breaker', () => {
    const t = new TrafficStack();
    t.service('web', { deploymentController: DeploymentControllerType.CODE_DEPLOY, loadBalancer: {} });
    const svc = all(t.synth(), 'aws_ecs_service')[0]!;
    expect(svc.deployment_controller).toEqual({ type: 'CODE_DEPLOY' });
    expect(svc.deployment_circuit_breaker).toBeUndefined();
    expect(svc).toHaveProperty('lifecycle.ignore_changes', ['task_definition', 'load_balancer']);
    const t2 = new TrafficStack();
    expect(() => t2.service('web', { deploymentController: DeploymentControllerType.CODE_DEPLOY })).toThrowProblem(
      'SERVICE_DEPLOYMENT_CONTROLLER_NEEDS_LOAD_BALANCER',
    );
    expect(() =>
      t2.service('api', {
        deploymentController: DeploymentControllerType.CODE_DEPLOY,
        loadBalancer: {},
        circuitBreaker: true,
        deploymentAlarms: { alarmNames: ['x'] },
      }),
    ).toThrowProblem('SERVICE_DEPLOYMENT_CONTROLLER_CONFLICT', 'Ec2Service.circuitBreaker');
  });

  test('EXTERNAL: the service holds no task-set settings, and refuses a load balancer', () => {
    const t = new TrafficStack();
    t.service('web', { deploymentController: DeploymentControllerType.EXTERNAL });
    const svc = all(t.synth(), 'aws_ecs_service')[0]!;
    expect(svc.deployment_controller).toEqual({ type: 'EXTERNAL' });
    for (const key of ['task_definition', 'network_configuration', 'load_balancer', 'capacity_provider_strategy']) {
      expect(svc[key]).toBeUndefined();
    }
    expect(() =>
      t.service('api', { deploymentController: DeploymentControllerType.EXTERNAL, loadBalancer: {} }),
    ).toThrowProblem('SERVICE_DEPLOYMENT_CONTROLLER_CONFLICT', 'Ec2Service.loadBalancer');
  });

  test('refuses a grace period where no health check uses it; takes it with a shared listener', () => {
    const t = new TrafficStack();
    expect(() => t.service('web', { healthCheckGracePeriodSeconds: 30 })).toThrowProblem(
      'SERVICE_GRACE_PERIOD_WITHOUT_HEALTH_CHECK',
      'Ec2Service.healthCheckGracePeriodSeconds',
    );
    const listener = new SharedLoadBalancer(t.stack, 'alb', { network: network(), name: 'shop' }).addListener('http');
    t.service('api', {
      healthCheckGracePeriodSeconds: 30,
      loadBalancer: { listener, priority: 1, conditions: [ListenerCondition.pathPatterns(['/*'])] },
    });
    const svc = all(t.synth(), 'aws_ecs_service').find((s) => s.name === 'api')!;
    expect(svc.health_check_grace_period_seconds).toBe(30);
    expect(NGINX.portMappings[0]!.containerPort).toBe(80);
  });
});
