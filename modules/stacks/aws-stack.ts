/** What every stack of the default app shares: the AWS provider with default tags, and the backend. */
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
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
}
