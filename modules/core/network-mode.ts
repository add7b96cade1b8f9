/** Network modes of task definitions (pure): the one definition every module uses. */

/** Docker networking mode of a task definition's containers (ECS `networkMode`). */
export enum NetworkMode {
  /**
   * Every task gets its own ENI, private IP and security group (the default). Several copies of a
   * task run on one instance with the same container port. Only awsvpc tasks take an ENI (and a
   * subnet address) each.
   */
  AWSVPC = 'awsvpc',
  /** Containers use the instance's network stack: one task per instance per container port. */
  HOST = 'host',
  /** Docker's bridge: host ports mapped to container ports (static or dynamic). */
  BRIDGE = 'bridge',
}
