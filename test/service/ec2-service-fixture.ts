/** Builds one `web` service (nginx task, plain-object cluster) and synthesizes it, for the Ec2Service tests. */
import type { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { ICluster } from '../../modules/compute/compute-ref';
import {
  Ec2Service,
  TaskDefinition,
  TaskOsFamily,
  type Ec2ServiceProps,
  type TaskDefinitionProps,
} from '../../modules/service';
import { newTestStack, synthToDir } from '../support/synth';
import { cluster, IIS, NGINX } from './fixtures';

type Build = { stack: TerraformStack; td: TaskDefinition };

export function setup(
  task: Partial<TaskDefinitionProps> = {},
): Build & { app: ReturnType<typeof newTestStack>['app'] } {
  const { app, stack } = newTestStack();
  const td = new TaskDefinition(stack, 'task', { family: 'web', containers: [NGINX], ...task });
  return { app, stack, td };
}

/** The service `web` running `td` on the plain-object cluster (unless `props` names another). */
export function webService(
  scope: Construct,
  td: TaskDefinition,
  props: Partial<Ec2ServiceProps> = {},
  id = 'web',
): Ec2Service {
  return new Ec2Service(scope, id, {
    taskDefinition: td,
    serviceName: 'web',
    ...props,
    cluster: props.cluster ?? cluster(),
  });
}

export function synth(props: Partial<Ec2ServiceProps> = {}, task: Partial<TaskDefinitionProps> = {}) {
  const { app, stack, td } = setup(task);
  const service = webService(stack, td, props);
  return { service, stack, json: synthToDir(app).json };
}

/** The seeds' IIS task (Windows Server 2022 Core) as service `iis` on `c`'s second (Windows) capacity provider. */
export function iisService(scope: Construct, c: ICluster, props: Partial<Ec2ServiceProps> = {}): Ec2Service {
  const iis = new TaskDefinition(scope, 'iis', {
    family: 'iis',
    containers: [IIS],
    osFamily: TaskOsFamily.WINDOWS_SERVER_2022_CORE,
  });
  return new Ec2Service(scope, 'iis-svc', {
    cluster: c,
    taskDefinition: iis,
    serviceName: 'iis',
    capacityProvider: c.capacityProviders[1],
    ...props,
  });
}
