/**
 * The account, region and partition of a stack: one data source each per stack, and one reference
 * (token) each per stack, whichever construct asks.
 */
import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { AWS_CONTEXT_IDS, stackAccountId, stackPartition, stackRegion } from '../../modules/core';
import { newTestStack, synthJson } from '../support/synth';

describe('stack account, region and partition', () => {
  test('every construct of a stack gets the same reference, from one data source each', () => {
    const { app, stack } = newTestStack();
    const a = new Construct(stack, 'a');
    const b = new Construct(new Construct(stack, 'b'), 'deeper');
    expect(stackAccountId(a)).toBe(stackAccountId(b));
    expect(stackRegion(a)).toBe(stackRegion(b));
    expect(stackPartition(a)).toBe(stackPartition(stack));
    const json = synthJson(app);
    expect(Object.keys(json.data ?? {}).sort()).toEqual(['aws_caller_identity', 'aws_partition', 'aws_region']);
    expect(Object.keys(json.data!.aws_caller_identity!)).toEqual([AWS_CONTEXT_IDS.account]);
  });

  test('each stack has its own', () => {
    const { app, stack } = newTestStack('one');
    const other = new TerraformStack(app, 'two');
    expect(stackAccountId(stack)).not.toBe(stackAccountId(other));
    expect(TerraformStack.of(other.node.findChild(AWS_CONTEXT_IDS.account))).toBe(other);
  });
});
