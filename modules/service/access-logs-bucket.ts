/**
 * An S3 bucket for load balancer access logs, with the policy Elastic Load Balancing needs to write
 * them: private (public access blocked, ACLs disabled), SSE-S3 encrypted (log delivery supports no
 * KMS key), TLS-only access, logs expired after a retention period. Pass `accessLogsOptions(prefix)`
 * as a load balancer's `accessLogs`. A bucket of your own works as well: give its name, and a policy
 * like `loadBalancerLogsPolicy` writes.
 */
import { Construct } from 'constructs';
import { DataAwsElbServiceAccount } from '@cdktf/provider-aws/lib/data-aws-elb-service-account';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { describeValue, isUnresolved, stackAccountId, ValidationError, validHcl } from '../core';
import type { AccessLogsOptions } from './load-balancer-options';

export interface LoadBalancerLogsBucketProps {
  /**
   * Prefix of the bucket's generated name (`bucket_prefix`): S3 names are global, so the name gets a
   * unique suffix.
   * @default 'lb-logs-'
   */
  readonly bucketNamePrefix?: string;
  /**
   * Days log objects are kept.
   * @default 90
   */
  readonly retentionDays?: number;
  /** @default - none */
  readonly tags?: { readonly [key: string]: string };
}

/**
 * The bucket policy that lets Elastic Load Balancing write access logs under `arn/*`: the region's
 * ELB account (Regions older than August 2022), the `logdelivery.elasticloadbalancing.amazonaws.com`
 * principal (newer Regions), `delivery.logs.amazonaws.com` (NLB TLS listeners); and TLS-only access.
 */
export function loadBalancerLogsPolicy(bucketArn: string, elbAccountArn: string, accountId: string): string {
  const objects = `${bucketArn}/*`;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ElbAccountWrites',
        Effect: 'Allow',
        Principal: { AWS: elbAccountArn },
        Action: 's3:PutObject',
        Resource: objects,
      },
      {
        Sid: 'ElbLogDeliveryWrites',
        Effect: 'Allow',
        Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: objects,
      },
      {
        Sid: 'NlbLogDeliveryWrites',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: objects,
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': accountId } },
      },
      {
        Sid: 'NlbLogDeliveryReadsAcl',
        Effect: 'Allow',
        Principal: { Service: 'delivery.logs.amazonaws.com' },
        Action: 's3:GetBucketAcl',
        Resource: bucketArn,
        Condition: { StringEquals: { 'aws:SourceAccount': accountId } },
      },
      {
        Sid: 'TlsOnly',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, objects],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}

/** A private, encrypted bucket for load balancer access logs, with the policy that lets them in. */
export class LoadBalancerLogsBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly bucketName: string;
  public readonly policy: S3BucketPolicy;

  constructor(scope: Construct, id: string, props: LoadBalancerLogsBucketProps = {}) {
    super(scope, id);
    const days = props.retentionDays ?? 90;
    if (!isUnresolved(days) && !(Number.isInteger(days) && days >= 1)) {
      throw new ValidationError(
        {
          code: 'SERVICE_LB_ACCESS_LOGS_INVALID',
          path: 'LoadBalancerLogsBucket.retentionDays',
          received: describeValue(days),
          allowed: 'a whole number of days, at least 1',
          fix: 'e.g. 90',
        },
        this,
      );
    }
    this.bucket = new S3Bucket(this, 'bucket', {
      bucketPrefix: props.bucketNamePrefix ?? 'lb-logs-',
      tags: props.tags,
    });
    this.bucketName = this.bucket.bucket;
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: this.bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: this.bucket.id,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: this.bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketLifecycleConfiguration(this, 'retention', {
      bucket: this.bucket.id,
      rule: [{ id: 'expire-logs', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days }] }],
    });
    const elb = new DataAwsElbServiceAccount(this, 'elb-account');
    this.policy = validHcl(
      new S3BucketPolicy(this, 'policy', {
        bucket: this.bucket.id,
        policy: loadBalancerLogsPolicy(this.bucket.arn, elb.arn, stackAccountId(this)),
      }),
    );
  }

  /** `accessLogs` options for a load balancer writing here under `prefix`. */
  public accessLogsOptions(prefix?: string): AccessLogsOptions {
    return { bucketName: this.bucketName, ...(prefix !== undefined ? { prefix } : {}), dependsOn: [this.policy] };
  }
}
