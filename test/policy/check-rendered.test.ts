import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { PolicyPack } from '../../modules/policy';
import { newTestStack } from '../support/synth';
import { buildCompliantStack } from './fixtures';
import { thrownValidationError } from '../support/problem-matcher';

describe('PolicyPack.checkRendered (the policy on the JSON a stack renders, without rendering it again)', () => {
  test('passes the compliant reference stack and records the same findings as the aspect', () => {
    const { stack } = newTestStack();
    buildCompliantStack(stack);
    const pack = new PolicyPack({ printReport: false });
    pack.checkRendered(stack, stack.toTerraform());
    expect(pack.violations).toEqual([]);
    expect(pack.suppressed.map((f) => f.ruleId)).toEqual(['AWSVPC-SG-002']);
  });

  test('fails with a POLICY_VIOLATION ValidationError naming the rule, the address and the fix', () => {
    const { stack } = newTestStack();
    const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.0.0.0/16' });
    new DefaultSecurityGroup(stack, 'default-sg', { vpcId: vpc.id });
    const pack = new PolicyPack({ printReport: false });
    const v = thrownValidationError(() => pack.checkRendered(stack, stack.toTerraform()));
    expect(v.code).toBe('POLICY_VIOLATION');
    expect(v.problems).toHaveLength(1);
    expect(v.path).toBe('test/aws_vpc.vpc [AWSVPC-VPC-002]');
    expect(v.message).toMatch(/PolicyPack\.suppress\(<construct>, 'AWSVPC-VPC-002'/);
  });
});
