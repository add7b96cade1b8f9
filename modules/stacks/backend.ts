/**
 * Where each stack keeps its Terraform state: local files (default), S3 with native S3 locking
 * (`use_lockfile`, Terraform >= 1.10: no DynamoDB table), or HCP Terraform.
 *
 * Local state lives in the project folder (the folder the app runs in), never in the output folder
 * that each synth replaces, and cdk.tf.json names it relative to the stack folder
 * (`../../../terraform.<stack>.tfstate` under `cdktf.out/stacks/<stack>/`): the JSON works in any
 * checkout of the repository, and Terraform finds the same file wherever it runs the stack.
 */
import * as path from 'path';
import { App, CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, TerraformStack } from 'cdktf';
import { ValidationError } from '../core';
import type { AwsvpcConfig } from './config-schema';

export type BackendConfig = AwsvpcConfig['backend'];

/** Configures the backend of `stack`, whose state is keyed by `stackName`. */
export function configureBackend(
  stack: TerraformStack,
  stackName: string,
  backend: BackendConfig,
  region: string,
): void {
  switch (backend.type) {
    case 'local':
      new LocalBackend(stack, localStatePaths(stack, stackName, backend.path));
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

/**
 * Context key naming the output folder a synth ends in: `synthesizeAtomically` sets it, as its app writes
 * into a scratch folder beside it. Without it, the app's own `outdir`.
 */
export const OUTDIR_CONTEXT_KEY = 'awsvpc:outdir';

/**
 * The local backend's `path` and `workspace_dir` for `stackName`, as cdk.tf.json writes them: relative
 * to the stack folder (`<outdir>/stacks/<stack>`, where Terraform runs), pointing into the project folder.
 *
 * @param configured the configured path (`{stack}` is replaced by the stack name): relative to the
 *   project folder, or absolute (written as given). @default - `terraform.<stack>.tfstate`
 * @throws ValidationError `BACKEND_STATE_IN_OUTDIR` when the state would be inside the output folder
 */
export function localStatePaths(
  stack: TerraformStack,
  stackName: string,
  configured?: string,
): { path: string; workspaceDir: string } {
  const project = process.cwd(); // where cdktf runs the app, and where its own default puts state
  const outdir = path.resolve(
    project,
    (stack.node.tryGetContext(OUTDIR_CONTEXT_KEY) as string | undefined) ?? appOutdir(stack),
  );
  const given = configured?.split('{stack}').join(stackName);
  const target = path.resolve(project, given ?? `terraform.${stackName}.tfstate`);
  const inside = path.relative(outdir, target);
  if (inside === '' || (!inside.startsWith('..') && !path.isAbsolute(inside))) {
    throw new ValidationError({
      code: 'BACKEND_STATE_IN_OUTDIR',
      path: 'backend.path',
      received: `${JSON.stringify(configured)} (${target})`,
      allowed: `a path outside the output folder ${outdir}, which each synth replaces`,
      fix: 'leave backend.path unset (terraform.<stack>.tfstate in the project folder), or name a path relative to the project folder outside the output folder',
    });
  }
  if (given !== undefined && path.isAbsolute(given)) return { path: given, workspaceDir: `${given}.d` };
  const stackDir = path.join(outdir, 'stacks', stackName);
  const relative = path.relative(stackDir, target).split(path.sep).join('/');
  // Non-default workspaces too: Terraform's default workspace_dir (terraform.tfstate.d) is in the stack folder.
  return { path: relative, workspaceDir: `${relative}.d` };
}

/** The output folder of the app `stack` belongs to; cdktf's default when its root is not an App. */
function appOutdir(stack: TerraformStack): string {
  const root = stack.node.root;
  return root instanceof App ? root.outdir : 'cdktf.out';
}
