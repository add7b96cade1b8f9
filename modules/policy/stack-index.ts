/**
 * Every resource and data source of one stack, as synthesized, with the references between them
 * (pure; built from the stack's Terraform JSON, no constructs).
 *
 * Rules that need context use it: which security groups a load balancer uses and on which ports its
 * listeners listen, which IAM roles a task definition names, whether a VPC has a flow log. References
 * are found the way Terraform sees them: an attribute that holds `${aws_lb.web.arn}` refers to
 * `aws_lb.web`.
 */
import type { PolicySubject, TerraformAttributes } from './rule';

/** The parts of a synthesized Terraform JSON document the index reads. */
export interface TerraformDocument {
  readonly resource?: { readonly [type: string]: { readonly [name: string]: TerraformAttributes } };
  readonly data?: { readonly [type: string]: { readonly [name: string]: TerraformAttributes } };
}

// `type.name` or `data.type.name` inside an expression; a type holds at least one underscore.
const REFERENCE = /(?<![\w.-])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)/g;

/** Candidate addresses referenced by the expressions inside `value` (any depth). */
export function referencedAddresses(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      if (!v.includes('${')) return;
      for (const m of v.matchAll(REFERENCE)) found.add(m[1]!);
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) if (k !== '//') visit(child);
    }
  };
  visit(value);
  return [...found];
}

export class StackIndex {
  /** Indexes a synthesized stack (what `TerraformStack.toTerraform()` returns, or a parsed `cdk.tf.json`). */
  public static fromTerraformJson(doc: TerraformDocument): StackIndex {
    const subjects: PolicySubject[] = [];
    for (const [kind, isDataSource] of [['resource', false], ['data', true]] as const) {
      for (const [type, byName] of Object.entries(doc[kind] ?? {})) {
        for (const [name, attributes] of Object.entries(byName ?? {})) {
          const typeKey = isDataSource ? `data.${type}` : type;
          subjects.push({ type, isDataSource, typeKey, name, address: `${typeKey}.${name}`, attributes: attributes ?? {} });
        }
      }
    }
    return new StackIndex(subjects);
  }

  /** Every resource and data source, resources first, in document order. */
  public readonly subjects: readonly PolicySubject[];
  private readonly byAddress = new Map<string, PolicySubject>();
  private readonly byType = new Map<string, PolicySubject[]>();
  private readonly outgoing = new Map<string, Set<string>>();
  private readonly incoming = new Map<string, PolicySubject[]>();

  private constructor(subjects: readonly PolicySubject[]) {
    this.subjects = subjects;
    for (const s of subjects) {
      this.byAddress.set(s.address, s);
      const list = this.byType.get(s.typeKey) ?? [];
      list.push(s);
      this.byType.set(s.typeKey, list);
    }
    for (const s of subjects) {
      const refs = new Set(this.addressesIn(s.attributes));
      this.outgoing.set(s.address, refs);
      for (const target of refs) {
        const list = this.incoming.get(target) ?? [];
        list.push(s);
        this.incoming.set(target, list);
      }
    }
  }

  /** The subject at `address` (`aws_vpc.main`, `data.aws_iam_policy_document.trust`). */
  public get(address: string): PolicySubject | undefined {
    return this.byAddress.get(address);
  }

  /** Every subject of one type key (`aws_lb`, `data.aws_iam_policy_document`). */
  public ofType(...typeKeys: string[]): readonly PolicySubject[] {
    return typeKeys.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** Addresses of subjects in this stack that `value` refers to. */
  public addressesIn(value: unknown): string[] {
    return referencedAddresses(value).filter((a) => this.byAddress.has(a));
  }

  /** The subjects in this stack that `value` refers to. */
  public subjectsIn(value: unknown): PolicySubject[] {
    return this.addressesIn(value).map((a) => this.byAddress.get(a)!);
  }

  /** True when `value` refers to the subject at `address`. */
  public refersTo(value: unknown, address: string): boolean {
    return this.addressesIn(value).includes(address);
  }

  /** Subjects whose attributes refer to `address`, optionally only those of the given type keys. */
  public referrers(address: string, ...typeKeys: string[]): readonly PolicySubject[] {
    const all = this.incoming.get(address) ?? [];
    return typeKeys.length === 0 ? all : all.filter((s) => typeKeys.includes(s.typeKey));
  }

  /** Addresses that the subject at `address` refers to. */
  public references(address: string): readonly string[] {
    return [...(this.outgoing.get(address) ?? [])];
  }
}
