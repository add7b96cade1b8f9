/**
 * The policy pack: a cdktf Aspect that runs every rule on every Terraform resource and data source of
 * a stack and reports what it finds as annotations.
 *
 * How it fails synth (cdktf 0.21, read from `cdktf/lib/synthesize/synthesizer.js`): after aspects have
 * run, the stack synthesizer collects the annotations of every construct and throws
 * "Encountered Annotations with level ERROR" listing `[construct path] message` for each error, before
 * writing cdk.tf.json. The cdktf CLI sets `CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS` so that the app
 * goes on, then prints every annotation itself and fails the command when one is an error
 * (`@cdktf/cli-core` `printAnnotations`). Either way a violation fails synth, with one message per
 * violation. For scripts that set that variable themselves, `throwIfViolations()` fails independently.
 *
 * How it sees the whole stack: aspects run when the construct tree is complete, so at the first node
 * it visits in a stack (the scope it was added to) the pack synthesizes the stack's Terraform JSON
 * once, indexes every resource and data source (`StackIndex`), and evaluates every resource under that
 * scope with the whole index as context. Later visits below an evaluated scope do nothing, which also
 * makes a second synth of the same app idempotent.
 */
import { Annotations, App, Aspects, IAspect, TerraformDataSource, TerraformResource, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { describeValue, Problem, ProblemCollector, ValidationError } from '../core';
import { formatFinding, formatReport, PolicyFinding, suppressionHint } from './finding';
import { FindingLevel, PolicyRule, RULE_ID_FORMAT, RuleResult, violation } from './rule';
import { ALL_RULES } from './rules';
import { type PolicySubject, StackIndex, type TerraformDocument } from './stack-index';
import {
  addSuppression,
  findSuppression,
  PolicySuppression,
  registerRuleIds,
  suppressionsOn,
  unknownRuleProblems,
} from './suppressions';

registerRuleIds(ALL_RULES.map((r) => r.id));

export interface PolicyPackProps {
  /**
   * The rules to run.
   * @default - every built-in rule (`ALL_RULES`)
   */
  readonly rules?: readonly PolicyRule[];
  /**
   * Print each evaluated stack's findings, suppressed ones with their reasons, to the console.
   * (The cdktf CLI also prints them, from the annotations.)
   * @default true
   */
  readonly printReport?: boolean;
}

type Element = TerraformResource | TerraformDataSource;

function isElement(c: IConstruct): c is Element {
  return TerraformResource.isTerraformResource(c) || TerraformDataSource.isTerraformDataSource(c);
}

/** The element's subject in `index`, found without building its address. */
function subjectOf(e: Element, index: StackIndex): PolicySubject | undefined {
  return index.element(e.terraformResourceType, e.friendlyUniqueId, TerraformDataSource.isTerraformDataSource(e));
}

/** Adds `pack` to every stack below `scope` that does not have it yet; returns how many stacks `scope` holds. */
function joinStacks(scope: IConstruct, pack: PolicyPack): number {
  const stacks = scope.node.findAll().filter((c) => TerraformStack.isStack(c));
  for (const s of stacks) {
    if (!Aspects.of(s).all.includes(pack)) Aspects.of(s).add(pack);
  }
  return stacks.length;
}

const AT_SYNTH = Symbol.for('awsvpc-ecs/policy-pack/at-synth');
type AppAtSynth = App & { [AT_SYNTH]?: (() => void)[] };

/**
 * Makes `pack` join every stack below `scope` when `app.synth()` starts, before cdktf prepares and
 * synthesizes the stacks, so stacks created after `PolicyPack.applyTo(app)` are checked too. The app's
 * own `synth` is wrapped once per app instance (a public method; see docs/adr/0001-policy-pack-on-app.md).
 */
function joinStacksAtSynth(app: App, scope: IConstruct, pack: PolicyPack): void {
  const target = app as AppAtSynth;
  let hooks = target[AT_SYNTH];
  if (!hooks) {
    const list: (() => void)[] = [];
    hooks = list;
    Object.defineProperty(target, AT_SYNTH, { value: list });
    const synth = app.synth;
    app.synth = function synthWithPolicyPacks(this: App): void {
      list.forEach((join) => join());
      synth.call(this);
    };
  }
  hooks.push(() => {
    joinStacks(scope, pack);
  });
}

export class PolicyPack implements IAspect {
  /**
   * Suppresses rule `ruleId` for the resources at or below `scope`, for the written `reason`.
   * Suppressed findings are still reported (info annotations, the console report, `findings`).
   * Throws a ValidationError when the rule id is unknown or the reason is empty or too short.
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    addSuppression(scope, ruleId, reason);
  }

  /** The suppressions declared on `scope` itself. */
  public static suppressionsOn(scope: IConstruct): readonly PolicySuppression[] {
    return suppressionsOn(scope);
  }

  /**
   * Creates a pack and adds it as an aspect of `scope`: a stack or any construct in one, or an app (or
   * a construct that groups stacks), where it checks every stack below `scope` when the app
   * synthesizes, including stacks created after this call. (cdktf 0.21 runs only aspects added to a
   * stack or below it; for an app, the pack joins each stack when `app.synth()` starts.)
   * Throws POLICY_SCOPE_HAS_NO_STACK for a construct tree that is neither in an app nor holds a stack.
   */
  public static applyTo(scope: IConstruct, props: PolicyPackProps = {}): PolicyPack {
    const pack = new PolicyPack(props);
    if (scope.node.scopes.some((s) => TerraformStack.isStack(s))) {
      Aspects.of(scope).add(pack);
      return pack;
    }
    const root = scope.node.root;
    const joined = joinStacks(scope, pack);
    if (App.isApp(root)) {
      joinStacksAtSynth(root, scope, pack);
    } else if (joined === 0) {
      throw new ValidationError(
        {
          code: 'POLICY_SCOPE_HAS_NO_STACK',
          path: 'PolicyPack.applyTo(scope)',
          received: describeValue(scope.node.path || '(a construct tree without an App)'),
          allowed: 'a cdktf App, a TerraformStack, or a construct inside or above one',
          fix: 'pass the App (new App()) or the stack to PolicyPack.applyTo',
        },
        scope,
      );
    }
    return pack;
  }

  /** The rules this pack runs. */
  public readonly rules: readonly PolicyRule[];
  private readonly printReport: boolean;
  private readonly byType = new Map<string, PolicyRule[]>();
  private readonly evaluated = new Set<IConstruct>();
  private readonly all: PolicyFinding[] = [];
  private readonly byStack = new Map<TerraformStack, PolicyFinding[]>();

  constructor(props: PolicyPackProps = {}) {
    this.rules = [...(props.rules ?? ALL_RULES)];
    this.printReport = props.printReport ?? true;
    const problems = new ProblemCollector();
    const seen = new Set<string>();
    this.rules.forEach((rule, i) => {
      problems.check(RULE_ID_FORMAT.test(rule.id), () => ({
        code: 'POLICY_RULE_ID_INVALID',
        path: `PolicyPackProps.rules[${i}].id`,
        received: describeValue(rule.id),
        allowed: 'upper-case words joined by dashes, e.g. "ACME-ECS-001"',
        fix: 'give the rule a stable id in that format; suppressions and reports name it',
      }));
      problems.check(!seen.has(rule.id), () => ({
        code: 'POLICY_RULE_ID_DUPLICATE',
        path: `PolicyPackProps.rules[${i}].id`,
        received: describeValue(rule.id),
        allowed: 'ids that appear once in the pack',
        fix: 'remove the duplicate rule or give it its own id',
      }));
      seen.add(rule.id);
    });
    problems.throwIfAny();
    registerRuleIds(seen);
    for (const rule of this.rules) {
      for (const t of rule.appliesTo) {
        const list = this.byType.get(t) ?? [];
        list.push(rule);
        this.byType.set(t, list);
      }
    }
  }

  /** Every finding so far, suppressed ones included, in evaluation order. */
  public get findings(): readonly PolicyFinding[] {
    return this.all;
  }

  /**
   * The findings on one stack, suppressed ones included, in evaluation order; undefined when the pack
   * has not evaluated that stack (an empty list when it has and found nothing).
   */
  public findingsOf(stack: TerraformStack): readonly PolicyFinding[] | undefined {
    return this.byStack.get(stack);
  }

  /** Unsuppressed errors: what fails synth. */
  public get violations(): readonly PolicyFinding[] {
    return this.all.filter((f) => !f.suppressed && f.level === FindingLevel.ERROR);
  }

  /** Unsuppressed warnings. */
  public get warnings(): readonly PolicyFinding[] {
    return this.all.filter((f) => !f.suppressed && f.level === FindingLevel.WARNING);
  }

  /** Findings covered by a suppression, with its reason. */
  public get suppressed(): readonly PolicyFinding[] {
    return this.all.filter((f) => f.suppressed);
  }

  /** The findings of every evaluated stack, as text (what the console report shows). */
  public report(): string {
    const stacks = [...new Set(this.all.map((f) => f.stackName))];
    return stacks
      .map((s) =>
        formatReport(
          s,
          this.all.filter((f) => f.stackName === s),
        ),
      )
      .join('\n');
  }

  /** Throws one ValidationError (code POLICY_VIOLATION, one problem per violation) when there are violations. */
  public throwIfViolations(): void {
    const problems: Problem[] = this.violations.map((f) => this.problemOf(f));
    if (problems.length > 0) throw new ValidationError(problems);
  }

  private problemOf(f: PolicyFinding): Problem {
    return {
      code: 'POLICY_VIOLATION',
      path: `${f.stackName}/${f.address} [${f.ruleId}]`,
      received: f.message,
      allowed: this.rules.find((r) => r.id === f.ruleId)?.summary ?? f.ruleId,
      fix: `${f.fix}; or, to accept the risk, ${suppressionHint(f.ruleId)}`,
    };
  }

  public visit(node: IConstruct): void {
    const scopes = node.node.scopes;
    if (scopes.some((s) => this.evaluated.has(s))) return;
    const stack = scopes.find((s): s is TerraformStack => TerraformStack.isStack(s));
    if (!stack) return;
    this.evaluated.add(node);
    this.evaluate(node, stack);
  }

  /**
   * Runs the rules on a stack's already rendered Terraform JSON, instead of rendering the stack again
   * as the aspect does, and throws a ValidationError (POLICY_VIOLATION, one problem per violation) when
   * there are violations. For stacks that call it from their own `toTerraform()` (the default app's
   * stacks do): synthesis then renders each stack once for Terraform and the policy together. Findings
   * are not annotations in this mode (the synthesizer has collected those by then): they are in
   * `findings` and the console report.
   */
  public checkRendered(stack: TerraformStack, document: unknown): void {
    this.evaluated.add(stack);
    this.evaluateIndex(stack, stack, StackIndex.fromTerraformJson(document as TerraformDocument), false);
    const mine = this.violations.filter((f) => f.stackName === stack.node.id);
    if (mine.length > 0)
      throw new ValidationError(
        mine.map((f) => this.problemOf(f)),
        stack,
      );
  }

  private evaluate(scope: IConstruct, stack: TerraformStack): void {
    this.evaluateIndex(scope, stack, StackIndex.fromTerraformJson(stack.toTerraform() as TerraformDocument), true);
  }

  private evaluateIndex(scope: IConstruct, stack: TerraformStack, index: StackIndex, annotate: boolean): void {
    const constructs = scope.node.findAll();
    // Constructs declare suppressions without the pack to check their rule ids: check them now.
    const unknown = unknownRuleProblems([...scope.node.scopes.slice(0, -1), ...constructs]);
    if (unknown.length > 0) throw new ValidationError(unknown, scope);
    const found: PolicyFinding[] = [];
    for (const element of constructs.filter(isElement)) {
      const subject = subjectOf(element, index);
      if (!subject) continue;
      for (const rule of this.byType.get(subject.typeKey) ?? []) {
        let results: readonly RuleResult[];
        try {
          results = rule.check(subject, index);
        } catch (e) {
          results = [
            violation(
              `rule ${rule.id} failed on this resource (${e instanceof Error ? e.message : describeValue(e)})`,
              "report this as a bug of the policy pack, with the resource's attributes; suppress the rule for this resource meanwhile",
            ),
          ];
        }
        for (const r of results) found.push(this.record(element, stack, subject.address, rule, r, annotate));
      }
    }
    this.byStack.set(stack, [...(this.byStack.get(stack) ?? []), ...found]);
    if (this.printReport && found.length > 0) {
      console.log(formatReport(stack.node.id, found));
    }
  }

  private record(
    element: Element,
    stack: TerraformStack,
    address: string,
    rule: PolicyRule,
    r: RuleResult,
    annotate: boolean,
  ): PolicyFinding {
    const suppression = findSuppression(element, rule.id);
    const finding: PolicyFinding = {
      ruleId: rule.id,
      industryIds: rule.industryIds,
      severity: rule.severity,
      level: r.level,
      stackName: stack.node.id,
      address,
      constructPath: element.node.path,
      message: r.message,
      fix: r.fix ?? rule.fix,
      suppressed: suppression !== undefined,
      suppressionReason: suppression?.reason,
      suppressedAt: suppression?.constructPath,
    };
    this.all.push(finding);
    if (!annotate) return finding;
    const text = formatFinding(finding);
    const annotations = Annotations.of(element);
    if (finding.suppressed || r.level === FindingLevel.INFO) annotations.addInfo(text);
    else if (r.level === FindingLevel.WARNING) annotations.addWarning(text);
    else annotations.addError(text);
    return finding;
  }
}
