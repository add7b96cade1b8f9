/** Helpers shared by the address planner's specifications. */
import { Address4 } from 'ip-address';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { AddressPlan } from '../../modules/network';

/** The blocks of each tier, in AZ order. */
export const cidrs = (plan: AddressPlan) => ({
  public: plan.publicSubnets.map((s) => s.cidrBlock),
  private: plan.privateSubnets.map((s) => s.cidrBlock),
});

/** Start and end (inclusive) of a block, computed in the test with ip-address directly. */
export function range(cidr: string): [bigint, bigint] {
  const a = new Address4(cidr);
  return [a.startAddress().bigInt(), a.endAddress().bigInt()];
}

/** A string token and a list token, for the planner's token rules. */
export function tokens(): { str: string; list: string[] } {
  const stack = new TerraformStack(Testing.app(), 'tokens');
  return {
    str: new TerraformVariable(stack, 's', {}).stringValue,
    list: new TerraformVariable(stack, 'l', {}).listValue,
  };
}
