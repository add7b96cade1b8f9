/**
 * ValidationError says where: the construct path beside the prop, recognised across copies of the
 * library by a Symbol, and printed by Node (an app that does not catch it) as its message only.
 */
import { spawnSync } from 'child_process';
import { buildSync } from 'esbuild';
import * as path from 'path';
import { Construct } from 'constructs';
import { TaskDefinition } from '../../modules/service';
import { ProblemCollector, ValidationError, type Problem } from '../../modules/core';
import { Network } from '../../modules/network';
import { newTestStack } from '../support/synth';

const PROBLEM: Problem = {
  code: 'CORE_EXAMPLE_INVALID',
  path: 'Example.size',
  received: '0',
  allowed: 'at least 1',
  fix: 'give a size',
};

describe('the construct path', () => {
  test('ends every problem line, and is kept as constructPath', () => {
    const { stack } = newTestStack('platform');
    const api = new Construct(stack, 'api');
    const e = new ValidationError([PROBLEM, { ...PROBLEM, code: 'CORE_EXAMPLE_OTHER' }], api);
    expect(e.message).toBe(
      [
        '[CORE_EXAMPLE_INVALID] Example.size: received 0; allowed: at least 1. Fix: give a size (at platform/api)',
        '[CORE_EXAMPLE_OTHER] Example.size: received 0; allowed: at least 1. Fix: give a size (at platform/api)',
      ].join('\n'),
    );
    expect(e.constructPath).toBe('platform/api');
    expect({ code: e.code, path: e.path, received: e.received, allowed: e.allowed, fix: e.fix }).toEqual(PROBLEM);
  });

  test('is absent for errors no construct raised', () => {
    const e = new ValidationError(PROBLEM);
    expect(e.constructPath).toBeUndefined();
    expect(e.message).not.toContain('(at ');
  });

  test('ProblemCollector.throwIfAny(scope) locates the problems; at() locates an error once', () => {
    const { stack } = newTestStack('platform');
    const problems = new ProblemCollector();
    problems.add(PROBLEM);
    let thrown: unknown;
    try {
      problems.throwIfAny(new Construct(stack, 'api'));
    } catch (e) {
      thrown = e;
    }
    expect(ValidationError.isValidationError(thrown) && thrown.constructPath).toBe('platform/api');
    const located = new ValidationError(PROBLEM).at(stack);
    expect(located.constructPath).toBe('platform');
    expect(located.at(new Construct(stack, 'other'))).toBe(located);
  });

  test('constructs name their path: a task definition and a network with bad props', () => {
    const { stack } = newTestStack('platform');
    const api = new Construct(stack, 'api');
    expect(() => new TaskDefinition(api, 'task', { family: 'api', containers: [] })).toThrow(
      /^\[SERVICE_[A-Z_]+\] TaskDefinition\.containers: .* \(at platform\/api\/task\)$/m,
    );
    expect(() => new Network(stack, 'network', { namePrefix: 'x', vpcCidr: '10.0.0.0/33' })).toThrow(
      /\[NETWORK_[A-Z_]+\] Network\.vpcCidr: received "10\.0\.0\.0\/33"; .* \(at platform\/network\)$/m,
    );
  });
});

describe('recognised by a Symbol, not by its name', () => {
  test('an error of another copy of the library is recognised', () => {
    let Other: typeof ValidationError | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second, fresh copy of the module is the point
      Other = (require('../../modules/core/validation-error') as typeof import('../../modules/core/validation-error'))
        .ValidationError;
    });
    const e = new Other!(PROBLEM);
    expect(e instanceof ValidationError).toBe(false);
    expect(ValidationError.isValidationError(e)).toBe(true);
  });

  test('an error that only borrows the name is not', () => {
    const impostor = Object.assign(new Error('x'), { name: 'ValidationError', problems: [PROBLEM] });
    expect(ValidationError.isValidationError(impostor)).toBe(false);
    expect(ValidationError.isValidationError(null)).toBe(false);
    expect(ValidationError.isValidationError('ValidationError')).toBe(false);
  });
});

describe('printed by Node when an app does not catch it', () => {
  // What `cdktf synth` shows: the app's stderr. The message once, no stack frames, no field dump.
  const run = (env: NodeJS.ProcessEnv = {}) =>
    spawnSync(
      process.execPath,
      [
        '-e',
        `
    const { ValidationError } = require(${JSON.stringify(path.join(__dirname, '..', '..', '.gen', 'validation-error.js'))});
    function deep() { throw new ValidationError(${JSON.stringify(PROBLEM)}, { node: { path: 'platform/api/task' } }); }
    deep();
  `,
      ],
      { encoding: 'utf8', env: { ...process.env, ...env } },
    );

  beforeAll(() => {
    // The module as plain CommonJS, the way the package ships it.
    buildSync({
      entryPoints: [path.join(__dirname, '..', '..', 'modules', 'core', 'validation-error.ts')],
      outfile: path.join(__dirname, '..', '..', '.gen', 'validation-error.js'),
      format: 'cjs',
      platform: 'node',
      logLevel: 'error',
    });
  });

  test('the message once, without a stack trace or the problem fields', () => {
    const r = run();
    expect(r.status).toBe(1);
    const line =
      '[CORE_EXAMPLE_INVALID] Example.size: received 0; allowed: at least 1. Fix: give a size (at platform/api/task)';
    expect(r.stderr.split(line)).toHaveLength(2);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/problems|received: '|fix: '/);
  });

  test('AWSVPC_ERROR_STACK_TRACES=1 keeps the stack trace, for debugging', () => {
    expect(run({ AWSVPC_ERROR_STACK_TRACES: '1' }).stderr).toMatch(/^\s+at deep /m);
  });
});
