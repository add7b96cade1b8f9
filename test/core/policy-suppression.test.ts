/** Policy suppressions as constructs declare them (modules/core/policy-suppression.ts). */
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import {
  declarePolicySuppression,
  findPolicySuppression,
  POLICY_SUPPRESSION_METADATA,
  policySuppressionsOn,
} from '../../modules/core';
import { thrownProblems } from '../support/problem-matcher';

/** The problems `fn` throws, as `CODE path`. */
function codesOf(fn: () => unknown): string[] {
  return thrownProblems(fn).map((p) => `${p.code} ${p.path}`);
}

describe('declarePolicySuppression', () => {
  test("stores the rule id and the reason in the construct's metadata, read back with where it was declared", () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const group = new Construct(stack, 'group');
    declarePolicySuppression(group, ' AWSVPC-SG-002 ', ' tasks reach AWS APIs over HTTPS through the NAT gateway ');
    expect(group.node.metadata.filter((m) => m.type === POLICY_SUPPRESSION_METADATA).map((m) => m.data)).toEqual([
      { ruleId: 'AWSVPC-SG-002', reason: 'tasks reach AWS APIs over HTTPS through the NAT gateway' },
    ]);
    expect(policySuppressionsOn(group)).toEqual([
      {
        ruleId: 'AWSVPC-SG-002',
        reason: 'tasks reach AWS APIs over HTTPS through the NAT gateway',
        constructPath: 'stack/group',
      },
    ]);
    expect(policySuppressionsOn(stack)).toEqual([]);
  });

  test('refuses a rule id out of format and a missing or too short reason, all at once, naming the construct', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    expect(codesOf(() => declarePolicySuppression(stack, 'sg-002', ''))).toEqual([
      'POLICY_SUPPRESSION_RULE_UNKNOWN declarePolicySuppression(stack, ...)(ruleId)',
      'POLICY_SUPPRESSION_REASON_MISSING declarePolicySuppression(stack, ...)(reason)',
    ]);
    expect(codesOf(() => declarePolicySuppression(stack, 'AWSVPC-SG-002', 'because'))).toEqual([
      'POLICY_SUPPRESSION_REASON_TOO_SHORT declarePolicySuppression(stack, ...)(reason)',
    ]);
    expect(policySuppressionsOn(stack)).toEqual([]);
  });

  test('the nearest declaration covers a resource; on one construct the last one wins', () => {
    const stack = new TerraformStack(Testing.app(), 'stack');
    const network = new Construct(stack, 'network');
    const vpc = new Vpc(network, 'vpc', { cidrBlock: '10.0.0.0/16' });
    declarePolicySuppression(stack, 'AWSVPC-VPC-002', 'flow logs come from the central network account');
    expect(findPolicySuppression(vpc, 'AWSVPC-VPC-002')?.constructPath).toBe('stack');
    declarePolicySuppression(network, 'AWSVPC-VPC-002', "the construct's own reason for this network");
    declarePolicySuppression(network, 'AWSVPC-VPC-002', "the app restates it with the team's reason");
    expect(findPolicySuppression(vpc, 'AWSVPC-VPC-002')).toEqual({
      ruleId: 'AWSVPC-VPC-002',
      reason: "the app restates it with the team's reason",
      constructPath: 'stack/network',
    });
    expect(findPolicySuppression(vpc, 'AWSVPC-VPC-001')).toBeUndefined();
  });

  test('changes nothing cdktf writes', () => {
    const build = (declare: boolean) => {
      const stack = new TerraformStack(Testing.app(), 'stack');
      const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
      if (declare) declarePolicySuppression(vpc, 'AWSVPC-VPC-002', 'flow logs come from the central network account');
      return Testing.synth(stack);
    };
    expect(build(true)).toBe(build(false));
  });
});
