/**
 * Where each stack keeps its Terraform state: local files (default), S3 with native S3 locking
 * (`use_lockfile`, Terraform >= 1.10: no DynamoDB table), or HCP Terraform.
 */
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformStack } from 'cdktf';
import type { AwsvpcConfig } from './config-schema';

export type BackendConfig = AwsvpcConfig['backend'];

/** Configures the backend of `stack`, whose state is keyed by `stackName`. */
export function configureBackend(stack: TerraformStack, stackName: string, backend: BackendConfig, region: string): void {
  switch (backend.type) {
    case 'local':
      new LocalBackend(stack, backend.path ? { path: backend.path.replace('{stack}', stackName) } : {});
      return;
    case 's3': {
      const s3 = new S3Backend(stack, {
        bucket: backend.bucket,
        key: `${backend.keyPrefix}/${stackName}.tfstate`,
        region: backend.region ?? region,
        encrypt: backend.encrypt,
      });
      // cdktf 0.21's S3Backend predates native S3 locking; the setting is Terraform's own.
      if (backend.useLockfile) s3.addOverride('use_lockfile', true);
      return;
    }
    case 'hcp':
      new CloudBackend(stack, {
        hostname: backend.hostname,
        organization: backend.organization,
        workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix}-${stackName}`),
      });
      return;
  }
}
