/**
 * What every run of the default app must look like, whatever the configuration: the laws the
 * random-configuration test checks on each outcome. Each returns the ways an outcome breaks it
 * (empty when it holds), so that a failing run shows all of them at once.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { SynthOutcome } from './synth-outcome';

/** `[CODE] path: received X; allowed: Y. Fix: Z`, as modules/core's formatProblem writes it. */
const PROBLEM_LINE = /^ {2}\[[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\] \S.*: received .+; allowed: .+\. Fix: .+$/;
/** `[construct path] [RULE-ID] message`, as the policy pack annotates a violation. */
const VIOLATION_LINE = /^ {2}\[[^\]]+\] \[[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\] .+$/;
/** cdktf's own closing line after error annotations. */
const CDKTF_HINT =
  /^ {2}Either fix the issues above, or set the environment variable CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS/;

/**
 * Names AWS requires to be unique (in an account and region, or in a VPC), by resource type and
 * attribute: two resources of a stack with the same name synthesize fine and then fail at apply.
 */
export const UNIQUE_NAMES: ReadonlyArray<readonly [type: string, attribute: string]> = [
  ['aws_service_discovery_private_dns_namespace', 'name'],
  ['aws_service_discovery_service', 'name'],
  ['aws_ecs_cluster', 'name'],
  ['aws_ecs_service', 'name'],
  ['aws_ecs_task_definition', 'family'],
  ['aws_ecs_capacity_provider', 'name'],
  ['aws_autoscaling_group', 'name'],
  ['aws_cloudwatch_log_group', 'name'],
  ['aws_lb', 'name'],
  ['aws_lb_target_group', 'name'],
  ['aws_iam_role', 'name'],
  ['aws_security_group', 'name'],
];

/** A run ends in one of two ways: stacks, or a clean rejection (exit code 1). */
export function endedCleanly(outcome: SynthOutcome): string[] {
  switch (outcome.kind) {
    case 'synthesized':
    case 'rejected':
      return [];
    case 'crashed':
      return [`crashed with ${outcome.errorName} (exit code ${outcome.exitCode}):\n${outcome.lines.join('\n')}`];
    case 'hung':
      return [`did not end within ${outcome.afterMs} ms`];
  }
}

/**
 * A rejection says what is wrong the documented way: a header, then one line per problem
 * (`[CODE] path: received ...; allowed: ...; Fix: ...`) or per policy violation.
 */
export function rejectionIsExplained(outcome: SynthOutcome): string[] {
  if (outcome.kind !== 'rejected') return [];
  const [header = '', ...lines] = outcome.lines;
  const problems = /^synth failed: (\d+) problems? \(nothing was written\)$/.exec(header);
  if (problems) {
    const broken = lines.filter((l) => !PROBLEM_LINE.test(l)).map((l) => `not a problem line: ${l}`);
    const count =
      Number(problems[1]) === lines.length
        ? []
        : [`the header counts ${problems[1]} problems, ${lines.length} lines follow`];
    return [...broken, ...count];
  }
  if (header === 'synth failed: the policy pack found violations (nothing was written)') {
    const violations = lines.filter((l) => VIOLATION_LINE.test(l));
    const broken = lines
      .filter((l) => !VIOLATION_LINE.test(l) && !CDKTF_HINT.test(l))
      .map((l) => `not a violation line: ${l}`);
    return [...broken, ...(violations.length === 0 ? ['no violation listed'] : [])];
  }
  return [`unexpected header: ${header}`];
}

/** Stacks were written, each with its Terraform JSON, and no stack names one thing twice. */
export function stacksAreComplete(outcome: SynthOutcome): string[] {
  if (outcome.kind !== 'synthesized') return [];
  if (outcome.stacks.length === 0) return ['no stack was synthesized'];
  return outcome.stacks.flatMap((stack) => {
    const file = path.join(outcome.outdir, 'stacks', stack, 'cdk.tf.json');
    if (!fs.existsSync(file)) return [`${stack}: no cdk.tf.json`];
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      resource?: Record<string, Record<string, Record<string, unknown>>>;
    };
    return UNIQUE_NAMES.flatMap(([type, attribute]) => {
      const names = Object.values(json.resource?.[type] ?? {})
        .map((r) => r[attribute])
        .filter((n) => n !== undefined);
      const twice = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
      return twice.map((n) => `${stack}: two ${type} with ${attribute} ${JSON.stringify(n)}`);
    });
  });
}

/**
 * The default app never lets tasks run privileged containers: every Linux container instance's agent
 * configuration says ECS_DISABLE_PRIVILEGED=true.
 */
export function instancesRefusePrivileged(outcome: SynthOutcome): string[] {
  if (outcome.kind !== 'synthesized') return [];
  return outcome.stacks.flatMap((stack) => {
    const json = JSON.parse(fs.readFileSync(path.join(outcome.outdir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as {
      resource?: Record<string, Record<string, { user_data?: unknown }>>;
    };
    return Object.entries(json.resource?.aws_launch_template ?? {}).flatMap(([name, t]) => {
      if (typeof t.user_data !== 'string')
        return [`${stack}: launch template ${name} has user data built by an expression`];
      const script = Buffer.from(t.user_data, 'base64').toString('utf8');
      if (!script.startsWith('#!/bin/bash')) return [];
      return script.split('\n').includes('ECS_DISABLE_PRIVILEGED=true')
        ? []
        : [`${stack}: launch template ${name} lets tasks run privileged containers`];
    });
  });
}
