/** Test helpers: run the policy pack (or one rule) on a stack built from raw provider resources. */
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { FindingLevel, PolicyFinding, PolicyPack, PolicyRule } from '../../modules/policy';

/** A stack with the AWS provider, in an app that writes nowhere (Testing.app). */
export function emptyStack(): { app: App; stack: TerraformStack } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  return { app, stack };
}

/** Builds a stack with `build`, runs the pack (only `rules` when given) and returns it. */
export function runPack(build: (stack: TerraformStack) => void, rules?: readonly PolicyRule[]): PolicyPack {
  const { stack } = emptyStack();
  build(stack);
  const pack = new PolicyPack({ rules, printReport: false });
  Aspects.of(stack).add(pack);
  Testing.synth(stack);
  return pack;
}

/** The findings of one rule on the stack `build` makes (only that rule runs). */
export function findingsOf(rule: PolicyRule, build: (stack: TerraformStack) => void): readonly PolicyFinding[] {
  return runPack(build, [rule]).findings;
}

/** Findings of one level, rendered as `address: message` for readable assertions. */
export function messages(findings: readonly PolicyFinding[], level: FindingLevel = FindingLevel.ERROR): string[] {
  return findings.filter((f) => f.level === level).map((f) => `${f.address}: ${f.message}`);
}

/** Base64 of `text` (launch template user data). */
export function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
