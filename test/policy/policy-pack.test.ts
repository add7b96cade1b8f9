import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AnnotationMetadataEntryType, App, Aspects, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  ALL_RULES,
  FindingLevel,
  PolicyPack,
  PolicyRule,
  Severity,
  violation,
  vpcFlowLogs,
} from '../../modules/policy';
import { thrownValidationError } from '../support/problem-matcher';
import { newTestStack } from '../support/synth';
import { buildCompliantStack } from './fixtures';
import { emptyStack, runPack } from './support';

/** A VPC with its default security group closed but no flow log: exactly one violation (AWSVPC-VPC-002). */
function vpcWithoutFlowLog(scope: Construct): Vpc {
  const vpc = new Vpc(scope, 'vpc', { cidrBlock: '10.0.0.0/16' });
  new DefaultSecurityGroup(scope, 'default-sg', { vpcId: vpc.id });
  return vpc;
}

function readManifestAnnotations(
  app: App,
  stack = 'test',
): { level: string; message: string; constructPath: string }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(app.outdir, 'manifest.json'), 'utf8'));
  return manifest.stacks[stack].annotations;
}

describe('PolicyPack', () => {
  test('passes the compliant reference stack with only its documented suppression', () => {
    const pack = runPack((stack) => {
      buildCompliantStack(stack);
    });
    expect(pack.violations).toEqual([]);
    expect(pack.warnings).toEqual([]);
    expect(pack.suppressed.map((f) => `${f.ruleId} ${f.address}`)).toEqual([
      'AWSVPC-SG-002 aws_vpc_security_group_egress_rule.tasks-https-out',
    ]);
    expect(pack.findings.filter((f) => !f.suppressed).map((f) => `${f.level} ${f.ruleId}`)).toEqual([
      'INFO AWSVPC-LOG-002',
      'INFO AWSVPC-LOG-002',
    ]);
  });
});

