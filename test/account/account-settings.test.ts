import { App, TerraformOutput, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AccountSettings, ContainerInsights, TrunkingOptIn } from '../../modules/account';
import { newTestStack, resourcesOfType, synthJson, type TerraformBlock } from '../support/synth';
import { thrownValidationError } from '../support/problem-matcher';

function synth(build: (stack: TerraformStack) => void) {
  const { app, stack } = newTestStack();
  build(stack);
  return synthJson(app);
}

function settingsByName(json: ReturnType<typeof synth>): Record<string, TerraformBlock> {
  return Object.fromEntries(
    Object.values(resourcesOfType(json, 'aws_ecs_account_setting_default')).map((r) => [r.name, r]),
  );
}

describe('AccountSettings', () => {
  test('defines the awsvpcTrunking opt-in (enabled) with prevent_destroy by default', () => {
    const json = synth((s) => new AccountSettings(s, 'account'));
    const settings = settingsByName(json);
    expect(Object.keys(settings)).toEqual(['awsvpcTrunking']);
    expect(settings.awsvpcTrunking).toMatchObject({ value: 'enabled', lifecycle: { prevent_destroy: true } });
  });

  test('manages neither Container Insights, dual-stack IPv6 nor the service-linked role by default', () => {
    const json = synth((s) => new AccountSettings(s, 'account'));
    expect(Object.keys(settingsByName(json))).toEqual(['awsvpcTrunking']);
    expect(resourcesOfType(json, 'aws_iam_service_linked_role')).toEqual({});
  });

  test.each([
    [ContainerInsights.ENABLED, 'enabled'],
    [ContainerInsights.ENHANCED, 'enhanced'],
    [ContainerInsights.DISABLED, 'disabled'],
  ])('sets the containerInsights default to %s', (level, value) => {
    const settings = settingsByName(synth((s) => new AccountSettings(s, 'account', { containerInsights: level })));
    expect(settings.containerInsights).toMatchObject({ value, lifecycle: { prevent_destroy: true } });
  });

  test.each([
    [true, 'enabled'],
    [false, 'disabled'],
  ])('sets dualStackIPv6 to %s', (on, value) => {
    const settings = settingsByName(synth((s) => new AccountSettings(s, 'account', { dualStackIPv6: on })));
    expect(settings.dualStackIPv6).toMatchObject({ value });
  });

  test('lets the destroy through when preventDestroy is false', () => {
    const a = { construct: undefined as AccountSettings | undefined };
    const json = synth((s) => {
      a.construct = new AccountSettings(s, 'account', {
        preventDestroy: false,
        containerInsights: ContainerInsights.ENABLED,
      });
    });
    for (const r of Object.values(settingsByName(json))) expect(r.lifecycle).toEqual({ prevent_destroy: false });
    expect(a.construct!.preventDestroy).toBe(false);
  });

  test('creates the ECS service-linked role when asked, protected like the settings', () => {
    const json = synth((s) => new AccountSettings(s, 'account', { createServiceLinkedRole: true }));
    const roles = Object.values(resourcesOfType(json, 'aws_iam_service_linked_role'));
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({ aws_service_name: 'ecs.amazonaws.com', lifecycle: { prevent_destroy: true } });
  });

  test('leaves the trunking setting alone when awsvpcTrunking is false', () => {
    const { stack } = newTestStack();
    const account = new AccountSettings(stack, 'account', { awsvpcTrunking: false });
    expect(account.trunkingEnabled).toBe(false);
    expect(account.trunkingOptInResource).toBeUndefined();
    expect(account.trunkingOptInToken).toBe('disabled');
    expect(Testing.synth(stack)).not.toMatch(/awsvpcTrunking/);
  });

  test("exposes the opt-in as a reference to the setting's value", () => {
    const { app, stack } = newTestStack();
    const account = new AccountSettings(stack, 'account');
    new TerraformOutput(stack, 'opt-in', { value: account.trunkingOptInToken });
    expect(account.trunkingEnabled).toBe(true);
    expect(account.trunkingOptInResource).toBe(account.trunkingSetting);
    expect(synthJson(app).output?.['opt-in']?.value).toMatch(
      /^\$\{aws_ecs_account_setting_default\.account_awsvpc-trunking_[0-9A-F]+\.value\}$/,
    );
  });

  test('the opt-in token crosses stacks as an output of the account stack', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const accountStack = new TerraformStack(app, 'account');
    new AwsProvider(accountStack, 'aws', { region: 'us-east-1' });
    const account = new AccountSettings(accountStack, 'account');
    const other = new TerraformStack(app, 'other');
    new AwsProvider(other, 'aws', { region: 'us-east-1' });
    new TerraformOutput(other, 'opt-in', { value: account.trunkingOptInToken });
    app.synth();
    expect(other.dependencies).toContain(accountStack);
  });

  test('fails when containerInsights is not a ContainerInsights value', () => {
    const { stack } = newTestStack();
    const v = thrownValidationError(
      () => new AccountSettings(stack, 'account', { containerInsights: 'on' as ContainerInsights }),
    );
    expect(v.code).toBe('ACCOUNT_CONTAINER_INSIGHTS_INVALID');
    expect(v.message).toContain('AccountSettings.containerInsights');
    expect(v.message).toContain('"on"');
    expect(v.message).toContain('"enhanced"');
  });
});

describe('TrunkingOptIn.external', () => {
  test('is an enabled opt-in without a resource to depend on', () => {
    const optIn = TrunkingOptIn.external();
    expect(optIn).toEqual({ trunkingEnabled: true, trunkingOptInToken: 'enabled' });
  });
});
