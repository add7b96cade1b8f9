/**
 * The account-settings stack: the awsvpcTrunking opt-in (and optionally Container Insights, dual-stack
 * IPv6 and the ECS service-linked role) in a stack of its own, so that destroying an application never
 * touches settings that apply to the whole account and region.
 */
import { Construct } from 'constructs';
import { AccountSettings, AccountSettingsProps } from '../account';
import type { CapacityReport } from '../capacity';
import type { TopologyFacts } from '../diagram/topology';
import type { PolicyFinding } from '../policy';
import { AwsStack, AwsStackProps } from './aws-stack';

export interface AccountStackProps extends AwsStackProps {
  readonly settings: AccountSettingsProps;
}

export class AccountStack extends AwsStack {
  public readonly settings: AccountSettings;

  constructor(scope: Construct, id: string, props: AccountStackProps) {
    super(scope, id, props);
    this.settings = new AccountSettings(this, 'account-settings', props.settings);
  }

  /** Account settings run no tasks: no capacity report. */
  public capacityReport(): CapacityReport | undefined {
    return undefined;
  }

  /** Account settings do not run the policy pack: no policy report. */
  public policyFindings(): readonly PolicyFinding[] | undefined {
    return undefined;
  }

  public topologyFacts(): TopologyFacts {
    return { title: `${this.node.id} · ${this.region} (account settings)` };
  }
}
