import * as fc from 'fast-check';
import {
  FindingLevel,
  formatFinding,
  formatReport,
  PolicyFinding,
  renderPolicyReportJson,
  Severity,
} from '../../modules/policy';

/** An info finding of AWSVPC-LOG-002 on `address`, changed by `overrides`. */
function finding(address: string, overrides: Partial<PolicyFinding> = {}): PolicyFinding {
  return {
    ruleId: 'AWSVPC-LOG-002',
    industryIds: ['CKV_AWS_158'],
    severity: Severity.LOW,
    level: FindingLevel.INFO,
    stackName: 'platform',
    address,
    constructPath: `platform/${address}`,
    message: 'has no kms_key_id',
    fix: 'set kms_key_id',
    suppressed: false,
    ...overrides,
  };
}

function suppressed(
  address: string,
  reason: string,
  at: string,
  overrides: Partial<PolicyFinding> = {},
): PolicyFinding {
  return finding(address, {
    ruleId: 'AWSVPC-SG-002',
    level: FindingLevel.ERROR,
    message: 'allows egress to 0.0.0.0/0 on tcp 443',
    fix: 'name the CIDR',
    suppressed: true,
    suppressionReason: reason,
    suppressedAt: at,
    ...overrides,
  });
}

function violationOn(address: string): PolicyFinding {
  return finding(address, {
    ruleId: 'AWSVPC-VPC-002',
    level: FindingLevel.ERROR,
    message: 'has no aws_flow_log',
    fix: 'add one',
  });
}

function warningOn(address: string): PolicyFinding {
  return finding(address, {
    ruleId: 'AWSVPC-ECS-006',
    level: FindingLevel.WARNING,
    message: 'uses image "nginx", tagged latest',
    fix: 'pin a tag',
  });
}

const REASON = 'tasks reach ECR over HTTPS through the NAT gateway';

describe('formatReport', () => {
  test('prints the counts, then a group of one exactly as formatFinding does', () => {
    const info = finding('aws_cloudwatch_log_group.a');
    const accepted = suppressed('aws_vpc_security_group_egress_rule.a', REASON, 'platform/a');
    const error = violationOn('aws_vpc.main');
    expect(formatReport('platform', [accepted, info, error]).split('\n')).toEqual([
      'Policy pack, stack "platform": 1 violation(s), 0 warning(s), 1 suppressed, 1 info',
      `  ERROR      ${formatFinding(error)}`,
      `  INFO       ${formatFinding(info)}`,
      `  SUPPRESSED ${formatFinding(accepted)}`,
    ]);
  });

  test('collapses info findings of one rule into one line: the count, the first address in code-unit order "and N more", its message', () => {
    const findings = ['aws_cloudwatch_log_group.b', 'aws_cloudwatch_log_group.B', 'aws_cloudwatch_log_group.a'].map(
      (a) => finding(a),
    );
    expect(formatReport('platform', findings).split('\n')).toEqual([
      'Policy pack, stack "platform": 0 violation(s), 0 warning(s), 0 suppressed, 3 info',
      '  INFO       [AWSVPC-LOG-002] 3 findings, on aws_cloudwatch_log_group.B and 2 more: has no kms_key_id. Optional: set kms_key_id. (CKV_AWS_158)',
    ]);
  });

  test('collapses suppressed findings of one rule and one reason, saying where they are suppressed or at how many places', () => {
    const oneGroup = [suppressed('aws_x.b', REASON, 'platform/tasks'), suppressed('aws_x.a', REASON, 'platform/tasks')];
    expect(formatReport('platform', oneGroup).split('\n')[1]).toBe(
      `  SUPPRESSED [AWSVPC-SG-002] 2 findings, on aws_x.a and 1 more: allows egress to 0.0.0.0/0 on tcp 443. Suppressed at platform/tasks: ${REASON}`,
    );
    const twoPlaces = [
      suppressed('aws_x.b', REASON, 'platform/b'),
      suppressed('aws_x.a', REASON, 'platform/a'),
      suppressed('aws_x.c', REASON, 'platform/a'),
    ];
    expect(formatReport('platform', twoPlaces).split('\n')[1]).toBe(
      `  SUPPRESSED [AWSVPC-SG-002] 3 findings, on aws_x.a and 2 more: allows egress to 0.0.0.0/0 on tcp 443. Suppressed at 2 places: ${REASON}`,
    );
  });

  test('keeps findings apart when their outcome, rule or suppression reason differ', () => {
    const other = 'instances reach SSM over HTTPS through the NAT gateway';
    const findings = [
      suppressed('aws_x.a', REASON, 'platform/a'),
      suppressed('aws_x.b', REASON, 'platform/b'),
      suppressed('aws_x.c', other, 'platform/c'),
      suppressed('aws_x.d', REASON, 'platform/d', { ruleId: 'AWSVPC-ECS-004' }),
      finding('aws_x.e', { ruleId: 'AWSVPC-SG-002' }),
      finding('aws_x.f', { ruleId: 'AWSVPC-SG-002' }),
    ];
    expect(
      formatReport('platform', findings)
        .split('\n')
        .slice(1)
        .map((l) => l.replace(/: .*/, '')),
    ).toEqual([
      '  INFO       [AWSVPC-SG-002] 2 findings, on aws_x.e and 1 more',
      '  SUPPRESSED [AWSVPC-ECS-004] aws_x.d',
      '  SUPPRESSED [AWSVPC-SG-002] 2 findings, on aws_x.a and 1 more',
      '  SUPPRESSED [AWSVPC-SG-002] aws_x.c',
    ]);
  });

  test('never collapses violations: each has its own line, with its fix', () => {
    const findings = [violationOn('aws_vpc.b'), violationOn('aws_vpc.a'), warningOn('aws_ecs_task_definition.a')];
    expect(formatReport('platform', findings).split('\n')).toEqual([
      'Policy pack, stack "platform": 2 violation(s), 1 warning(s), 0 suppressed, 0 info',
      `  ERROR      ${formatFinding(findings[1]!)}`,
      `  ERROR      ${formatFinding(findings[0]!)}`,
      `  WARNING    ${formatFinding(findings[2]!)}`,
    ]);
  });

  test('collapses warnings of one rule only when they ask for the same fix', () => {
    const findings = [
      warningOn('aws_ecs_task_definition.b'),
      warningOn('aws_ecs_task_definition.a'),
      finding('aws_ecs_task_definition.c', {
        ruleId: 'AWSVPC-ECS-006',
        level: FindingLevel.WARNING,
        message: 'image is an expression',
        fix: 'check it yourself',
      }),
    ];
    expect(formatReport('platform', findings).split('\n').slice(1)).toEqual([
      '  WARNING    [AWSVPC-ECS-006] 2 findings, on aws_ecs_task_definition.a and 1 more: uses image "nginx", tagged latest. Fix: pin a tag. (CKV_AWS_158) ' +
        "To accept the risk instead, PolicyPack.suppress(<construct>, 'AWSVPC-ECS-006', '<why this is acceptable>').",
      `  WARNING    ${formatFinding(findings[2]!)}`,
    ]);
  });

  test("prints a thousand-service stack's routine findings in a few lines", () => {
    const findings = Array.from({ length: 1000 }, (_, i) => [
      finding(`aws_cloudwatch_log_group.svc-${i}`),
      suppressed(`aws_vpc_security_group_egress_rule.svc-${i}`, REASON, `platform/service-${i}`),
    ]).flat();
    const lines = formatReport('platform', findings).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(
      /^ {2}SUPPRESSED \[AWSVPC-SG-002\] 1000 findings, on aws_vpc_security_group_egress_rule\.svc-0 and 999 more: .* Suppressed at 1000 places: /,
    );
  });
});

