import { ValidationError } from '../../modules/core/validation-error';
import { thrownProblem } from './problem-matcher';

const problem = {
  code: 'NETWORK_CIDR_INVALID',
  path: 'Network.vpcCidr',
  received: '"10.0.0.0/33"',
  allowed: 'an IPv4 CIDR',
  fix: 'use 10.0.0.0/16',
};
const fails = () => {
  throw new ValidationError([problem], { node: { path: 'app/net' } });
};

describe('toThrowProblem', () => {
  it('passes on the code and fragments of the problem line, construct path included', () => {
    expect(fails).toThrowProblem('NETWORK_CIDR_INVALID', 'Network.vpcCidr', /10\.0\.0\.0\/33/, 'at app/net');
  });

  it('fails on another code, a missing fragment, no error or a plain Error', () => {
    expect(() => expect(fails).toThrowProblem('NETWORK_OTHER')).toThrow(
      /expected a ValidationError with NETWORK_OTHER/,
    );
    expect(() => expect(fails).toThrowProblem('NETWORK_CIDR_INVALID', 'nope')).toThrow(/lacks nope/);
    expect(() => expect(() => 1).toThrowProblem('X_Y')).toThrow(/nothing was thrown/);
    expect(() =>
      expect(() => {
        throw new Error('boom');
      }).toThrowProblem('X_Y'),
    ).toThrow(/Error: boom/);
  });

  it('negates', () => {
    expect(() => undefined).not.toThrowProblem('NETWORK_CIDR_INVALID');
    expect(() => expect(fails).not.toThrowProblem('NETWORK_CIDR_INVALID')).toThrow(/expected no ValidationError/);
  });

  it('returns the problem for tests that read its fields', () => {
    expect(thrownProblem(fails, 'NETWORK_CIDR_INVALID').path).toBe('Network.vpcCidr');
  });
});
