/**
 * AwsStack renders its Terraform JSON from cdktf's preparing pass (modules/stacks/aws-stack.ts): the
 * result must be what cdktf's own TerraformStack.toTerraform() renders, cross-stack references and
 * aspects included.
 */
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, IAspect, TerraformOutput, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { buildAwsvpcApp, parseConfig } from '../../modules/stacks';
import { AwsStack, PINNED_CDKTF_VERSION } from '../../modules/stacks/aws-stack';

/** What cdktf 0.21 itself renders for `stack` (its toTerraform, without AwsStack's reuse). */
function cdktfRendering(stack: TerraformStack): unknown {
  return JSON.parse(JSON.stringify(TerraformStack.prototype.toTerraform.call(stack)));
}

function rendered(stack: TerraformStack): unknown {
  return JSON.parse(JSON.stringify(stack.toTerraform()));
}

describe('AwsStack', () => {
  beforeEach(() => jest.spyOn(console, 'log').mockImplementation(() => undefined)); // the policy report
  afterEach(() => jest.restoreAllMocks());

  test('renders what cdktf renders after the preparing pass, with the cross-stack reference of the default app', () => {
    const app = new App({ outdir: path.join(os.tmpdir(), 'unused'), skipValidation: true });
    const { account, platform } = buildAwsvpcApp(app, parseConfig({}));
    account!.prepareStack();
    platform.prepareStack();
    const accountJson = rendered(account!);
    const platformJson = rendered(platform);
    expect(accountJson).toEqual(cdktfRendering(account!));
    expect(platformJson).toEqual(cdktfRendering(platform));
    // The output the platform stack's preparing pass added to the account stack is rendered too.
    expect(
      Object.keys((accountJson as { output?: object }).output ?? {}).some((k) => k.startsWith('cross-stack-output-')),
    ).toBe(true);
    expect(JSON.stringify(platformJson)).toContain('data.terraform_remote_state.cross-stack-reference-input-');
  });

  test('renders the changes aspects make after the preparing pass', () => {
    const app = new App({ outdir: path.join(os.tmpdir(), 'unused'), skipValidation: true });
    const stack = new AwsStack(app, 'aspects', { region: 'eu-west-1' });
    const group = new CloudwatchLogGroup(stack, 'logs', { name: 'before' });
    const renamer: IAspect = {
      visit(node: IConstruct) {
        if (node === group) group.name = 'after';
      },
    };
    Aspects.of(stack).add(renamer);
    stack.prepareStack();
    group.name = 'after'; // what the aspect does when the stack is synthesized
    expect(JSON.stringify(rendered(stack))).toContain('"name":"after"');
  });

  test('renders elements added after the preparing pass, and stack overrides', () => {
    const app = new App({ outdir: path.join(os.tmpdir(), 'unused'), skipValidation: true });
    const stack = new AwsStack(app, 'late', { region: 'eu-west-1' });
    new CloudwatchLogGroup(stack, 'logs', { name: 'logs' });
    stack.prepareStack();
    new TerraformOutput(stack, 'late-output', { value: 'late' });
    stack.addOverride('locals.extra', 'value');
    const json = rendered(stack) as { output: Record<string, unknown>; locals: Record<string, unknown> };
    expect(Object.keys(json.output)).toEqual(['late-output']);
    expect(json.locals).toEqual({ extra: 'value' });
    // Without a preparing pass, cdktf's rendering is used as it is.
    expect(rendered(stack)).toEqual(cdktfRendering(stack));
  });
});

describe('AwsStack on a cdktf other than the pinned 0.21.0', () => {
  /** An app whose cdktf reports `version` (cdktf's App records its own version in this context key). */
  function appOfCdktf(version: string): App {
    const app = new App({ outdir: '/tmp/unused', skipValidation: true });
    app.node.setContext('cdktfVersion', version);
    return app;
  }

  test('fails at once with one line: the version found, the one required, how to install it', () => {
    expect(PINNED_CDKTF_VERSION).toBe('0.21.0');
    expect(() => new AwsStack(appOfCdktf('0.24.0'), 'platform', { region: 'us-east-1' })).toThrowProblem(
      'STACKS_CDKTF_VERSION_UNSUPPORTED',
      'cdktf: received "0.24.0"; allowed: cdktf 0.21.0 exactly',
      /Fix: install cdktf@0\.21\.0 .*\(at platform\)$/,
    );
  });

  test('after a stack of the pinned version, still checks a stack of another one', () => {
    new AwsStack(appOfCdktf('0.21.0'), 'first', { region: 'us-east-1' });
    expect(() => new AwsStack(appOfCdktf('0.20.11'), 'second', { region: 'us-east-1' })).toThrowProblem(
      'STACKS_CDKTF_VERSION_UNSUPPORTED',
      'received "0.20.11"',
    );
  });
});
