/** A stack with a plain-object cluster, and services built in it by name, for the traffic tests. */
import type { App, TerraformStack } from 'cdktf';
import type { ICluster } from '../../modules/compute/compute-ref';
import {
  Ec2Service,
  TaskDefinition,
  type ContainerSpec,
  type Ec2ServiceProps,
  type TaskDefinitionProps,
} from '../../modules/service';
import { newTestStack, synthToDir, type TerraformBlock, type TerraformJson } from '../support/synth';
import { cluster, NGINX } from './fixtures';

/** An API container with a named port mapping (Service Connect). */
export const API: ContainerSpec = {
  name: 'api',
  image: 'public.ecr.aws/nginx/nginx-unprivileged:1.27',
  memory: 256,
  portMappings: [{ name: 'http', containerPort: 8080, appProtocol: 'http' }],
};

export class TrafficStack {
  public readonly app: App;
  public readonly stack: TerraformStack;
  public readonly cluster: ICluster = cluster();

  constructor() {
    ({ app: this.app, stack: this.stack } = newTestStack());
  }

  /** A service `name` (task family `name`) with `containers` (default: the seeds' nginx). */
  public service(
    name: string,
    props: Partial<Ec2ServiceProps> = {},
    containers: readonly ContainerSpec[] = [NGINX],
    task: Partial<TaskDefinitionProps> = {},
  ): Ec2Service {
    const taskDefinition = new TaskDefinition(this.stack, `${name}-task`, {
      family: name,
      containers: [...containers],
      ...task,
    });
    return new Ec2Service(this.stack, name, { cluster: this.cluster, taskDefinition, serviceName: name, ...props });
  }

  public synth(): TerraformJson {
    return synthToDir(this.app).json;
  }
}

/** The resources of `type` in `json` as a list. */
export function all(json: TerraformJson, type: string): TerraformBlock[] {
  return Object.values(json.resource?.[type] ?? {});
}
