/** What every stack of the default app shares: the AWS provider with default tags, and the backend. */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { PolicyPack } from '../policy';
import { BackendConfig, configureBackend } from './backend';

export interface AwsStackProps {
  /** AWS region of the provider. */
  readonly region: string;
  /** Tags on every resource (the provider's default_tags). @default - none */
  readonly tags?: { readonly [key: string]: string };
  /** Where the stack keeps its state. @default - local state file */
  readonly backend?: BackendConfig;
}

export class AwsStack extends TerraformStack {
  public readonly region: string;
  public readonly provider: AwsProvider;
  /** Runs on the JSON this stack renders for Terraform (see `checkPolicyOnRender`). */
  private renderPolicy?: PolicyPack;

  constructor(scope: Construct, id: string, props: AwsStackProps) {
    super(scope, id);
    this.region = props.region;
    const tags = props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined;
    this.provider = new AwsProvider(this, 'aws', {
      region: props.region,
      ...(tags ? { defaultTags: [{ tags }] } : {}),
    });
    configureBackend(this, id, props.backend ?? { type: 'local' }, props.region);
  }

  /**
   * Checks `pack`'s rules on the Terraform JSON this stack renders when it is synthesized, so the stack
   * is rendered once for Terraform and the policy together (the aspect form renders it a second time,
   * a third of the synth time at 1000 services). A violation fails synth with a ValidationError.
   */
  public checkPolicyOnRender(pack: PolicyPack): void {
    this.renderPolicy = pack;
  }

  public override toTerraform(): any {
    const document = super.toTerraform();
    this.renderPolicy?.checkRendered(this, document);
    return document;
  }
}