describe('PolicyPack failing synth', () => {
  test('a violation fails app.synth() with one message naming the rule, the address, the fix and how to suppress', () => {
    const { app, stack } = newTestStack();
    vpcWithoutFlowLog(stack);
    PolicyPack.applyTo(stack, { printReport: false });
    expect(() => app.synth()).toThrow(/Encountered Annotations with level "ERROR"/);
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split('\n').filter((l) => l.startsWith('[test/'));
    expect(lines).toEqual([
      '[test/vpc] [AWSVPC-VPC-002] aws_vpc.vpc: has no aws_flow_log (no aws_flow_log in the stack has vpc_id referring to it). ' +
        'Fix: add an aws_flow_log with vpc_id = <the VPC>.id and traffic_type = "ALL", delivering to CloudWatch Logs or S3. ' +
        '(CKV2_AWS_11, AVD-AWS-0178, AwsSolutions-VPC7) To accept the risk instead, ' +
        "PolicyPack.suppress(<construct>, 'AWSVPC-VPC-002', '<why this is acceptable>').",
    ]);
    expect(fs.existsSync(path.join(app.outdir, 'stacks', 'test', 'cdk.tf.json'))).toBe(false);
  });

  test('under the cdktf CLI (which sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS) the errors reach the manifest and the CLI fails', () => {
    const before = process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
    process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = 'true';
    let app: App;
    try {
      ({ app } = newTestStack());
      const stack = app.node.findChild('test') as TerraformStack;
      vpcWithoutFlowLog(stack);
      PolicyPack.applyTo(stack, { printReport: false });
      app.synth();
    } finally {
      if (before === undefined) delete process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
      else process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS = before;
    }
    const annotations = readManifestAnnotations(app);
    const errors = annotations.filter((a) => a.level === AnnotationMetadataEntryType.ERROR);
    expect(errors.map((a) => a.message)).toEqual([
      expect.stringMatching(/^\[AWSVPC-VPC-002\] aws_vpc\.vpc: has no aws_flow_log/),
    ]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { printAnnotations } = require('@cdktf/cli-core/src/lib/synth') as {
      printAnnotations: (s: unknown[]) => void;
    };
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(() => printAnnotations([{ annotations }])).toThrow(/error annotations have been encountered/);
      expect(log.mock.calls.map((c) => String(c[0])).join('\n')).toContain('[AWSVPC-VPC-002] aws_vpc.vpc');
    } finally {
      log.mockRestore();
    }
  });

  test('warnings and information do not fail synth', () => {
    const { app, stack } = newTestStack();
    new CloudwatchLogGroup(stack, 'logs', { retentionInDays: 7 });
    const pack = PolicyPack.applyTo(stack, { printReport: false });
    expect(() => app.synth()).not.toThrow();
    expect(pack.findings.map((f) => f.level)).toEqual([FindingLevel.INFO]);
    expect(readManifestAnnotations(app).map((a) => a.level)).toEqual([AnnotationMetadataEntryType.INFO]);
  });

  test('throwIfViolations fails with one ValidationError problem per violation', () => {
    const pack = runPack((s) => {
      vpcWithoutFlowLog(s);
      new Subnet(s, 'public', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', mapPublicIpOnLaunch: true });
    });
    const err = thrownValidationError(() => pack.throwIfViolations());
    expect(err.problems.map((p) => p.code)).toEqual(['POLICY_VIOLATION', 'POLICY_VIOLATION']);
    expect(err.message).toContain('test/aws_vpc.vpc [AWSVPC-VPC-002]');
    expect(err.message).toContain('test/aws_subnet.public [AWSVPC-VPC-001]');
    expect(() =>
      runPack((s) => {
        buildCompliantStack(s);
      }).throwIfViolations(),
    ).not.toThrow();
  });
});

describe('PolicyPack suppressions', () => {
  test('a suppressed violation does not fail synth and is listed, with its reason, in the console report and the annotations', () => {
    const { app, stack } = newTestStack();
    const vpc = vpcWithoutFlowLog(stack);
    PolicyPack.suppress(vpc, 'AWSVPC-VPC-002', 'flow logs are collected by the central network account');
    const pack = PolicyPack.applyTo(stack);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      expect(() => app.synth()).not.toThrow();
      const printed = log.mock.calls.map((c) => String(c[0])).join('\n');
      expect(printed).toContain('Policy pack, stack "test": 0 violation(s), 0 warning(s), 1 suppressed, 0 info');
      expect(printed).toContain('SUPPRESSED [AWSVPC-VPC-002] aws_vpc.vpc: has no aws_flow_log');
      expect(printed).toContain('Suppressed at test/vpc: flow logs are collected by the central network account');
    } finally {
      log.mockRestore();
    }
    expect(pack.suppressed).toEqual([
      expect.objectContaining({
        ruleId: 'AWSVPC-VPC-002',
        address: 'aws_vpc.vpc',
        suppressed: true,
        suppressionReason: 'flow logs are collected by the central network account',
        suppressedAt: 'test/vpc',
      }),
    ]);
    expect(pack.violations).toEqual([]);
    expect(readManifestAnnotations(app)).toEqual([
      expect.objectContaining({
        level: AnnotationMetadataEntryType.INFO,
        constructPath: 'test/vpc',
        message: expect.stringContaining(
          'Suppressed at test/vpc: flow logs are collected by the central network account',
        ),
      }),
    ]);
  });

  test('a suppression on a construct covers the resources below it; the nearest one wins', () => {
    let network: Construct | undefined;
    const pack = runPack((s) => {
      network = new Construct(s, 'network');
      const inner = new Construct(network, 'inner');
      vpcWithoutFlowLog(network);
      new Subnet(inner, 'public', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/24', mapPublicIpOnLaunch: true });
      PolicyPack.suppress(network, 'AWSVPC-VPC-002', 'flow logs come from the central network account');
      PolicyPack.suppress(network, 'AWSVPC-VPC-001', 'the whole network is a public lab, torn down nightly');
      PolicyPack.suppress(inner, 'AWSVPC-VPC-001', 'this subnet hosts the public bastion on purpose');
    });
    expect(pack.violations).toEqual([]);
    expect(pack.suppressed.map((f) => `${f.ruleId} ${f.suppressedAt}: ${f.suppressionReason}`)).toEqual([
      'AWSVPC-VPC-001 test/network/inner: this subnet hosts the public bastion on purpose',
      'AWSVPC-VPC-002 test/network: flow logs come from the central network account',
    ]);
    expect(PolicyPack.suppressionsOn(network!).map((x) => x.ruleId)).toEqual(['AWSVPC-VPC-002', 'AWSVPC-VPC-001']);
  });

  test('fails when the reason is empty or blank', () => {
    const { stack } = emptyStack();
    expect(() => PolicyPack.suppress(stack, 'AWSVPC-VPC-002', '')).toThrowProblem(
      'POLICY_SUPPRESSION_REASON_MISSING',
      'PolicyPack.suppress(reason): received ""',
      'a written reason why the rule does not apply',
    );
    expect(() => PolicyPack.suppress(stack, 'AWSVPC-VPC-002', '   ')).toThrowProblem(
      'POLICY_SUPPRESSION_REASON_MISSING',
    );
  });

  test('fails when the reason is too short to explain anything', () => {
    const { stack } = emptyStack();
    expect(() => PolicyPack.suppress(stack, 'AWSVPC-VPC-002', 'ok')).toThrowProblem(
      'POLICY_SUPPRESSION_REASON_TOO_SHORT',
      'received "ok"; allowed: a reason of at least 10 characters',
    );
  });

  test('fails for an unknown rule id, listing the known ones, and reports every problem at once', () => {
    const { stack } = emptyStack();
    const suppressUnknown = () => PolicyPack.suppress(stack, 'AWSVPC-VPC-999', '');
    expect(suppressUnknown).toThrowProblem(
      'POLICY_SUPPRESSION_RULE_UNKNOWN',
      'PolicyPack.suppress(ruleId): received "AWSVPC-VPC-999"',
      'AWSVPC-VPC-002',
    );
    const err = thrownValidationError(suppressUnknown);
    expect(err.problems.map((p) => p.code)).toEqual([
      'POLICY_SUPPRESSION_RULE_UNKNOWN',
      'POLICY_SUPPRESSION_REASON_MISSING',
    ]);
  });
});

describe('PolicyPack rules', () => {
  const custom: PolicyRule = {
    id: 'ACME-VPC-001',
    industryIds: [],
    severity: Severity.LOW,
    summary: 'VPCs are tagged',
    explanation: 'Cost allocation.',
    fix: 'add tags',
    appliesTo: ['aws_vpc'],
    check: (subject) => (subject.attributes.tags ? [] : [violation('has no tags')]),
  };

  test('runs custom rules, which suppressions may name once a pack knows them', () => {
    const pack = runPack(
      (s) => {
        new Vpc(s, 'tagged', { cidrBlock: '10.0.0.0/16', tags: { team: 'a' } });
        new Vpc(s, 'untagged', { cidrBlock: '10.1.0.0/16' });
      },
      [custom],
    );
    expect(pack.violations.map((f) => `${f.ruleId} ${f.address}: ${f.message}`)).toEqual([
      'ACME-VPC-001 aws_vpc.untagged: has no tags',
    ]);
    const { stack } = emptyStack();
    expect(() => PolicyPack.suppress(stack, 'ACME-VPC-001', 'tags are added by the account pipeline')).not.toThrow();
  });

  test('fails for rule ids in the wrong format or given twice', () => {
    const badIds = () => new PolicyPack({ rules: [custom, { ...custom, id: 'bad id' }, custom] });
    expect(badIds).toThrowProblem('POLICY_RULE_ID_INVALID', 'PolicyPackProps.rules[1].id: received "bad id"');
    const err = thrownValidationError(badIds);
    expect(err.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'POLICY_RULE_ID_INVALID PolicyPackProps.rules[1].id',
      'POLICY_RULE_ID_DUPLICATE PolicyPackProps.rules[2].id',
    ]);
  });

  test('turns a rule that throws into a violation naming the rule, instead of crashing synth', () => {
    const broken: PolicyRule = {
      ...custom,
      id: 'ACME-VPC-002',
      check: () => {
        throw new TypeError('boom');
      },
    };
    const pack = runPack(
      (s) => {
        new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
      },
      [broken],
    );
    expect(pack.violations.map((f) => f.message)).toEqual(['rule ACME-VPC-002 failed on this resource (boom)']);
  });

  test('every built-in rule has a stable id, known industry id formats, a one-line summary and types to inspect', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ALL_RULES) {
      expect(r.id).toMatch(/^AWSVPC-(EC2|ECS|VPC|SG|LOG|IAM|ELB)-\d{3}$/);
      for (const i of r.industryIds) expect(i).toMatch(/^(CKV2?_AWS_\d+|AVD-AWS-\d{4}|AwsSolutions-[A-Z]+\d+)$/);
      expect(r.summary).not.toContain('\n');
      expect(r.explanation.length).toBeGreaterThan(80);
      expect(r.appliesTo.length).toBeGreaterThan(0);
    }
  });

  test('every built-in rule has a compliant and a non-compliant test', () => {
    const dir = path.join(__dirname, 'rules');
    const text = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.test.ts'))
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
      .join('\n');
    const blocks = text.split(/\ndescribe\('/).slice(1);
    for (const rule of ALL_RULES) {
      const block = blocks.find((b) => b.startsWith(`${rule.id} `));
      expect({ rule: rule.id, described: block !== undefined }).toEqual({ rule: rule.id, described: true });
      expect({ rule: rule.id, compliant: /test\(\s*['"`](accepts|says nothing|ignores)/.test(block!) }).toEqual({
        rule: rule.id,
        compliant: true,
      });
      expect({ rule: rule.id, nonCompliant: /test\(\s*['"`](fails|warns|reports)/.test(block!) }).toEqual({
        rule: rule.id,
        nonCompliant: true,
      });
    }
  });
});

describe('PolicyPack as an aspect', () => {
  test('evaluates only the scope it was added to, with the whole stack as context', () => {
    const { stack } = emptyStack();
    const network = new Construct(stack, 'network');
    const logged = vpcWithoutFlowLog(new Construct(network, 'logged'));
    const unlogged = vpcWithoutFlowLog(new Construct(network, 'unlogged'));
    // Outside the scope: a flow log for the first VPC (context), and a public subnet (not evaluated).
    new FlowLog(stack, 'flow-log', {
      vpcId: logged.id,
      trafficType: 'ALL',
      logDestination: 'arn:aws:s3:::flow-logs',
      logDestinationType: 's3',
    });
    new Subnet(stack, 'outside', { vpcId: logged.id, cidrBlock: '10.0.0.0/24', mapPublicIpOnLaunch: true });
    const pack = new PolicyPack({ printReport: false });
    Aspects.of(network).add(pack);
    Testing.synth(stack);
    expect(pack.findings.map((f) => `${f.ruleId} ${f.address}`)).toEqual([
      `AWSVPC-VPC-002 aws_vpc.${unlogged.friendlyUniqueId}`,
    ]);
  });

  test('reports each finding once when the app is synthesized twice', () => {
    const { stack } = emptyStack();
    vpcWithoutFlowLog(stack);
    const pack = new PolicyPack({ rules: [vpcFlowLogs], printReport: false });
    Aspects.of(stack).add(pack);
    Testing.synth(stack);
    Testing.synth(stack);
    expect(pack.findings).toHaveLength(1);
  });

  test("findingsOf gives each evaluated stack's findings, an empty list for a clean one, and nothing for a stack not evaluated", () => {
    const app = Testing.app();
    const stacks = ['flawed', 'clean', 'unseen'].map((name) => {
      const s = new TerraformStack(app, name);
      new AwsProvider(s, 'aws', { region: 'us-east-1' });
      return s;
    });
    vpcWithoutFlowLog(stacks[0]!);
    const pack = new PolicyPack({ rules: [vpcFlowLogs], printReport: false });
    for (const s of stacks.slice(0, 2)) {
      Aspects.of(s).add(pack);
      Testing.synth(s);
    }
    expect(pack.findingsOf(stacks[0]!)?.map((f) => `${f.stackName} ${f.ruleId} ${f.address}`)).toEqual([
      'flawed AWSVPC-VPC-002 aws_vpc.vpc',
    ]);
    expect(pack.findingsOf(stacks[1]!)).toEqual([]);
    expect(pack.findingsOf(stacks[2]!)).toBeUndefined();
  });

  test('applyTo on the app adds the pack to every stack (cdktf ignores aspects on the app)', () => {
    const app = Testing.app();
    for (const name of ['one', 'two']) {
      const s = new TerraformStack(app, name);
      new AwsProvider(s, 'aws', { region: 'us-east-1' });
      new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
    }
    const pack = PolicyPack.applyTo(app, { rules: [vpcFlowLogs], printReport: false });
    for (const name of ['one', 'two']) Testing.synth(app.node.findChild(name) as TerraformStack);
    expect(pack.findings.map((f) => `${f.stackName} ${f.address}`)).toEqual(['one aws_vpc.vpc', 'two aws_vpc.vpc']);
    expect(pack.report()).toContain('Policy pack, stack "two": 1 violation(s)');
  });

  test('applyTo(app) before any stack exists checks every stack the app holds when it synthesizes', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'awsvpc-policy-app-')) });
    const pack = PolicyPack.applyTo(app, { printReport: false });
    const stacks = ['clean', 'flawed'].map((name) => {
      const s = new TerraformStack(app, name);
      new AwsProvider(s, 'aws', { region: 'us-east-1' });
      return s;
    });
    buildCompliantStack(stacks[0]!);
    vpcWithoutFlowLog(stacks[1]!);
    expect(() => app.synth()).toThrow(/\[flawed\/vpc\] \[AWSVPC-VPC-002\] aws_vpc.vpc: has no aws_flow_log/);
    expect(pack.findingsOf(stacks[0]!)?.filter((f) => f.level === FindingLevel.ERROR && !f.suppressed)).toEqual([]);
    expect(pack.violations.map((f) => `${f.stackName} ${f.ruleId} ${f.address}`)).toEqual([
      'flawed AWSVPC-VPC-002 aws_vpc.vpc',
    ]);
    expect(fs.existsSync(path.join(app.outdir, 'stacks', 'flawed', 'cdk.tf.json'))).toBe(false);
  });

  test('applyTo(app) also checks stacks created after the call, and a second synth reports nothing twice', () => {
    const { app, stack } = newTestStack('early');
    buildCompliantStack(stack);
    const pack = PolicyPack.applyTo(app, { printReport: false });
    const late = new TerraformStack(app, 'late');
    new AwsProvider(late, 'aws', { region: 'us-east-1' });
    vpcWithoutFlowLog(late);
    expect(() => app.synth()).toThrow(/\[late\/vpc\] \[AWSVPC-VPC-002\]/);
    expect(() => app.synth()).toThrow(/\[late\/vpc\] \[AWSVPC-VPC-002\]/);
    expect(pack.violations.map((f) => `${f.stackName} ${f.ruleId}`)).toEqual(['late AWSVPC-VPC-002']);
    expect(pack.findingsOf(stack)?.filter((f) => !f.suppressed && f.level === FindingLevel.ERROR)).toEqual([]);
  });

  test('applyTo fails on a construct tree that is neither in an app nor holds a stack', () => {
    expect(() => PolicyPack.applyTo(new Construct(undefined as unknown as Construct, 'loose'))).toThrowProblem(
      'POLICY_SCOPE_HAS_NO_STACK',
      'pass the App (new App()) or the stack to PolicyPack.applyTo',
    );
  });
});