describe('renderPolicyReportJson', () => {
  test('holds the counts and every finding with every field, in report order, pretty-printed with a trailing newline', () => {
    const findings = [
      finding('aws_x.b'),
      suppressed('aws_x.s', REASON, 'platform/s'),
      violationOn('aws_vpc.main'),
      finding('aws_x.a'),
    ];
    const text = renderPolicyReportJson('platform', findings);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    const report = JSON.parse(text);
    expect(report).toEqual({
      stackName: 'platform',
      violations: 1,
      warnings: 0,
      suppressed: 1,
      info: 2,
      findings: [findings[2], findings[3], findings[0], findings[1]],
    });
    expect(Object.keys(report.findings[3])).toEqual([
      'ruleId',
      'industryIds',
      'severity',
      'level',
      'stackName',
      'address',
      'constructPath',
      'message',
      'fix',
      'suppressed',
      'suppressionReason',
      'suppressedAt',
    ]);
  });
});

describe('the console report and the JSON report', () => {
  const arbitraryFinding = fc
    .record({
      address: fc.constantFrom('aws_x.a', 'aws_x.B', 'aws_x.c', 'aws_y.a'),
      ruleId: fc.constantFrom('AWSVPC-LOG-002', 'AWSVPC-SG-002', 'AWSVPC-VPC-002'),
      level: fc.constantFrom(FindingLevel.ERROR, FindingLevel.WARNING, FindingLevel.INFO),
      message: fc.constantFrom('one thing', 'another'),
      suppression: fc.option(
        fc.record({
          reason: fc.constantFrom(REASON, 'another reason'),
          at: fc.constantFrom('platform/a', 'platform/b'),
        }),
      ),
    })
    .map(({ address, ruleId, level, message, suppression }) =>
      finding(address, {
        ruleId,
        level,
        message,
        ...(suppression
          ? { suppressed: true, suppressionReason: suppression.reason, suppressedAt: suppression.at }
          : {}),
      }),
    );

  test('are the same for the same findings in any order (property)', () => {
    fc.assert(
      fc.property(
        fc
          .array(arbitraryFinding, { maxLength: 30 })
          .chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length }))),
        ([list, shuffled]) => {
          expect(formatReport('platform', shuffled)).toBe(formatReport('platform', list));
          expect(renderPolicyReportJson('platform', shuffled)).toBe(renderPolicyReportJson('platform', list));
        },
      ),
    );
  });

  test("count every finding: the JSON lists each, and the console report's lines add up to them (property)", () => {
    fc.assert(
      fc.property(fc.array(arbitraryFinding, { maxLength: 30 }), (list) => {
        expect(JSON.parse(renderPolicyReportJson('platform', list)).findings).toHaveLength(list.length);
        const lines = formatReport('platform', list).split('\n').slice(1);
        const counted = lines.map((l) => Number(/^ {2}\S+ +\[[A-Z0-9-]+\] (\d+) findings, on /.exec(l)?.[1] ?? 1));
        expect(counted.reduce((a, b) => a + b, 0)).toBe(list.length);
      }),
    );
  });
});
