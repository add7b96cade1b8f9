/**
 * Where tasks run: a Spot capacity provider (a mixed instances policy of several types, drained on
 * interruption), a queue worker spread over on-demand and Spot by weight (its base on on-demand),
 * placed across AZs then packed by memory, and a log agent that runs as a daemon (one task on every
 * container instance), reading the instances' logs through a bind mount. The cluster's capacity
 * checks count all of it: the worker's split by base and weight, one ENI per instance for the daemon
 * on each provider, and the Spot group as its smallest type.
 */
import { Construct } from 'constructs';
import { Ec2CapacityProvider, SpotAllocationStrategy } from '../../modules/compute';
import {
  Ec2Service,
  PlacementConstraint,
  PlacementStrategy,
  SchedulingStrategy,
  TaskDefinition,
} from '../../modules/service';
import type { EverydayPlatform } from './platform';

/** What the workers part adds (tests read it). */
export interface EverydayWorkers {
  /** Spot (and on-demand above nothing) instances of three types. */
  readonly spot: Ec2CapacityProvider;
  /** The queue worker: its base on on-demand, the rest 1:3 on-demand to Spot. */
  readonly worker: Ec2Service;
  /** The log agent: one task per container instance. */
  readonly logAgent: Ec2Service;
}

/** The log agent's image (AWS for Fluent Bit), pinned. */
export const LOG_AGENT_IMAGE = 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4';
/** The worker's image, pinned. */
export const WORKER_IMAGE = 'public.ecr.aws/docker/library/busybox:1.36';

/** Adds the Spot capacity, the weighted worker and the daemon log agent to the platform. */
export function addWorkers(platform: EverydayPlatform): EverydayWorkers {
  const { cluster, onDemand } = platform;
  const scope = new Construct(platform.stack, 'workers');

  // Spot above a base of zero: every instance may be Spot; three types of one architecture widen
  // the Spot pools. The capacity checks count the group as c5.large, its smallest type.
  const spot = cluster.addCapacityProvider('spot', {
    capacityProviderName: 'everyday-spot',
    minSize: 0,
    maxSize: 6,
    mixedInstancesPolicy: {
      instanceTypes: ['c5.xlarge', 'm5.xlarge', 'c5.large'],
      onDemandBaseCapacity: 0,
      onDemandPercentageAboveBaseCapacity: 0,
      spotAllocationStrategy: SpotAllocationStrategy.PRICE_CAPACITY_OPTIMIZED,
    },
  });

  const workerTask = new TaskDefinition(scope, 'worker-task', {
    family: 'everyday-worker',
    cpu: 256,
    memoryMiB: 512,
    containers: [
      {
        name: 'worker',
        image: WORKER_IMAGE,
        essential: true,
        user: '1000:1000',
        readonlyRootFilesystem: true,
        command: ['sh', '-c', 'while true; do echo "polling the queue"; sleep 30; done'],
      },
    ],
  });
  const worker = new Ec2Service(scope, 'worker', {
    cluster,
    taskDefinition: workerTask,
    serviceName: 'everyday-worker',
    desiredCount: 6,
    // Two tasks always on on-demand; of the rest, one in four on on-demand, three on Spot.
    capacityProviderStrategy: [
      { capacityProvider: onDemand, base: 2, weight: 1 },
      { capacityProvider: spot, weight: 3 },
    ],
    placementStrategies: [PlacementStrategy.spreadAcrossAvailabilityZones(), PlacementStrategy.packedByMemory()],
  });

  // The agent reads the instance's logs through a read-only bind mount of /var/log.
  const agentTask = new TaskDefinition(scope, 'log-agent-task', {
    family: 'everyday-log-agent',
    cpu: 128,
    memoryMiB: 256,
    volumes: [{ name: 'host-logs', host: { sourcePath: '/var/log' } }],
    containers: [
      {
        name: 'log-agent',
        image: LOG_AGENT_IMAGE,
        essential: true,
        user: '1000:1000',
        readonlyRootFilesystem: true,
        mountPoints: [{ sourceVolume: 'host-logs', containerPath: '/var/log/host', readOnly: true }],
      },
    ],
  });
  const logAgent = new Ec2Service(scope, 'log-agent', {
    cluster,
    taskDefinition: agentTask,
    serviceName: 'everyday-log-agent',
    schedulingStrategy: SchedulingStrategy.DAEMON,
    // Linux instances only (all of this cluster's are; the constraint keeps it so if Windows joins).
    placementConstraints: [PlacementConstraint.memberOf('attribute:ecs.os-type == linux')],
  });

  return { spot, worker, logAgent };
}
