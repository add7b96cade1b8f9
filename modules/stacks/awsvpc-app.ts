/**
 * The default app's composition: an account-settings stack (unless turned off) and a platform stack
 * that depends on it, so `cdktf deploy '*'` deploys them in order and destroying the platform never
 * touches the account settings.
 */
import { App } from 'cdktf';
import { ContainerInsights } from '../account';
import { AccountStack } from './account-stack';
import { terraformLiteralConfig } from './config';
import type { AwsvpcConfig } from './config-schema';
import { PlatformStack } from './platform-stack';

export interface AwsvpcAppStacks {
  readonly account?: AccountStack;
  readonly platform: PlatformStack;
}

const INSIGHTS: Record<string, ContainerInsights> = {
  enabled: ContainerInsights.ENABLED,
  enhanced: ContainerInsights.ENHANCED,
  disabled: ContainerInsights.DISABLED,
};

/**
 * Adds the default app's stacks to `app`, as `input` describes them. Every configuration string is
 * written into Terraform as literal text (see `terraformLiteralConfig`).
 */
export function buildAwsvpcApp(app: App, input: AwsvpcConfig): AwsvpcAppStacks {
  const config = terraformLiteralConfig(input);
  const a = config.account;
  const account = a.enabled
    ? new AccountStack(app, `${config.namePrefix}-account`, {
        region: config.region,
        tags: config.tags,
        backend: config.backend,
        settings: {
          awsvpcTrunking: a.awsvpcTrunking,
          ...(a.containerInsights ? { containerInsights: INSIGHTS[a.containerInsights] } : {}),
          ...(a.dualStackIPv6 !== undefined ? { dualStackIPv6: a.dualStackIPv6 } : {}),
          preventDestroy: a.preventDestroy,
          createServiceLinkedRole: a.createServiceLinkedRole,
        },
      })
    : undefined;
  const platform = new PlatformStack(app, `${config.namePrefix}-platform`, {
    config,
    ...(account && a.awsvpcTrunking ? { trunkingOptIn: account.settings } : {}),
  });
  if (account) platform.addDependency(account);
  return { ...(account ? { account } : {}), platform };
}
