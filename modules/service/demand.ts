/** What a service asks of its capacity provider, for the ENI and IP budget model (plain data). */
import type { SubnetRef } from '../network/network-ref';
import type { NetworkMode } from './network-mode';

export interface ServiceDemand {
  readonly serviceName: string;
  /** The capacity provider the service's tasks run on. */
  readonly capacityProviderName: string;
  /** Tasks in steady state (the starting count when auto scaling is on). */
  readonly desiredCount: number;
  /** The most tasks in steady state: the auto scaling maximum when on, else `desiredCount`. */
  readonly maxDesiredCount: number;
  /** Deployment maximum percent: during a deployment up to desired x maximumPercent / 100 tasks run. */
  readonly maximumPercent: number;
  /** awsvpc tasks take one ENI (or trunk branch) and one IP each; host and bridge tasks none. */
  readonly networkMode: NetworkMode;
  /** Subnets the task ENIs take IPs from (awsvpc; empty otherwise). */
  readonly subnets: readonly SubnetRef[];
}
